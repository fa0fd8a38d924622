"""Writes of the COPIL minutes: recorded once per meeting, decisions numbered across the
project, actions planned as calendar tasks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError

from ..choices import ProjectBody
from ..models import (
    Meeting,
    MeetingAction,
    MeetingDecision,
    MeetingMinutes,
    Membership,
    Project,
    Risk,
    Step,
)
from ..planning.services import task_create

if TYPE_CHECKING:
    from msp_si.accounts.models import User


@dataclass(frozen=True)
class ActionSpec:
    """An action decided in the meeting: what, who, by when, on which step."""

    description: str
    due_on: date
    step: Step
    owner: User | None = None


@transaction.atomic
def minutes_record(*, meeting: Meeting, by: User, attendees: Sequence[Membership],
                   agenda: str, decisions: Sequence[str], notes: str = "",
                   actions: Sequence[ActionSpec] = (), risks_reviewed: Sequence[Risk] = (),
                   snapshot: dict[str, Any] | None = None) -> MeetingMinutes:
    """Record the minutes of a COPIL held on or before today, once (a second submission is
    refused); decisions take the project's next numbers, actions become tasks."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    project = Project.objects.select_for_update().get(pk=locked.project_id)
    if locked.body != ProjectBody.STEERING_COMMITTEE:
        raise DomainError(_("Seules les réunions du comité de pilotage ont un compte rendu "
                            "ici."))
    if locked.held_on > clock.today():
        raise DomainError(_("Le comité n'a pas encore eu lieu."))
    if MeetingMinutes.objects.filter(meeting=locked).exists():
        raise DomainError(_("Le compte rendu de ce comité est déjà enregistré."))
    if not agenda.strip():
        raise DomainError(_("Indiquez l'ordre du jour."))
    if not attendees:
        raise DomainError(_("Indiquez au moins une personne présente."))
    if any(m.project_id != project.pk for m in attendees) or any(
            r.project_id != project.pk for r in risks_reviewed):
        raise DomainError(_("Une personne ou un risque n'appartient pas au projet."))
    minutes = MeetingMinutes.objects.create(
        project=project, meeting=locked, agenda=agenda.strip(), notes=notes.strip(),
        attendee_names=[m.user.display_name for m in attendees], snapshot=snapshot or {},
        recorded_by=by)
    minutes.attendees.set(attendees)
    minutes.risks_reviewed.set(risks_reviewed)
    last = MeetingDecision.objects.filter(project=project).aggregate(n=Max("number"))["n"] or 0
    texts = [text.strip() for text in decisions if text.strip()]
    for index, text in enumerate(texts, start=1):
        # One by one (not bulk_create): each decision gets its line in the history.
        MeetingDecision.objects.create(project=project, minutes=minutes, number=last + index,
                                       text=text[:500], decided_on=locked.held_on)
    for action in actions:
        task = task_create(project=project, step=action.step, title=action.description[:200],
                           start_on=min(locked.held_on, action.due_on), due_on=action.due_on,
                           owner=action.owner)
        MeetingAction.objects.create(project=project, minutes=minutes, task=task,
                                     description=action.description)
    return minutes
