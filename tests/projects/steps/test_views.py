"""Step pages: what each role sees and may do on status, planning and validation."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from projects.choices import (
    DocumentKind,
    DocumentStatus,
    Role,
    StepStatus,
    ValidationDecision,
)
from projects.core import services
from projects.models import Document, Step, StepTransition, StepValidation
from projects.steps.services import step_validation_record
from tests.typography import plain

pytestmark = pytest.mark.django_db

NOT_MOVING = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
NOT_VALIDATING = [Role.AMOA, *NOT_MOVING]


def _url(name: str, project, number: int = 1) -> str:  # type: ignore[no-untyped-def]
    return reverse(f"projects:{name}", kwargs={"project_pk": project.pk, "number": number})


def _set_status(project, number: int, status: str) -> Step:  # type: ignore[no-untyped-def]
    Step.objects.filter(project=project, number=number).update(status=status)
    return project.steps.get(number=number)


def _validation_post(project, *attendees, **overrides: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    data: dict[str, object] = {
        "held_on": "2026-01-15", "decision": ValidationDecision.APPROVED,
        "attendees": [m.pk for m in attendees], "notes": "Relue en réunion", "document": "",
    }
    data.update(overrides)
    return data


def test_the_step_page_explains_the_step_and_links_its_working_page(project, lead,
                                                                    client_for) -> None:
    content = plain(client_for(lead).get(_url("step-detail", project, 1)).content.decode())
    assert "1. Objectifs et périmètre" in content
    assert "Phase 1 — Cadrage" in content
    assert "Fixer le palier visé sur chaque axe" in content
    assert "Note de cadrage" in content
    assert reverse("projects:framing", args=[project.pk]) in content
    assert _url("step-detail", project, 2) in content
    assert "À faire" in content


@pytest.mark.parametrize(("number", "page"), [(2, "charter"), (3, "calendar")])
def test_steps_2_and_3_link_their_working_pages(project, lead, client_for, number: int,
                                                page: str) -> None:
    content = plain(client_for(lead).get(_url("step-detail", project, number)).content.decode())
    assert reverse(f"projects:{page}", args=[project.pk]) in content


def test_a_step_number_outside_the_method_is_not_found(project, lead, client_for) -> None:
    assert client_for(lead).get(_url("step-detail", project, 19)).status_code == 404


def test_another_projects_steps_are_not_found(project, make_project, client_for) -> None:
    outsider = make_project(name="Autre MSP").created_by
    client = client_for(outsider)
    assert client.get(_url("step-detail", project, 1)).status_code == 404
    response = client.post(_url("step-transition", project, 1),
                           {"to_status": StepStatus.IN_PROGRESS})
    assert response.status_code == 404
    assert project.steps.get(number=1).status == StepStatus.TODO


@pytest.mark.parametrize("role", NOT_MOVING)
def test_people_without_move_step_cannot_move_or_plan(project, add_member, client_for,
                                                      role: str) -> None:
    client = client_for(add_member(project, role).user)
    page = plain(client.get(_url("step-detail", project, 1)).content.decode())
    moved = client.post(_url("step-transition", project, 1),
                        {"to_status": StepStatus.IN_PROGRESS})
    planned = client.post(_url("step-edit", project, 1), {"due_on": "2026-12-01"})
    step = project.steps.get(number=1)
    assert "Démarrer l&#x27;étape" not in page
    assert (moved.status_code, planned.status_code) == (403, 403)
    assert (step.status, step.due_on) == (StepStatus.TODO, None)
    assert not StepTransition.objects.exists()


@pytest.mark.parametrize("role", [Role.PROJECT_LEAD, Role.AMOA])
def test_lead_and_amoa_move_a_step_with_a_comment(project, add_member, client_for,
                                                  role: str) -> None:
    user = add_member(project, role).user
    client = client_for(user)
    page = plain(client.get(_url("step-detail", project, 1)).content.decode())
    response = client.post(_url("step-transition", project, 1),
                           {"to_status": StepStatus.IN_PROGRESS, "comment": "On démarre"})
    transition = StepTransition.objects.get()
    assert "Démarrer l&#x27;étape" in page
    assert response.status_code == 302
    assert project.steps.get(number=1).status == StepStatus.IN_PROGRESS
    assert (transition.by, transition.comment) == (user, "On démarre")
    followed = plain(client.get(response["Location"]).content.decode())
    assert "L&#x27;étape est maintenant « En cours »." in followed
    assert "On démarre" in followed


def test_with_htmx_the_status_block_and_history_come_back_in_place(project, lead,
                                                                   client_for) -> None:
    response = client_for(lead).post(
        _url("step-transition", project, 1), {"to_status": StepStatus.IN_PROGRESS},
        headers={"HX-Request": "true"},
    )
    content = plain(response.content.decode())
    assert response.status_code == 200
    assert 'id="step-status"' in content
    assert 'id="step-history" aria-labelledby="step-history-title" hx-swap-oob="true"' in content
    assert "<html" not in content
    assert "L&#x27;étape est maintenant « En cours »." in plain(content)
    assert "Marquer terminée" in content


@pytest.mark.parametrize(
    ("start_status", "forged"),
    [
        (StepStatus.DONE, StepStatus.VALIDATED),   # validation is never a manual move
        (StepStatus.TODO, StepStatus.DONE),        # not in the table of allowed moves
        (StepStatus.TODO, "archived"),             # not a status at all
    ],
)
def test_a_forged_status_is_refused_and_nothing_changes(project, lead, client_for,
                                                        start_status: str, forged: str) -> None:
    _set_status(project, 1, start_status)
    client = client_for(lead)
    response = client.post(_url("step-transition", project, 1), {"to_status": forged},
                           follow=True)
    content = plain(response.content.decode())
    assert project.steps.get(number=1).status == start_status
    assert not StepTransition.objects.exists()
    assert 'class="message message-error"' in content


def test_only_the_lead_reopens_a_validated_step(project, lead, add_member, client_for) -> None:
    _set_status(project, 1, StepStatus.VALIDATED)
    amoa = client_for(add_member(project, Role.AMOA).user)
    amoa.post(_url("step-transition", project, 1), {"to_status": StepStatus.IN_PROGRESS})
    status_after_amoa = project.steps.get(number=1).status
    client_for(lead).post(_url("step-transition", project, 1),
                          {"to_status": StepStatus.IN_PROGRESS})
    assert status_after_amoa == StepStatus.VALIDATED
    assert project.steps.get(number=1).status == StepStatus.IN_PROGRESS


def test_planning_is_saved_by_the_lead(project, lead, add_member, client_for) -> None:
    nurse = add_member(project, Role.PROFESSION_REFERENT).user
    response = client_for(lead).post(_url("step-edit", project, 2), {
        "owner": nurse.pk, "start_on": "2026-09-01", "due_on": "2026-10-15"})
    step = project.steps.get(number=2)
    assert response.status_code == 302
    assert (step.owner, step.start_on, step.due_on) == (nurse, date(2026, 9, 1),
                                                         date(2026, 10, 15))


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"start_on": "2026-11-01", "due_on": "2026-10-01"},
         "L&#x27;échéance doit suivre le début prévu."),
        ({"due_on": "31/02/2026"}, "Saisissez une date valide."),
        ({"owner": "999999"}, "Sélectionnez un choix valide."),
    ],
)
def test_bad_planning_is_explained_and_changes_nothing(project, lead, client_for,
                                                       post: dict[str, str],
                                                       message: str) -> None:
    data = {"owner": "", "start_on": "", "due_on": "", **post}
    response = client_for(lead).post(_url("step-edit", project, 2), data)
    step = project.steps.get(number=2)
    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert (step.owner, step.start_on, step.due_on) == (None, None, None)


def test_an_owner_from_another_project_is_refused(project, lead, make_project,
                                                  client_for) -> None:
    stranger = make_project(name="Autre MSP").created_by
    response = client_for(lead).post(_url("step-edit", project, 2),
                                     {"owner": stranger.pk, "due_on": "2026-10-01"})
    step = project.steps.get(number=2)
    assert "Sélectionnez un choix valide." in plain(response.content.decode())
    assert (step.owner, step.due_on) == (None, None)


@pytest.mark.parametrize("role", NOT_VALIDATING)
def test_only_the_lead_records_a_validation(project, add_member, client_for, role: str) -> None:
    _set_status(project, 1, StepStatus.DONE)
    member = add_member(project, role)
    client = client_for(member.user)
    page = plain(client.get(_url("step-detail", project, 1)).content.decode())
    shown = client.get(_url("step-validate", project, 1))
    posted = client.post(_url("step-validate", project, 1), _validation_post(project, member))
    assert "Enregistrer la décision collégiale" not in page
    assert (shown.status_code, posted.status_code) == (403, 403)
    assert project.steps.get(number=1).status == StepStatus.DONE
    assert not StepValidation.objects.exists()


def test_the_lead_validates_a_finished_step_and_the_page_lists_it(project, lead, add_member,
                                                                  client_for) -> None:
    _set_status(project, 1, StepStatus.DONE)
    me = lead.memberships.get(project=project)
    nurse = add_member(project, Role.PROFESSION_REFERENT)
    document = Document.objects.create(project=project, kind=DocumentKind.NOTE_DE_CADRAGE,
                                       version=2, status=DocumentStatus.DONE,
                                       requested_by=lead)
    client = client_for(lead)
    form_page = plain(client.get(_url("step-validate", project, 1)).content.decode())
    response = client.post(_url("step-validate", project, 1),
                           _validation_post(project, me, nurse, document=document.pk),
                           follow=True)
    content = plain(response.content.decode())
    document.refresh_from_db()
    assert "Note de cadrage, version 2" in form_page
    assert project.steps.get(number=1).status == StepStatus.VALIDATED
    assert document.is_frozen is True
    assert "Décision enregistrée : Validé. L&#x27;étape est « Validée »." in plain(content)
    assert nurse.user.display_name in content
    assert "figée" in content


def test_another_projects_member_is_a_form_error(project, lead, make_project,
                                                 client_for) -> None:
    _set_status(project, 1, StepStatus.DONE)
    stranger = make_project(name="Autre MSP").memberships.get()
    data = _validation_post(project, lead.memberships.get(project=project), stranger)
    response = client_for(lead).post(_url("step-validate", project, 1), data)
    assert response.status_code == 200
    assert "Cette personne n&#x27;est pas membre du projet." in plain(response.content.decode())
    assert project.steps.get(number=1).status == StepStatus.DONE
    assert not StepValidation.objects.exists()


def test_another_projects_document_is_a_form_error(project, lead, make_project,
                                                   client_for) -> None:
    _set_status(project, 1, StepStatus.DONE)
    other = make_project(name="Autre MSP")
    foreign_doc = Document.objects.create(project=other, kind=DocumentKind.NOTE_DE_CADRAGE,
                                          version=1, status=DocumentStatus.DONE,
                                          requested_by=other.created_by)
    data = _validation_post(project, lead.memberships.get(project=project),
                            document=foreign_doc.pk)
    response = client_for(lead).post(_url("step-validate", project, 1), data)
    foreign_doc.refresh_from_db()
    assert response.status_code == 200
    assert "Sélectionnez un choix valide." in plain(response.content.decode())
    assert project.steps.get(number=1).status == StepStatus.DONE
    assert not StepValidation.objects.exists()
    assert foreign_doc.is_frozen is False


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"decision": "peut-etre"}, "Sélectionnez un choix valide."),
        ({"attendees": []}, "Indiquez les personnes présentes."),
        ({"held_on": "2999-01-01"}, "La réunion ne peut pas avoir lieu dans le futur."),
        ({"held_on": ""}, "Ce champ est obligatoire."),
    ],
)
def test_a_bad_validation_form_is_explained(project, lead, client_for,
                                            overrides: dict[str, object], message: str) -> None:
    _set_status(project, 1, StepStatus.DONE)
    data = _validation_post(project, lead.memberships.get(project=project), **overrides)
    response = client_for(lead).post(_url("step-validate", project, 1), data)
    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert not StepValidation.objects.exists()


def test_validating_a_step_that_is_not_finished_is_refused(project, lead, client_for) -> None:
    _set_status(project, 1, StepStatus.IN_PROGRESS)
    data = _validation_post(project, lead.memberships.get(project=project))
    response = client_for(lead).post(_url("step-validate", project, 1), data)
    assert "Seule une étape terminée peut être soumise à validation collégiale." in (
        plain(response.content.decode()))
    assert project.steps.get(number=1).status == StepStatus.IN_PROGRESS
    assert not StepValidation.objects.exists()


def test_the_history_lists_every_move_newest_first(project, lead, client_for) -> None:
    step = project.steps.get(number=1)
    for status in (StepStatus.IN_PROGRESS, StepStatus.DONE, StepStatus.IN_PROGRESS):
        services.step_transition(step=step, to_status=status, by=lead, can_reopen=True,
                                 comment=f"vers {status}")
    content = plain(client_for(lead).get(_url("step-detail", project, 1)).content.decode())
    history = content[content.index('id="step-history"'):]
    assert history.count("<tr>") == 4  # header + 3 moves
    assert history.index("Terminée → En cours") < history.index("En cours → Terminée") < (
        history.index("À faire → En cours"))


@pytest.mark.parametrize("moves", [1, 30])
def test_step_page_queries_do_not_grow_with_its_history(
    project, lead, add_member, client_for, django_assert_max_num_queries, moves: int
) -> None:
    step = project.steps.get(number=1)
    members = [add_member(project, Role.MEMBER) for _ in range(5)]
    for n in range(moves):
        target = StepStatus.IN_PROGRESS if n % 2 == 0 else StepStatus.DONE
        services.step_transition(step=step, to_status=target, by=members[n % 5].user,
                                 can_reopen=True)
    for _ in range(moves // 10 + 1):
        _set_status(project, 1, StepStatus.DONE)
        step_validation_record(step=step, held_on=date(2026, 1, 1),
                               decision=ValidationDecision.REJECTED, attendees=members,
                               notes="", document=None, by=lead)
    client = client_for(lead)
    with django_assert_max_num_queries(12):
        assert client.get(_url("step-detail", project, 1)).status_code == 200
