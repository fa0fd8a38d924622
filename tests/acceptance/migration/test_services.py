"""Step 13 writes: the checklist from steps 4 and 7, sample checks (failed ones become
cases MIG-…), the method note, go / no-go and the final run."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.choices import CaseSource
from acceptance.migration import services
from acceptance.migration.choices import MigrationMethod
from acceptance.models import AcceptanceCase, MigrationLine, MigrationNote
from msp_si.common.errors import DomainError
from requirements.existing import services as existing
from requirements.expected.services import migration_item_add

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def checklist(project, lead) -> list[MigrationLine]:
    """Two step 7 items, GPs and nurses with software, free-text records at step 4."""
    migration_item_add(project=project, data="Dossiers médicaux (antécédents, traitements)",
                       source_software="Logiciel médical A (fictif)", data_format="XML")
    migration_item_add(project=project, data="Rendez-vous à venir",
                       source_software="Agenda (fictif)", data_format="iCalendar")
    for profession, software in (("gp", "Logiciel médical A (fictif) v2019"),
                                 ("nurse", "Logiciel de soins B (fictif)")):
        existing.profession_profile_save(project=project, profession=profession, by=lead,
                                         values={"software": software}, site_counts={})
    existing.existing_set_it(project=project, values={
        "data_entry_quality": "medium",
        "data_entry_note": "Antécédents saisis en texte libre, peu de données codées."})
    assert services.migration_checklist_generate(project=project, by=lead) == 3
    return list(MigrationLine.objects.filter(project=project))


def test_the_checklist_comes_from_steps_7_and_4_with_the_predicted_method(
        project, lead, checklist) -> None:
    records, appointments, nurses = checklist
    assert (records.profession, records.method) == ("gp", MigrationMethod.REKEYING)
    assert "texte libre" in records.method_reason
    assert (appointments.profession, appointments.method) == ("", MigrationMethod.AUTOMATIC)
    assert (nurses.profession, nurses.source_software) == ("nurse",
                                                           "Logiciel de soins B (fictif)")
    assert services.migration_checklist_generate(project=project, by=lead) == 0


def _check(line, lead, discrepancies: int, note: str = ""):
    return services.sample_check_record(line=line, by=lead, checked_on=date(2026, 11, 20),
                                        professional="Dr Alice Fictive", records_checked=20,
                                        discrepancies=discrepancies, discrepancy_note=note)


def test_a_failed_check_is_a_case_and_blocks_go_until_it_is_rechecked(
        project, lead, checklist) -> None:
    services.migration_note_attach(project=project, by=lead, content=PDF,
                                   file_name="methode.pdf")
    for line in checklist:
        services.migration_line_move(line=line, to_state="trial_run", by=lead)
    failed = _check(checklist[0], lead, 3, "Allergies absentes sur trois dossiers.")
    assert failed.case is not None
    assert failed.case.code == "MIG-001"
    assert failed.case.source == CaseSource.MIGRATION
    assert "Dr Alice Fictive" in failed.case.title
    assert "Allergies" in failed.case.steps
    for line in checklist[1:]:
        _check(line, lead, 0)
    assert AcceptanceCase.objects.filter(project=project).count() == 1
    assert services.migration_cases_sync(project=project, by=lead) == 0

    with pytest.raises(DomainError, match="à refaire"):
        services.migration_decide(project=project, by=lead, decision="go",
                                  decided_on=date(2026, 11, 21), reason="Essai concluant")
    with pytest.raises(DomainError, match="contrôle par échantillon sans écart"):
        services.migration_line_move(line=checklist[0], to_state="checked", by=lead)
    no_go = services.migration_decide(project=project, by=lead, decision="no_go",
                                      decided_on=date(2026, 11, 21), reason="Écarts")
    assert no_go.decision == "no_go"

    _check(checklist[0], lead, 0)
    for line in checklist:
        services.migration_line_move(line=line, to_state="checked", by=lead)
    with pytest.raises(DomainError, match="go"):
        services.migration_line_move(line=checklist[0], to_state="final_run", by=lead)
    services.migration_decide(project=project, by=lead, decision="go",
                              decided_on=date(2026, 11, 22), reason="Écarts corrigés")
    with pytest.raises(DomainError, match="déjà enregistrée"):
        services.migration_decide(project=project, by=lead, decision="go",
                                  decided_on=date(2026, 11, 22), reason="Bis")
    assert services.migration_line_move(line=checklist[0], to_state="final_run",
                                        by=lead).state == "final_run"


def test_bad_checks_are_refused(project, lead, checklist) -> None:
    with pytest.raises(DomainError, match="Décrivez"):
        _check(checklist[0], lead, 2)
    with pytest.raises(DomainError, match="plus de dossiers"):
        services.sample_check_record(line=checklist[0], by=lead, checked_on=date(2026, 11, 20),
                                     professional="X", records_checked=2, discrepancies=3,
                                     discrepancy_note="n")
    assert not checklist[0].checks.exists()
    _check(checklist[0], lead, 0)
    with pytest.raises(DomainError, match="déjà enregistré"):
        _check(checklist[0], lead, 0)
    assert checklist[0].checks.count() == 1


def test_the_method_note_is_checked_stored_once(project, lead) -> None:
    with pytest.raises(DomainError, match="pas un PDF"):
        services.migration_note_attach(project=project, by=lead, content=b"MZ\x90\x00",
                                       file_name="note.exe")
    note = services.migration_note_attach(project=project, by=lead, content=PDF,
                                          file_name="Méthode de reprise.pdf")
    assert note.file.name.startswith(f"reprise/{project.pk}/")
    assert "Méthode" not in note.file.name
    with note.file.open("rb") as handle:
        assert handle.read() == PDF
    with pytest.raises(DomainError, match="déjà jointe"):
        services.migration_note_attach(project=project, by=lead, content=PDF, file_name="b.pdf")
    assert MigrationNote.objects.filter(project=project).count() == 1
