"""Reads of the COPIL minutes: the dashboard snapshot, a meeting's minutes, the decisions
searched across meetings. Always scoped to one project."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from msp_si.common.formats import euros

from ..choices import ProjectBody
from ..core.selectors import project_overview
from ..models import Meeting, MeetingDecision, MeetingMinutes, Project


def dashboard_snapshot(*, project: Project, today: date) -> dict[str, Any]:
    """The dashboard as plain values, frozen into the minutes when they are recorded."""
    overview = project_overview(project=project, today=today)
    budget = overview.budget
    return {
        "on": today.isoformat(),
        "progress": overview.progress,
        "finished_steps": overview.finished_steps,
        "current_phase": f"{overview.current_phase.number}. {overview.current_phase.title}",
        "current_step": str(overview.current_step) if overview.current_step else "",
        "late_steps": [str(step) for step in overview.late_steps],
        "budget": {name: euros(getattr(budget.total, name)) for name in
                   ("estimated", "committed", "paid", "variance")} if budget else {},
        "top_risks": [f"{risk} — {risk.criticality}" for risk in overview.top_risks],
    }


def project_copil(*, project: Project, pk: int) -> Meeting:
    """A meeting of the project's comité de pilotage, or 404."""
    return get_object_or_404(Meeting, pk=pk, project=project,
                             body=ProjectBody.STEERING_COMMITTEE)


def meeting_minutes(*, meeting: Meeting) -> MeetingMinutes | None:
    """The minutes of a meeting with their decisions, actions and risks, if recorded."""
    return (MeetingMinutes.objects.filter(meeting=meeting).select_related("recorded_by")
            .prefetch_related("decisions", "actions__task__owner", "risks_reviewed").first())


def copil_meetings(*, project: Project) -> list[Meeting]:
    """The project's COPIL meetings, latest first, with their minutes if any."""
    return list(Meeting.objects.filter(project=project, body=ProjectBody.STEERING_COMMITTEE)
                .select_related("minutes").order_by("-held_on", "-id"))


def decisions_search(*, project: Project, query: str = "") -> QuerySet[MeetingDecision]:
    """Decisions of every COPIL of the project, newest first; ``query`` filters on the
    text or the number (« D3 » or « 3 »)."""
    decisions = MeetingDecision.objects.filter(project=project).select_related(
        "minutes__meeting")
    query = query.strip()
    if query:
        condition = Q(text__icontains=query)
        digits = query.upper().removeprefix("D")
        if digits.isdigit():
            condition |= Q(number=int(digits))
        decisions = decisions.filter(condition)
    return decisions.order_by("-number")


def minutes_document_data(project: Project, subject: str) -> dict[str, Any]:
    """What the « Compte rendu de COPIL » PDF shows (``subject``: the minutes' id)."""
    minutes = (MeetingMinutes.objects.filter(project=project, pk=int(subject))
               .select_related("meeting", "recorded_by")
               .prefetch_related("decisions", "actions__task__owner", "risks_reviewed")
               .get())
    return {"project": project, "minutes": minutes, "meeting": minutes.meeting,
            "snapshot": minutes.snapshot}
