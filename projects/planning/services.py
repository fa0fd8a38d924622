"""Writes of steps 2 and 3: team charter, tasks, milestones, meetings, deployment waves.

Every service is atomic, takes keyword-only arguments and re-checks the invariants the
forms already check (dates in order, rows of the same project), so no caller can bypass
them. Rows are saved one by one so django-simple-history records each change.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

from ..choices import AdministrationMode, ProjectBody, ScopeDecision, TaskStatus
from ..models import (
    DeploymentWave,
    Meeting,
    MeetingMinutes,
    Membership,
    Milestone,
    Project,
    ScopeModule,
    Step,
    Task,
    TeamCharter,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User

CHARTER_FIELDS = frozenset({
    "administration_mode", "administrator_provider",
    "amoa_decision", "amoa_complexity", "amoa_size", "amoa_availability", "amoa_value",
    "amoa_cost_estimate", "amoa_provider", "moa_role", "amoa_role", "moe_role",
    "lead_compensation", "designated_on", "designation_body", "designation_result",
})


@transaction.atomic
def team_charter_update(*, charter: TeamCharter, changes: Mapping[str, Any]) -> TeamCharter:
    """Save the step 2 decisions; an external administration must name its provider."""
    unknown = set(changes) - CHARTER_FIELDS
    if unknown:
        raise DomainError(_("Champ inconnu : %s.") % ", ".join(sorted(unknown)))
    for name, value in changes.items():
        setattr(charter, name, value)
    if (charter.administration_mode == AdministrationMode.EXTERNAL
            and not charter.administrator_provider.strip()):
        raise DomainError(_("Indiquez le prestataire local qui administrera le système."))
    cost = charter.amoa_cost_estimate
    if cost is not None and cost < 0:
        raise DomainError(_("Le coût estimé ne peut pas être négatif."))
    charter.save()
    return charter


def _check_step(*, project: Project, step: Step | None) -> None:
    """A task or milestone belongs to a step of its own project."""
    if step is not None and step.project_id != project.pk:
        raise DomainError(_("Cette étape n'appartient pas au projet."))


def _check_owner(*, project: Project, owner: User | None) -> None:
    """Only a member of the project can be responsible for its tasks."""
    if owner is not None and not Membership.objects.filter(project=project, user=owner).exists():
        raise DomainError(_("Le responsable doit être membre du projet."))


def _check_dates(*, start_on: date, due_on: date) -> None:
    """Start before (or on) the due date."""
    if due_on < start_on:
        raise DomainError(_("L'échéance ne peut pas précéder la date de début."))


@transaction.atomic
def task_create(
    *, project: Project, step: Step, title: str, start_on: date, due_on: date,
    owner: User | None = None, status: str = TaskStatus.TODO,
) -> Task:
    """Plan a task of one of the project's steps."""
    task = Task(project=project)
    return _task_save(task=task, step=step, title=title, start_on=start_on, due_on=due_on,
                      owner=owner, status=status)


@transaction.atomic
def task_update(
    *, task: Task, step: Step, title: str, start_on: date, due_on: date,
    owner: User | None = None, status: str = TaskStatus.TODO,
) -> Task:
    """Change a task's step, dates, owner or status."""
    return _task_save(task=task, step=step, title=title, start_on=start_on, due_on=due_on,
                      owner=owner, status=status)


def _task_save(*, task: Task, step: Step, title: str, start_on: date, due_on: date,
               owner: User | None, status: str) -> Task:
    """Check and write a task (caller is atomic)."""
    _check_step(project=task.project, step=step)
    _check_owner(project=task.project, owner=owner)
    _check_dates(start_on=start_on, due_on=due_on)
    if status not in TaskStatus.values:
        raise DomainError(_("Statut de tâche inconnu."))
    task.step, task.title, task.owner, task.status = step, title.strip(), owner, status
    task.start_on, task.due_on = start_on, due_on
    task.save()
    return task


@transaction.atomic
def task_delete(*, task: Task) -> None:
    """Remove a task from the calendar."""
    task.delete()


@transaction.atomic
def milestone_create(*, project: Project, title: str, due_on: date, step: Step | None = None,
                     is_reached: bool = False) -> Milestone:
    """Add a milestone to the calendar."""
    return _milestone_save(milestone=Milestone(project=project), title=title, due_on=due_on,
                           step=step, is_reached=is_reached)


@transaction.atomic
def milestone_update(*, milestone: Milestone, title: str, due_on: date,
                     step: Step | None = None, is_reached: bool = False) -> Milestone:
    """Change a milestone, or mark it reached."""
    return _milestone_save(milestone=milestone, title=title, due_on=due_on, step=step,
                           is_reached=is_reached)


def _milestone_save(*, milestone: Milestone, title: str, due_on: date, step: Step | None,
                    is_reached: bool) -> Milestone:
    """Check and write a milestone (caller is atomic)."""
    _check_step(project=milestone.project, step=step)
    milestone.title, milestone.due_on, milestone.step = title.strip(), due_on, step
    milestone.is_reached = is_reached
    milestone.save()
    return milestone


@transaction.atomic
def milestone_delete(*, milestone: Milestone) -> None:
    """Remove a milestone."""
    milestone.delete()


@transaction.atomic
def meeting_create(*, project: Project, body: str, held_on: date, topic: str) -> Meeting:
    """Plan a meeting of a project body."""
    return _meeting_save(meeting=Meeting(project=project), body=body, held_on=held_on,
                         topic=topic)


@transaction.atomic
def meeting_update(*, meeting: Meeting, body: str, held_on: date, topic: str) -> Meeting:
    """Change a planned meeting."""
    return _meeting_save(meeting=meeting, body=body, held_on=held_on, topic=topic)


def _meeting_save(*, meeting: Meeting, body: str, held_on: date, topic: str) -> Meeting:
    """Check and write a meeting (caller is atomic)."""
    if body not in ProjectBody.values:
        raise DomainError(_("Instance inconnue."))
    meeting.body, meeting.held_on, meeting.topic = body, held_on, topic.strip()
    meeting.save()
    return meeting


@transaction.atomic
def meeting_delete(*, meeting: Meeting) -> None:
    """Cancel a meeting; one whose minutes are recorded stays (they refer to it)."""
    if MeetingMinutes.objects.filter(meeting=meeting).exists():
        raise DomainError(_("Cette réunion a un compte rendu enregistré : elle reste au "
                            "calendrier."))
    meeting.delete()


@transaction.atomic
def wave_create(*, project: Project, number: int, title: str, start_on: date) -> DeploymentWave:
    """Add a deployment wave (seed 001, step 3: modules go live in successive waves)."""
    return _wave_save(wave=DeploymentWave(project=project), number=number, title=title,
                      start_on=start_on)


@transaction.atomic
def wave_update(*, wave: DeploymentWave, number: int, title: str,
                start_on: date) -> DeploymentWave:
    """Rename, renumber or reschedule a wave."""
    return _wave_save(wave=wave, number=number, title=title, start_on=start_on)


def _wave_save(*, wave: DeploymentWave, number: int, title: str,
               start_on: date) -> DeploymentWave:
    """Check and write a wave (caller is atomic)."""
    taken = DeploymentWave.objects.filter(project_id=wave.project_id, number=number)
    if number < 1 or taken.exclude(pk=wave.pk).exists():
        raise DomainError(_("Une vague porte déjà ce numéro."))
    wave.number, wave.title, wave.start_on = number, title.strip(), start_on
    wave.save()
    return wave


@transaction.atomic
def wave_delete(*, wave: DeploymentWave) -> None:
    """Delete a wave; its modules go back to « no wave yet », each change recorded."""
    # The foreign key's SET_NULL is a bulk update that history would not see.
    for module in ScopeModule.objects.filter(wave=wave):
        module.wave = None
        module.save(update_fields=["wave"])
    wave.delete()


@transaction.atomic
def wave_assign_modules(
    *, project: Project, assignments: Mapping[ScopeModule, DeploymentWave | None]
) -> int:
    """Put each module in its wave; returns how many modules changed."""
    changed = 0
    for module, wave in assignments.items():
        if module.project_id != project.pk or (wave is not None and wave.project_id != project.pk):
            raise DomainError(_("Ce module ou cette vague n'appartient pas au projet."))
        if wave is not None and module.decision not in (ScopeDecision.IN_SCOPE,
                                                        ScopeDecision.LATER):
            raise DomainError(_("Seul un module retenu peut être placé dans une vague."))
        if module.wave_id != (wave.pk if wave else None):
            module.wave = wave
            module.save(update_fields=["wave"])
            changed += 1
    return changed
