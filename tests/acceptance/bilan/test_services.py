"""Step 17: one anonymous answer per person (also under concurrency), paper answers, the
rapport de bilan read back."""

from __future__ import annotations

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from acceptance.bilan import services
from acceptance.bilan.models import SurveyParticipation, SurveyResponse
from acceptance.choices import AcceptanceDocument, CostNature
from msp_si.common.errors import DomainError
from projects.choices import Axis, DocumentStatus, Profession
from projects.documents.services import document_generate_now
from projects.models import AxisTarget
from tests.typography import document_pdf_text

MARKS = {"overall": 4, "ease_of_use": 3, "operation": 4, "functional": 4, "impact": 5,
         "vendor": 2}


@pytest.mark.django_db
def test_opening_the_survey_invites_each_member_once_by_e_mail(
        team, mailoutbox, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        services.survey_open(project=team.project, by=team.lead)
    with django_capture_on_commit_callbacks(execute=True), \
            pytest.raises(DomainError, match="déjà ouverte"):
        services.survey_open(project=team.project, by=team.lead)

    members = set(team.project.memberships.values_list("user__email", flat=True))
    assert len(members) > 1
    assert sorted(email for message in mailoutbox for email in message.to) == sorted(members)
    message = mailoutbox[0]
    assert "Bilan à un an" in message.subject
    assert f"/projets/{team.project.pk}/" in message.body
    assert "Relation avec le prestataire" in message.body
    assert "à partir de 3 réponses" in message.body
    assert len(message.to) == 1  # nobody sees the others' addresses


@pytest.mark.django_db
def test_a_member_answers_once_and_the_answer_keeps_no_name(team) -> None:
    survey = services.survey_open(project=team.project, by=team.lead)
    with pytest.raises(DomainError, match="déjà ouverte"):
        services.survey_open(project=team.project, by=team.lead)
    services.survey_answer(survey=survey, user=team.doctor, profession=Profession.GP,
                           marks=MARKS, comment="Agenda plus simple qu'avant.")
    with pytest.raises(DomainError, match="déjà répondu"):
        services.survey_answer(survey=survey, user=team.doctor, profession=Profession.GP,
                               marks=MARKS)
    response = SurveyResponse.objects.get()
    assert {f.name for f in SurveyResponse._meta.get_fields()}.isdisjoint(
        {"user", "created_at", "history"})
    assert response.profession == Profession.GP
    with pytest.raises(DomainError, match="de 1 à 5"):
        services.survey_paper_answer(survey=survey, profession=Profession.SECRETARY,
                                     marks={"overall": 9})


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_of_one_person_give_one(team) -> None:
    survey = services.survey_open(project=team.project, by=team.lead)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer() -> None:
        try:
            barrier.wait()
            services.survey_answer(survey=survey, user=team.doctor, profession="gp",
                                   marks=MARKS)
            outcomes.append("ok")
        except DomainError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=answer) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert SurveyParticipation.objects.count() == 1
    assert SurveyResponse.objects.count() == 1


def _pdf_text(document) -> str:
    return document_pdf_text(document, flat=True)


@pytest.mark.django_db
def test_the_rapport_de_bilan_reads_back(team) -> None:
    project = team.project
    AxisTarget.objects.update_or_create(project=project, axis=Axis.COORDINATION,
                                        defaults={"current_level": 0, "target_level": 2})
    services.cost_add(project=project, by=team.amoa, nature=CostNature.INTERNAL,
                      label="Indemnisation du chef de projet", amount=Decimal("4500.00"),
                      spent_on=date(2026, 6, 30))
    with pytest.raises(DomainError, match="déjà enregistré"):
        services.cost_add(project=project, by=team.amoa, nature=CostNature.INTERNAL,
                          label="Indemnisation du chef de projet", amount=Decimal("4500.00"),
                          spent_on=date(2026, 6, 30))
    survey = services.survey_open(project=project, by=team.lead)
    for overall in (5, 4, 4):
        services.survey_paper_answer(survey=survey, profession=Profession.NURSE,
                                     marks={**MARKS, "overall": overall})
    services.survey_answer(survey=survey, user=team.doctor, profession=Profession.GP,
                           marks=MARKS, comment="Réactivité du support à améliorer.")
    services.bilan_save(project=project, paliers_reached={Axis.COORDINATION: 2},
                        synthesis="Le logiciel est adopté par toutes les professions.",
                        recommendations="Étendre au pilotage de l'activité : nouveau projet.")

    document = document_generate_now(project=project, kind=AcceptanceDocument.BILAN_REPORT,
                                     by=team.lead)
    assert document.status == DocumentStatus.DONE, document.error
    text = _pdf_text(document)
    assert "Rapport de bilan" in text
    assert "Le logiciel est adopté par toutes les professions." in text
    assert "Temps interne (indemnisation) 0,00 € 4 500,00 € 4 500,00 €" in text
    assert "Coordination interprofessionnelle 0 2 2 —" in text
    assert "(objectif atteint)" in text
    assert "Résultats d'ensemble (4 réponses)" in text
    assert "Satisfaction globale 4,3" in text  # (5 + 4 + 4 + 4) / 4 = 4,25 → 4,3
    assert "Infirmier·ère (3 réponses)" in text
    assert "Médecin généraliste : moins de 3 réponses" in text
    assert "Réactivité du support à améliorer." in text
    assert "Étendre au pilotage de l'activité : nouveau projet." in text
