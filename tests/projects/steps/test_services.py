"""Services of a step: planning, status moves and collegial validation."""

from __future__ import annotations

from datetime import date

import pytest

from msp_si.common.errors import DomainError
from projects.choices import (
    DocumentKind,
    DocumentStatus,
    Role,
    StepStatus,
    ValidationDecision,
)
from projects.core import services
from projects.models import Document, Step, StepTransition, StepValidation
from projects.steps.services import step_update, step_validation_record
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _finish(step: Step, by) -> Step:  # type: ignore[no-untyped-def]
    """Bring a step to « terminée » through the real workflow."""
    services.step_transition(step=step, to_status=StepStatus.IN_PROGRESS, by=by, can_reopen=True)
    services.step_transition(step=step, to_status=StepStatus.DONE, by=by, can_reopen=True)
    step.refresh_from_db()
    return step


def _document(project, by, *, version: int = 1, kind: str = DocumentKind.NOTE_DE_CADRAGE,
              status: str = DocumentStatus.DONE) -> Document:
    return Document.objects.create(project=project, kind=kind, version=version, status=status,
                                   requested_by=by)


def test_a_transition_records_who_from_and_to(project, lead) -> None:
    step = project.steps.get(number=1)
    services.step_transition(step=step, to_status=StepStatus.IN_PROGRESS, by=lead,
                             comment="Lancement", can_reopen=True)
    transition = StepTransition.objects.get(step=step)
    step.refresh_from_db()
    assert step.status == StepStatus.IN_PROGRESS
    assert (transition.by, transition.from_status, transition.to_status, transition.comment) == (
        lead, StepStatus.TODO, StepStatus.IN_PROGRESS, "Lancement")


def test_planning_accepts_a_member_as_owner_and_ordered_dates(project, lead, add_member) -> None:
    nurse = add_member(project, Role.PROFESSION_REFERENT).user
    step = project.steps.get(number=2)
    step_update(step=step, owner=nurse, start_on=date(2026, 9, 1), due_on=date(2026, 10, 1))
    step.refresh_from_db()
    assert (step.owner, step.start_on, step.due_on) == (nurse, date(2026, 9, 1),
                                                         date(2026, 10, 1))


def test_planning_refuses_a_start_after_the_due_date(project, lead) -> None:
    step = project.steps.get(number=2)
    with pytest.raises(DomainError, match="Le début prévu doit précéder l'échéance"):
        step_update(step=step, owner=lead, start_on=date(2026, 11, 1), due_on=date(2026, 10, 1))
    step.refresh_from_db()
    assert (step.owner, step.start_on, step.due_on) == (None, None, None)


def test_planning_refuses_an_owner_from_another_project(project, make_project) -> None:
    stranger = make_project(name="Autre MSP").created_by
    step = project.steps.get(number=2)
    with pytest.raises(DomainError, match="membre du projet"):
        step_update(step=step, owner=stranger, start_on=None, due_on=None)
    step.refresh_from_db()
    assert step.owner is None


def test_an_approved_validation_validates_the_step_and_freezes_the_document(
    project, lead, add_member
) -> None:
    step = _finish(project.steps.get(number=1), lead)
    member = add_member(project, Role.MEMBER)
    document = _document(project, lead)
    validation = step_validation_record(
        step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
        attendees=[lead.memberships.get(project=project), member], notes="Unanimité",
        document=document, by=lead,
    )
    step.refresh_from_db()
    document.refresh_from_db()
    last = step.transitions.first()
    assert step.status == StepStatus.VALIDATED
    assert (last.by, last.from_status, last.to_status) == (lead, StepStatus.DONE,
                                                           StepStatus.VALIDATED)
    assert document.is_frozen is True
    assert set(validation.attendees.all()) == {lead.memberships.get(project=project), member}
    assert validation.recorded_by == lead


def test_a_rejected_validation_sends_the_step_back_to_work(project, lead) -> None:
    step = _finish(project.steps.get(number=1), lead)
    document = _document(project, lead)
    step_validation_record(
        step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.REJECTED,
        attendees=[lead.memberships.get(project=project)], notes="À reprendre",
        document=document, by=lead,
    )
    step.refresh_from_db()
    document.refresh_from_db()
    last = step.transitions.first()
    assert step.status == StepStatus.IN_PROGRESS
    assert (last.from_status, last.to_status) == (StepStatus.DONE, StepStatus.IN_PROGRESS)
    assert document.is_frozen is False


@pytest.mark.parametrize("status", [StepStatus.TODO, StepStatus.IN_PROGRESS,
                                    StepStatus.VALIDATED])
def test_only_a_finished_step_can_be_put_to_validation(project, lead, status: str) -> None:
    Step.objects.filter(project=project, number=1).update(status=status)
    step = project.steps.get(number=1)
    with pytest.raises(DomainError, match="Seule une étape terminée"):
        step_validation_record(
            step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
            attendees=[lead.memberships.get(project=project)], notes="", document=None,
            by=lead,
        )
    step.refresh_from_db()
    assert step.status == status
    assert not StepValidation.objects.exists()


def test_an_attendee_from_another_project_is_refused(project, lead, make_project) -> None:
    other = make_project(name="Autre MSP")
    step = _finish(project.steps.get(number=1), lead)
    with pytest.raises(DomainError, match="membres du projet"):
        step_validation_record(
            step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
            attendees=[other.memberships.get()], notes="", document=None, by=lead,
        )
    step.refresh_from_db()
    assert step.status == StepStatus.DONE
    assert not StepValidation.objects.exists()


@pytest.mark.parametrize(
    ("same_project", "status"),
    [
        (False, DocumentStatus.DONE),
        (True, DocumentStatus.PENDING),
        (True, DocumentStatus.FAILED),
    ],
)
def test_only_a_finished_version_of_this_projects_document_can_be_validated(
    project, lead, make_project, same_project: bool, status: str
) -> None:
    owner_project = project if same_project else make_project(name="Autre MSP")
    document = _document(owner_project, owner_project.created_by, status=status)
    step = _finish(project.steps.get(number=1), lead)
    with pytest.raises(DomainError, match="ne peut pas être validée"):
        step_validation_record(
            step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
            attendees=[lead.memberships.get(project=project)], notes="", document=document,
            by=lead,
        )
    document.refresh_from_db()
    step.refresh_from_db()
    assert (step.status, document.is_frozen) == (StepStatus.DONE, False)


def test_a_step_without_a_document_kind_refuses_any_document(project, lead) -> None:
    document = _document(project, lead)
    step = _finish(project.steps.get(number=4), lead)
    with pytest.raises(DomainError, match="ne peut pas être validée"):
        step_validation_record(
            step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
            attendees=[lead.memberships.get(project=project)], notes="", document=document,
            by=lead,
        )
    assert not StepValidation.objects.exists()


def test_a_validation_needs_attendees(project, lead) -> None:
    step = _finish(project.steps.get(number=1), lead)
    with pytest.raises(DomainError, match="personnes présentes"):
        step_validation_record(
            step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
            attendees=[], notes="", document=None, by=lead,
        )
    assert not StepValidation.objects.exists()


def test_a_validation_keeps_its_attendees_when_one_leaves_the_team(
    project, lead, add_member, make_user, client_for
) -> None:
    from django.urls import reverse

    from projects.core.services import membership_revoke

    step = _finish(project.steps.get(number=1), lead)
    member = add_member(project, Role.MEMBER,
                        user=make_user(first_name="Thomas", last_name="Garnier"))
    step_validation_record(
        step=step, held_on=date(2026, 10, 5), decision=ValidationDecision.APPROVED,
        attendees=[lead.memberships.get(project=project), member], notes="Unanimité",
        document=None, by=lead,
    )
    membership_revoke(membership=member)
    page = client_for(lead).get(reverse("projects:step-detail", args=[project.pk, 1]))
    assert "Thomas Garnier" in plain(page.content.decode())
    # In the order of their last names (« Garnier » before the lead's « Nom… »).
    assert step.validations.get().attendee_names == ["Thomas Garnier", lead.display_name]


def test_an_observer_is_neither_offered_nor_accepted_as_owner(project, lead, add_member) -> None:
    from projects.steps.forms import StepPlanningForm

    observer = add_member(project, Role.OBSERVER).user
    step = project.steps.get(number=2)
    offered = StepPlanningForm(instance=step, project=project).fields["owner"].queryset
    assert lead in offered
    assert observer not in offered
    with pytest.raises(DomainError, match="pas un observateur"):
        step_update(step=step, owner=observer, start_on=None, due_on=None)
