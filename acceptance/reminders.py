"""Reminders of phase 4: training sessions the day before (to the trainees with an
account), anomalies past their SLA (to the chefs de projet)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from msp_si.common.typography import french_datetime
from projects.choices import Role
from projects.models import Membership
from projects.plugins import ReminderItem, ReminderKind
from projects.reminders import rules

from .models import Anomaly
from .training.models import Trainee, TrainingSession

TRAINING_TOMORROW = "training_tomorrow"
ANOMALY_LATE = "anomaly_late"
KINDS = (
    ReminderKind(TRAINING_TOMORROW, gettext_lazy("Session de formation le lendemain"),
                 gettext_lazy("La veille d'une session où mon groupe est convoqué.")),
    ReminderKind(ANOMALY_LATE, gettext_lazy("Anomalies hors délai du prestataire"),
                 gettext_lazy("Aux chefs de projet : une anomalie que le prestataire n'a pas "
                              "prise en compte dans le délai du contrat, le premier jour puis "
                              "chaque semaine.")),
)


def reminders_due(*, today: date, now: datetime) -> Iterator[ReminderItem]:
    """Today's reminders of phase 4, every project at once."""
    yield from _training(today)
    yield from _anomalies(now)


def _training(today: date) -> Iterator[ReminderItem]:
    tomorrow = today + timedelta(days=1)
    sessions = [session for session in TrainingSession.objects.filter(
        starts_at__date__gte=today, starts_at__date__lte=tomorrow + timedelta(days=1))
        .select_related("project").prefetch_related("groups")
        if rules.is_tomorrow(day=timezone.localdate(session.starts_at), today=today)]
    if not sessions:
        return
    trainees = list(Trainee.objects.filter(
        group__in={group.pk for session in sessions for group in session.groups.all()},
        user__isnull=False, user__is_active=True))
    for session in sessions:
        groups = {group.pk for group in session.groups.all()}
        for user_id in sorted({t.user_id for t in trainees if t.group_id in groups
                               and t.user_id is not None}):
            yield ReminderItem(
                TRAINING_TOMORROW, user_id, f"training:{session.pk}", session.project.name,
                _("Formation « %(title)s » demain, %(when)s — %(place)s") % {
                    "title": session.title,
                    "when": french_datetime(session.starts_at, weekday=True),
                    "place": session.location or _("lieu à préciser")},
                reverse("acceptance:training", args=[session.project_id]))


def _anomalies(now: datetime) -> Iterator[ReminderItem]:
    late = []
    for anomaly in (Anomaly.objects.filter(due_at__lt=now, acknowledged_at__isnull=True,
                                           closed_at__isnull=True)
                    .select_related("project")):
        days = rules.sla_late_days(due_at=anomaly.due_at,
                                   acknowledged_at=anomaly.acknowledged_at, now=now)
        if days is not None and rules.is_late_reminder_day(days):
            late.append((anomaly, days))
    if not late:
        return
    chefs = list(Membership.objects.filter(project_id__in={a.project_id for a, _d in late},
                                           role=Role.PROJECT_LEAD, user__is_active=True))
    for anomaly, days in late:
        for chef in chefs:
            if chef.project_id != anomaly.project_id:
                continue
            yield ReminderItem(
                ANOMALY_LATE, chef.user_id, f"anomaly:{anomaly.pk}", anomaly.project.name,
                (ngettext("%(anomaly)s : pas prise en compte par le prestataire, délai "
                          "dépassé depuis %(count)d jour",
                          "%(anomaly)s : pas prise en compte par le prestataire, délai "
                          "dépassé depuis %(count)d jours", days)
                 if days else _("%(anomaly)s : pas prise en compte par le prestataire, délai "
                                "dépassé depuis moins d'un jour")) % {
                    "anomaly": anomaly, "count": days},
                reverse("acceptance:anomaly-detail", args=[anomaly.project_id, anomaly.number]))
