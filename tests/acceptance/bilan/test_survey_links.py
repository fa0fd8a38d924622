"""Step 17: people listed without an account answer through a personal link: its hash
only is kept, it expires, can be revoked, serves once (also under concurrency), and a bad
link is a 404 that records nothing."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.urls import reverse

from acceptance.bilan import rules, selectors, services
from acceptance.bilan.models import SurveyInvitation, SurveyResponse
from acceptance.choices import TrainingGroupKind
from acceptance.training import services as training_services
from acceptance.training.models import TrainingGroup
from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash
from projects.choices import Profession

MARKS = {"overall": 4, "ease_of_use": 3, "operation": 4, "functional": 4, "impact": 5,
         "vendor": 2}
FORM = {key: str(value) for key, value in MARKS.items()}


@pytest.fixture
def linked(team):
    """The survey open, two secretaries listed without an account, Inès's link issued."""
    training_services.training_groups_build(project=team.project)
    desk = TrainingGroup.objects.get(project=team.project, name="Secrétariat et accueil")
    ines = training_services.trainee_add(group=desk, name="Inès Morel",
                                         profession=Profession.SECRETARY)
    training_services.trainee_add(group=desk, name="Paul Roux",
                                  profession=Profession.SECRETARY)
    survey = services.survey_open(project=team.project, by=team.lead)
    token = services.survey_link_issue(survey=survey, trainee=ines, by=team.amoa)
    return team, survey, ines, token


def _url(token: str) -> str:
    return reverse("acceptance:survey-link", args=[token])


@pytest.mark.django_db
def test_the_link_is_stored_as_a_hash_and_answers_once_with_the_profession(
        linked, link_posts_allowed) -> None:
    team, _survey, ines, token = linked
    invitation = SurveyInvitation.objects.get(trainee=ines)
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash
    assert invitation.expires_at - invitation.issued_at == timedelta(days=rules.LINK_VALID_DAYS)
    client = Client()
    page = client.get(_url(token))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    assert client.post(_url(token), {**FORM, "comment": "Accueil plus fluide."}
                       ).status_code == 302
    response = SurveyResponse.objects.get()
    assert (response.profession, response.overall, response.comment) == (
        Profession.SECRETARY, 4, "Accueil plus fluide.")
    again = client.post(_url(token), FORM)
    assert "Une réponse a été enregistrée avec ce lien" in again.content.decode()
    assert SurveyResponse.objects.count() == 1
    lines = {line.trainee.name: line.state for line in selectors.survey_links(
        project=team.project, survey=invitation.survey)}
    assert lines == {"Inès Morel": rules.LINK_ANSWERED, "Paul Roux": ""}
    with pytest.raises(DomainError, match="déjà répondu"):
        services.survey_link_issue(survey=invitation.survey, trainee=ines, by=team.lead)


@pytest.mark.django_db
@pytest.mark.parametrize("case", ["wrong", "revoked", "expired", "replaced", "closed"])
def test_a_bad_link_is_404_and_records_nothing(linked, case, link_posts_allowed) -> None:
    team, survey, ines, token = linked
    if case == "wrong":
        token = token[:-2] + "xx"
    elif case == "revoked":
        services.survey_link_revoke(invitation=SurveyInvitation.objects.get(trainee=ines))
    elif case == "replaced":
        services.survey_link_issue(survey=survey, trainee=ines, by=team.lead)
    elif case == "closed":
        survey.closed_at = clock.now()
        survey.save()
    client = Client()
    with time_machine.travel(clock.now() + timedelta(
            days=rules.LINK_VALID_DAYS + 1 if case == "expired" else 0)):
        page = client.get(_url(token))
        posted = client.post(_url(token), FORM)
    assert (page.status_code, posted.status_code) == (404, 404)
    assert "Rien n'a été enregistré" in posted.content.decode()
    assert SurveyResponse.objects.count() == 0
    assert not SurveyInvitation.objects.filter(is_answered=True).exists()


@pytest.mark.django_db
def test_bad_marks_record_nothing_and_keep_the_link(linked, link_posts_allowed) -> None:
    _team, _survey, _ines, token = linked
    response = Client().post(_url(token), {"overall": "9"})
    assert response.status_code == 400
    assert not SurveyInvitation.objects.filter(is_answered=True).exists()
    assert SurveyResponse.objects.count() == 0


@pytest.mark.django_db
def test_only_people_without_an_account_of_the_project_get_a_link(linked, make_project
                                                                  ) -> None:
    team, survey, _ines, _token = linked
    admins = TrainingGroup.objects.get(project=team.project, name="Administrateurs")
    with pytest.raises(DomainError, match="a un compte"):
        services.survey_link_issue(survey=survey, trainee=admins.trainees.first(),
                                   by=team.lead)
    other = make_project(name="MSP voisine")
    desk = TrainingGroup.objects.create(project=other, name="Accueil",
                                        kind=TrainingGroupKind.SECRETARIAT)
    stranger = training_services.trainee_add(group=desk, name="Léa Petit")
    with pytest.raises(DomainError, match="Personne inconnue"):
        services.survey_link_issue(survey=survey, trainee=stranger, by=team.lead)


@pytest.mark.django_db
def test_the_chef_issues_all_links_at_once_shown_once(linked) -> None:
    team, _survey, _ines, _token = linked
    client = Client()
    client.force_login(team.lead)
    page = client.post(reverse("acceptance:survey-link-issue", args=[team.project.pk]))
    assert page.status_code == 200
    assert page["Cache-Control"] == "no-store"
    html = page.content.decode()
    assert "Inès Morel" in html
    assert "Paul Roux" in html
    assert SurveyInvitation.objects.filter(project=team.project).count() == 2
    invitation = SurveyInvitation.objects.get(trainee__name="Inès Morel")
    revoked = client.post(reverse("acceptance:survey-link-revoke",
                                  args=[team.project.pk, invitation.pk]))
    assert revoked.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


@pytest.mark.django_db
def test_the_link_is_rate_limited(linked, monkeypatch) -> None:
    from msp_si.common import ratelimit

    monkeypatch.setattr(ratelimit, "LINK_LIMITS", (("2/d", ("POST",)), ("200/d", "ALL")))
    _team, _survey, _ines, token = linked
    statuses = [Client().post(_url(token), {"overall": "9"}).status_code for _ in range(3)]
    assert statuses == [400, 400, 429]


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_answers_through_one_link_give_one(linked) -> None:
    _team, _survey, ines, _token = linked
    invitation = SurveyInvitation.objects.select_related("survey", "trainee").get(trainee=ines)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def answer() -> None:
        try:
            barrier.wait()
            services.survey_link_answer(invitation=invitation, marks=MARKS)
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
    assert SurveyResponse.objects.count() == 1
