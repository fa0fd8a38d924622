"""Which reminders are due today, and to whom: pure rules, no ORM, no settings.

A deadline is recalled ``lead_days`` before it and on the day itself; once passed, the day
after and then every week, so a late item keeps coming back without flooding anyone. Each
app words its items (``projects.plugins.ReminderItem``); these rules only decide.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.typography import french_date

from ..plugins import ReminderItem

LATE_REPEAT_DAYS = 7


def deadline_delta(*, due_on: date, today: date, lead_days: int) -> int | None:
    """Days left (0: due today; negative: days late) when a reminder is due today, else None.

    Recalled ``lead_days`` before and on the day; when late, on day 1, 8, 15…
    """
    delta = (due_on - today).days
    if delta in (lead_days, 0):
        return delta
    if delta < 0 and (-delta - 1) % LATE_REPEAT_DAYS == 0:
        return delta
    return None


def deadline_phrase(*, due_on: date, delta: int) -> str:
    """« à rendre dans 3 jours (le 26 novembre 2026) », « à rendre aujourd'hui »,
    « en retard de 8 jours (échéance le …) »."""
    day = french_date(due_on)
    if delta == 0:
        return _("à rendre aujourd'hui (%(day)s)") % {"day": day}
    if delta > 0:
        return ngettext("à rendre dans %(count)d jour (le %(day)s)",
                        "à rendre dans %(count)d jours (le %(day)s)",
                        delta) % {"count": delta, "day": day}
    return ngettext("en retard de %(count)d jour (échéance le %(day)s)",
                    "en retard de %(count)d jours (échéance le %(day)s)",
                    -delta) % {"count": -delta, "day": day}


def is_tomorrow(*, day: date, today: date) -> bool:
    """The day before an event: votes closing and training sessions are recalled then."""
    return day == today + timedelta(days=1)


def sla_late_days(*, due_at: datetime | None, acknowledged_at: datetime | None,
                  now: datetime) -> int | None:
    """Whole days an anomaly is past its SLA (the vendor has not taken it into account in
    time), or None when it is within it, acknowledged, or has no SLA."""
    if due_at is None or acknowledged_at is not None or now <= due_at:
        return None
    return (now - due_at).days


def is_late_reminder_day(days_late: int) -> bool:
    """Past-SLA anomalies come back on the first day, then every week."""
    return days_late % LATE_REPEAT_DAYS == 0


@dataclass(frozen=True)
class Mailing:
    """The reminders one person gets in one e-mail, in the order of the kinds."""

    user_id: int
    items: tuple[ReminderItem, ...]


def plan(items: Iterable[ReminderItem], *, kind_order: Sequence[str],
         opted_out: Collection[tuple[int, str]],
         already_sent: Collection[tuple[int, str, str]]) -> list[Mailing]:
    """One mailing per person: their items of the kinds they keep, never one already sent
    today, never the same twice, grouped by kind in ``kind_order`` then by text."""
    rank = {code: position for position, code in enumerate(kind_order)}
    kept: dict[tuple[int, str, str], ReminderItem] = {}
    for item in items:
        key = (item.user_id, item.kind, item.subject)
        if (item.user_id, item.kind) in opted_out or key in already_sent or key in kept:
            continue
        kept[key] = item
    by_user: dict[int, list[ReminderItem]] = {}
    for item in kept.values():
        by_user.setdefault(item.user_id, []).append(item)
    return [Mailing(user_id, tuple(sorted(
        found, key=lambda item: (rank.get(item.kind, len(rank)), item.project_name, item.text))))
        for user_id, found in sorted(by_user.items())]


def subject_line(count: int) -> str:
    """The e-mail's subject: « 1 rappel », « 3 rappels »."""
    return ngettext("MSP SI : %(count)d rappel", "MSP SI : %(count)d rappels",
                    count) % {"count": count}
