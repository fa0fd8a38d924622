"""Réversibilité: the demo goes out to an archive and comes back as a new project.

Every page of the imported project that takes only the project shows the same text as the
original's (figures, names, dates, statuses), its documents download byte for byte, and
its history is the original's.
"""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from msp_si.accounts.models import User
from projects.choices import DocumentKind, Role
from projects.demo.seed import LEAD
from projects.documents.services import document_generate_now
from projects.history import history_page
from projects.models import Document, Project, ProjectUserObjectPermission
from projects.policy import VIEW_PROJECT
from projects.transfer.importer import project_import
from requirements.models import Requirement
from tests.page_text import page, project_pages
from vendors.models import Vendor

from .conftest import archive_of

pytestmark = pytest.mark.django_db


def _page(client, name: str, project: Project) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    return page(client, name, project.pk)


def test_the_demo_comes_back_with_the_same_pages_documents_and_history(demo, client) -> None:
    archive = archive_of(demo)
    users_before = User.objects.count()

    result = project_import(source=io.BytesIO(archive))
    imported = result.project

    assert imported.pk != demo.pk
    assert result.users_created == []
    assert User.objects.count() == users_before
    assert Vendor.objects.count() == Vendor.objects.distinct().count()  # catalogue reused
    assert (Requirement.objects.filter(project=imported).count()
            == Requirement.objects.filter(project=demo).count())
    lead = User.objects.get(email=LEAD.email)
    client.force_login(lead)
    pages = project_pages()
    assert len(pages) > 20
    compared = 0
    for name in pages:
        original = _page(client, name, demo)
        assert _page(client, name, imported) == original, name
        compared += original[0] == 200
    assert compared > 15

    [source] = Document.objects.filter(project=demo)
    [copy] = Document.objects.filter(project=imported)
    assert (copy.version, copy.checksum, copy.requested_at) == (
        source.version, source.checksum, source.requested_at)
    download = client.get(reverse("projects:document-download", args=[imported.pk, copy.pk]))
    with source.file.open("rb") as handle:
        assert b"".join(download.streaming_content) == handle.read()

    original_page, original_entries = history_page(project=demo)
    imported_page, imported_entries = history_page(project=imported)
    assert imported_page.paginator.count == original_page.paginator.count > 0
    assert [(e.at, e.author, e.object_label, e.change_type, e.changes)
            for e in imported_entries] == [
        (e.at, e.author, e.object_label, e.change_type, e.changes) for e in original_entries]


def test_people_unknown_here_are_created_inactive(project, lead) -> None:
    archive = archive_of(project)
    email = lead.email
    # The chef de projet has no account on the "other installation".
    lead.email = "ailleurs@exemple.test"
    lead.save()

    result = project_import(source=io.BytesIO(archive))

    assert result.users_created == [email]
    created = User.objects.get(email=email)
    assert not created.is_active
    assert not created.has_usable_password()
    assert result.project.memberships.get(user=created).role == Role.PROJECT_LEAD
    # Granted like any chef de projet: usable as soon as an administrator activates it.
    assert ProjectUserObjectPermission.objects.filter(
        user=created, content_object=result.project, permission__codename=VIEW_PROJECT
    ).exists()


def test_the_commands_write_and_read_an_archive(project, lead, media_root, tmp_path) -> None:
    document_generate_now(project=project, kind=DocumentKind.NOTE_DE_CADRAGE, by=lead)
    path = tmp_path / "projet.zip"
    out = io.StringIO()
    call_command("export_project", str(project.pk), "-o", str(path), stdout=out)
    assert "1 fichier(s)" in out.getvalue()
    assert not (tmp_path / "projet.zip.partiel").exists()

    call_command("import_project", str(path), stdout=out)

    [copy] = Document.objects.filter(project__name=project.name).exclude(project=project)
    assert copy.file.name.startswith(f"projets-importes/{copy.project_id}/")
    with copy.file.open("rb") as handle:
        assert hashlib.sha256(handle.read()).hexdigest() == copy.checksum
