"""Reminder of step 6: référents métier who have not yet given their profession's priority
to every transversal need, while the grid is not frozen and step 6 nears its due date."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy, ngettext

from projects.choices import Role, StepStatus
from projects.models import Membership, Step
from projects.plugins import ReminderItem, ReminderKind
from projects.reminders import rules

from .needs.models import NeedsGrid, ProfessionPriority, Requirement

PRIORITIES_MISSING = "priorities_missing"
KINDS = (
    ReminderKind(PRIORITIES_MISSING, gettext_lazy("Besoins à prioriser avant le gel de la grille"),
                 gettext_lazy("Aux référents métier, à l'approche de l'échéance de l'étape 6, "
                              "tant que des besoins transversaux attendent la priorité de "
                              "leur profession.")),
)


def reminders_due(*, today: date, now: datetime) -> Iterator[ReminderItem]:
    """Today's reminders of the needs grid, every project at once."""
    lead = settings.REMINDER_LEAD_DAYS
    due = {}
    for step in Step.objects.filter(number=6, status__in=(StepStatus.TODO, StepStatus.IN_PROGRESS),
                                    due_on__lte=today + timedelta(days=lead)):
        assert step.due_on is not None
        delta = rules.deadline_delta(due_on=step.due_on, today=today, lead_days=lead)
        if delta is not None:
            due[step.project_id] = (step.due_on, delta)
    open_grids = set(NeedsGrid.objects.filter(project_id__in=due, is_frozen=False)
                     .values_list("project_id", flat=True))
    active = dict(Requirement.objects.filter(
        project_id__in=open_grids, profession="", is_removed=False, merged_into__isnull=True)
        .order_by().values("project_id").annotate(n=Count("id")).values_list("project_id", "n"))
    given = Counter({(row["project"], row["profession"]): row["n"] for row in (
        ProfessionPriority.objects.filter(
            project_id__in=open_grids, requirement__profession="",
            requirement__is_removed=False, requirement__merged_into__isnull=True)
        .order_by().values("project", "profession").annotate(n=Count("id")))})
    referents = (Membership.objects.filter(project_id__in=open_grids, user__is_active=True,
                                           role=Role.PROFESSION_REFERENT)
                 .exclude(profession="").select_related("project"))
    for member in referents:
        missing = active.get(member.project_id, 0) - given[(member.project_id,
                                                             member.profession)]
        if missing <= 0:
            continue
        due_on, delta = due[member.project_id]
        yield ReminderItem(
            PRIORITIES_MISSING, member.user_id,
            f"priorities:{member.project_id}:{member.profession}:{delta}", member.project.name,
            ngettext("%(count)d besoin transversal attend la priorité de votre profession "
                     "(%(profession)s) ; grille à figer %(when)s",
                     "%(count)d besoins transversaux attendent la priorité de votre "
                     "profession (%(profession)s) ; grille à figer %(when)s", missing) % {
                "count": missing, "profession": member.get_profession_display(),
                "when": rules.deadline_phrase(due_on=due_on, delta=delta)},
            reverse("requirements:grid", args=[member.project_id]))
