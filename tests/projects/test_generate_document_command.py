"""``manage.py generate_document``: a PDF written to disk and a version recorded."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from projects.choices import DocumentStatus, Role
from projects.models import Document


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Each test stores its files in its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def test_the_command_writes_a_pdf_and_records_a_version(project, lead, tmp_path) -> None:
    output = tmp_path / "note.pdf"
    call_command("generate_document", str(project.pk), "note_de_cadrage", "-o", str(output))
    document = Document.objects.get(project=project)
    assert (document.version, document.status, document.requested_by) == (
        1, DocumentStatus.DONE, lead)
    assert output.read_bytes() == document.file.read()
    assert len(PdfReader(output).pages) > 2


def test_the_author_can_be_another_member(project, add_member, tmp_path) -> None:
    amoa = add_member(project, Role.AMOA)
    Document.objects.create(project=project, kind="note_de_cadrage", version=1,
                            requested_by=project.created_by, status=DocumentStatus.DONE)
    call_command("generate_document", str(project.pk), "note_de_cadrage",
                 "-o", str(tmp_path / "n.pdf"), "--auteur", amoa.user.email.upper())
    document = Document.objects.get(project=project, version=2)
    assert document.requested_by == amoa.user


@pytest.mark.parametrize(("arguments", "message"), [
    (["999999", "note_de_cadrage"], "Projet introuvable"),
    (["{project}", "cahier_pirate"], "Type de document inconnu"),
    (["{project}", "note_de_cadrage", "--auteur", "inconnu@exemple.test"],
     "Aucun membre du projet"),
    # Kinds that are about a vendor or a vote need their subject, checked before any version.
    (["{project}", "vote_minutes"], "précisez son identifiant avec --sujet"),
    (["{project}", "consultation_letter", "--sujet", "abc"], "n'est pas un identifiant"),
    (["{project}", "vendor_cadre", "--sujet", "999999"], "Sujet introuvable"),
    (["{project}", "vote_minutes", "--sujet", "999999"], "Vote introuvable"),
    (["{project}", "note_de_cadrage", "--sujet", "3"], "ne porte sur aucun sujet"),
])
def test_clear_errors(project, make_user, tmp_path, arguments, message) -> None:
    make_user("inconnu@exemple.test")  # has an account, but is not a member
    args = [a.format(project=project.pk) for a in arguments]
    with pytest.raises(CommandError, match=message):
        call_command("generate_document", *args, "-o", str(tmp_path / "x.pdf"))
    assert Document.objects.count() == 0


def test_a_failed_render_shows_users_no_python_error(project, lead) -> None:
    failed = Document.objects.create(project=project, kind="note_de_cadrage", version=1,
                                     requested_by=lead, status=DocumentStatus.FAILED,
                                     error="ValueError: invalid literal for int() with base 10")
    refused = Document.objects.create(project=project, kind="note_de_cadrage", version=2,
                                      requested_by=lead, status=DocumentStatus.FAILED,
                                      error="DomainError: Vote introuvable pour ce projet.")
    assert "int()" not in failed.error_for_users
    assert failed.error_for_users.startswith("Incident technique")
    assert refused.error_for_users == "Vote introuvable pour ce projet."
