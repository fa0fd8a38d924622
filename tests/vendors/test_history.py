"""A project's history shows the changes to its assessments of vendors, and only its own."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from tests.typography import plain
from vendors.consultation.services import consulted_mark_sent
from vendors.market.services import assessment_start, assessment_update, vendor_create


def test_an_assessment_change_appears_in_the_projects_history(project, lead, make_project,
                                                              client_for) -> None:
    vendor = vendor_create(by=lead, values={"name": "Éditeur Imaginaire", "product": "Synthèse"})
    assessment = assessment_start(project=project, vendor=vendor)
    assessment_update(assessment=assessment, values={"strengths": "Agenda partagé clair"})
    other = make_project(name="MSP voisine")
    assessment_start(project=other, vendor=vendor)

    page = plain(
        client_for(lead).get(reverse("projects:history", args=[project.pk])).content.decode())
    assert "Éditeur Imaginaire" in page
    assert "Agenda partagé clair" in page
    other_page = plain(client_for(other.created_by).get(
        reverse("projects:history", args=[other.pk])).content.decode())
    assert "Agenda partagé clair" not in other_page


def test_consultation_changes_appear_in_the_projects_history(consulted, lead,
                                                             client_for) -> None:
    consulted_mark_sent(consulted=consulted, sent_on=timezone.localdate())
    page = plain(client_for(lead).get(reverse("projects:history",
                                        args=[consulted.project_id])).content.decode())
    assert "Prestataire consulté" in page
    assert consulted.vendor.name in page


def test_an_imported_answer_set_appears_in_the_projects_history(consulted, lead,
                                                                client_for) -> None:
    from vendors.consultation.services import answers_confirm, answers_preview

    from .consultation_fixtures import filled_for

    answers_confirm(answer_set=answers_preview(
        consulted=consulted, content=filled_for(consulted), file_name="reponse-v1.xlsx",
        by=lead), by=lead)
    page = plain(client_for(lead).get(reverse("projects:history",
                                        args=[consulted.project_id])).content.decode())
    assert "Réponse importée" in page
    assert "reponse-v1.xlsx, reçu le" in page
    assert "Confirmé" in page  # the confirmation, shown as a change of state
