"""The demo part of steps 12–13 on the phase-4 demo MSP, and the « Règles de paramétrage
et politique d'habilitation » PDF read back from the file."""

from __future__ import annotations

import pytest

from acceptance.choices import AcceptanceDocument, CaseSource
from acceptance.demo.settings import seed
from acceptance.models import AcceptanceCase, HabilitationProfile, MigrationLine, SettingItem
from acceptance.settings.documents import SETTINGS_RULES_SECTIONS
from projects.choices import DocumentStatus
from projects.core.removal import project_delete
from projects.demo import seed as demo
from projects.documents.services import document_generate_now
from projects.models import Project
from tests.typography import document_pdf_text

pytestmark = pytest.mark.django_db


def _text(document) -> str:
    return document_pdf_text(document, flat=True)


def test_the_demo_part_and_the_rules_document(chosen_msp) -> None:
    project, people = chosen_msp
    seed(project=project, people=people)
    seed(project=project, people=people)  # idempotent

    profiles = list(HabilitationProfile.objects.filter(project=project))
    assert len(profiles) == 12
    hab = AcceptanceCase.objects.filter(project=project, source=CaseSource.HABILITATION)
    assert hab.count() == 12
    assert set(SettingItem.objects.filter(project=project)
               .values_list("state", flat=True)) >= {"to_document", "configured", "verified"}
    mig = AcceptanceCase.objects.filter(project=project, source=CaseSource.MIGRATION)
    assert list(mig.values_list("code", flat=True)) == ["MIG-001"]
    records = MigrationLine.objects.filter(project=project).first()
    assert records.method == "rekeying"
    assert records.checks.get().discrepancies == 4

    document = document_generate_now(project=project, kind=AcceptanceDocument.SETTINGS_RULES,
                                     by=people[demo.LEAD.key])
    assert document.status == DocumentStatus.DONE, document.error
    text = _text(document)
    for _anchor, title in SETTINGS_RULES_SECTIONS:
        assert title in text
    assert "Matrice validée collégialement (version 1" in text
    assert "Vacataires et stagiaires — Vacataire" in text
    assert "Dossier médical détaillé" in text
    assert "PAR-001" in text
    assert "hébergeur certifié de données de santé" in text
    # Open points: the leaflet is not handed out yet, items are not all verified.
    assert "Dépliant d'information remis aux patients (à faire)" in text


def test_a_project_with_steps_12_and_13_filled_can_still_be_removed(chosen_msp) -> None:
    """Sample checks protect their line (RESTRICT): the removal walks them first."""
    project, people = chosen_msp
    seed(project=project, people=people)
    project_delete(project=project)
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not MigrationLine.objects.filter(project_id=project.pk).exists()
