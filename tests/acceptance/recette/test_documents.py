"""The protocole de recette and the PV de recette, generated and read back from the PDF."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.choices import AcceptanceDocument
from acceptance.recette import services
from acceptance.recette.documents import PROTOCOL_SECTIONS, PV_SECTIONS
from acceptance.recette.models import CampaignCase
from projects import plugins
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from tests.typography import document_pdf_text

from .conftest import Team, anomaly_add

pytestmark = pytest.mark.django_db


def pdf_text(project, kind: str, by) -> str:
    document = document_generate_now(project=project, kind=kind, by=by)
    assert document.status == DocumentStatus.DONE, document.error
    return document_pdf_text(document, flat=True)


def test_the_pv_is_the_deliverable_validated_at_step_14() -> None:
    assert plugins.step_document_kind(14) == AcceptanceDocument.RECETTE_PV
    assert plugins.document_spec(AcceptanceDocument.RECETTE_PROTOCOL) is not None


def test_the_protocol_says_who_tests_what_when_and_the_acceptance_rule(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    services.campaign_open(project=team.project, by=team.lead, name="Recette utilisateurs",
                           kind="users", starts_on=date(2026, 12, 1),
                           ends_on=date(2026, 12, 18))
    text = pdf_text(team.project, AcceptanceDocument.RECETTE_PROTOCOL, team.amoa)
    for _anchor, title in PROTOCOL_SECTIONS:
        assert title in text
    assert "Besoin de la grille" in text  # cases by origin
    assert team.nurse.display_name in text  # the nurses' référent tests their cases
    assert "Cas transversaux" in text
    assert "Recette utilisateurs" in text
    assert "1er décembre 2026" in text
    assert "18 décembre 2026" in text
    assert "aucune anomalie bloquante n'est ouverte" in text
    assert "réactivité renforcée de 2 mois" in text


def test_the_pv_carries_results_coverage_reserves_decision_and_signatures(team: Team) -> None:
    services.cases_generate(project=team.project, by=team.lead)
    campaign = services.campaign_open(project=team.project, by=team.lead,
                                      name="Recette utilisateurs", kind="users",
                                      starts_on=date(2026, 12, 1), ends_on=date(2026, 12, 18))
    ok_item, ko_item = CampaignCase.objects.filter(campaign=campaign)[:2]
    for item, result in ((ok_item, "ok"), (ko_item, "ko")):
        services.execution_record(item=item, by=team.lead, result=result, comment="Vu",
                                  version=0, can_prepare=True)
    reserve = anomaly_add(team.project, team.lead, severity="minor", number=7,
                          case=ko_item.case)
    reserve.reserve_due_on = date(2027, 1, 15)
    reserve.save()
    services.recette_decide(project=team.project, by=team.lead, verdict_code="with_reserves",
                            decided_on=date(2026, 12, 18), comment="Réserve sur l'impression.")

    text = pdf_text(team.project, AcceptanceDocument.RECETTE_PV, team.lead)

    for _anchor, title in PV_SECTIONS:
        assert title in text
    assert "Recette utilisateurs (Recette utilisateurs)" in text
    assert "Infirmier·ère" in text
    assert "Cas transversaux" in text
    assert "Besoins indispensables et importants vérifiés OK : 1 sur" in text
    assert ko_item.case.requirement.code in text  # the need whose case is KO
    assert "AN-007 — Anomalie fictive 7" in text
    assert "15 janvier 2027" in text  # the reserve's due date
    assert "Recette prononcée avec réserves" in text
    assert "Réserve sur l'impression." in text
    assert team.lead.display_name in text
    assert "Date et signature" in text


def test_the_pv_says_why_it_cannot_be_pronounced(team: Team) -> None:
    anomaly_add(team.project, team.lead, severity="blocking", number=1)
    text = pdf_text(team.project, AcceptanceDocument.RECETTE_PV, team.lead)
    assert "1 anomalie bloquante est ouverte : la recette ne peut pas être prononcée." in text
    assert "Selon la règle d'acceptation : Recette refusée." in text
    assert "Décision à prendre" in text
