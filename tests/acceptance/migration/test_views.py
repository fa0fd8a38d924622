"""Step 13 pages: the note uploaded with its checks and served to members only, sample
checks, the go / no-go refused while a check failed, objects of other projects hidden."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from acceptance.migration import services
from acceptance.models import MigrationDecision, MigrationLine, MigrationNote
from requirements.expected.services import migration_item_add
from tests.typography import plain

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _url(name: str, project, *args) -> str:
    return reverse(f"acceptance:{name}", args=[project.pk, *args])


@pytest.fixture
def line(project, lead) -> MigrationLine:
    migration_item_add(project=project, data="Données administratives",
                       source_software="Secrétariat (fictif)", data_format="CSV")
    services.migration_checklist_generate(project=project, by=lead)
    return MigrationLine.objects.get(project=project)


def test_the_note_is_checked_then_served_to_members_only(
        project, lead, make_project, client_for, client) -> None:
    owner = client_for(lead)
    refused = owner.post(_url("migration-note-upload", project), {
        "file": SimpleUploadedFile("note.pdf", b"<html>not a pdf</html>", "application/pdf")})
    assert refused.status_code == 400
    assert "pas un PDF" in plain(refused.content.decode())
    assert not MigrationNote.objects.exists()

    sent = owner.post(_url("migration-note-upload", project), {
        "file": SimpleUploadedFile("méthode.pdf", PDF, "application/pdf"),
        "summary": "Export CSV, pas de pièces jointes."})
    assert sent.status_code == 302
    note = MigrationNote.objects.get(project=project)
    served = owner.get(_url("migration-note-file", project, note.pk))
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == PDF
    assert served["Content-Type"] == "application/pdf"
    assert "attachment" in served["Content-Disposition"]
    assert served["X-Content-Type-Options"] == "nosniff"

    other = make_project(name="MSP voisine")
    outsider = client_for(other.created_by)
    assert outsider.get(_url("migration-note-file", other, note.pk)).status_code == 404
    assert outsider.get(_url("migration-note-file", project, note.pk)).status_code == 404


def test_a_failed_check_makes_a_case_and_go_is_refused_until_rechecked(
        project, lead, line, client_for) -> None:
    client = client_for(lead)
    services.migration_note_attach(project=project, by=lead, content=PDF, file_name="n.pdf")
    client.post(_url("migration-line-move", project, line.pk), {"to_state": "trial_run"})
    check = {"checked_on": "2026-11-20", "professional": "Mme Lina Exemple (fictive)",
             "records_checked": "30", "discrepancies": "2",
             "discrepancy_note": "Deux adresses tronquées."}
    answer = client.post(_url("sample-check-add", project, line.pk), check, follow=True)
    assert "MIG-001" in plain(answer.content.decode())
    go = {"decision": "go", "decided_on": "2026-11-21", "reason": "Essai concluant"}
    refused = client.post(_url("migration-decide", project), go)
    assert refused.status_code == 400
    assert "à refaire" in plain(refused.content.decode())
    assert not MigrationDecision.objects.exists()
    client.post(_url("sample-check-add", project, line.pk),
                {**check, "discrepancies": "0", "discrepancy_note": ""})
    assert client.post(_url("migration-decide", project), go).status_code == 302
    assert MigrationDecision.objects.get().decision == "go"


def test_a_bad_check_is_refused_with_nothing_recorded(project, lead, line, client_for) -> None:
    response = client_for(lead).post(_url("sample-check-add", project, line.pk), {
        "checked_on": "2026-11-20", "professional": "X", "records_checked": "5",
        "discrepancies": "2", "discrepancy_note": ""})
    assert response.status_code == 400
    assert "Décrivez les écarts" in plain(response.content.decode())
    assert not line.checks.exists()


def test_lines_of_another_project_are_hidden(project, lead, make_project, client_for) -> None:
    other = make_project(name="MSP voisine")
    migration_item_add(project=other, data="Dossiers", source_software="Ancien",
                       data_format="CSV")
    services.migration_checklist_generate(project=other, by=other.created_by)
    foreign = MigrationLine.objects.get(project=other)
    client = client_for(lead)
    assert client.get(_url("migration-line-edit", project, foreign.pk)).status_code == 404
    assert client.post(_url("migration-line-move", project, foreign.pk),
                       {"to_state": "trial_run"}).status_code == 404
    assert client.post(_url("sample-check-add", project, foreign.pk), {}).status_code == 404
    assert MigrationLine.objects.get(pk=foreign.pk).state == "planned"


def _grow(project, lead, count: int) -> None:
    """``count`` more lines, each with a sample check (failed: a case) and a move."""
    start = MigrationLine.objects.filter(project=project).count()
    for n in range(start, start + count):
        migration_item_add(project=project, data=f"Données {n}", source_software=f"Logiciel {n}",
                           data_format="CSV")
    services.migration_checklist_generate(project=project, by=lead)
    for line in MigrationLine.objects.filter(project=project, checks__isnull=True):
        services.sample_check_record(line=line, by=lead, checked_on=date(2026, 11, 20),
                                     professional="Dr Exemple", records_checked=10,
                                     discrepancies=1, discrepancy_note="Un écart.")


def test_the_migration_page_costs_the_same_queries_whatever_its_size(
        project, lead, client_for, django_assert_num_queries) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(lead)
    url = _url("migration", project)
    _grow(project, lead, 2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _grow(project, lead, 6)
    with django_assert_num_queries(len(small.captured_queries)):
        assert client.get(url).status_code == 200
