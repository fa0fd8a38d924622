"""The SLA clock of the anomaly log: pure rules, no ORM.

Step 7 (001, « exploitation, maintenance ») fixes response times in hours of support: the
clock only runs during the vendor's support hours, on its support days, and stops on French
public holidays (the ``holidays`` library keeps their list, Easter-based ones included).
Everything is computed on real instants in Europe/Paris, so a day that loses or gains an
hour at a daylight-saving change counts the hours it really has.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

PARIS = ZoneInfo("Europe/Paris")

# requirements.expected.models.SupportDays values (kept as plain strings: pure module).
WEEKDAYS = "weekdays"
WEEKDAYS_SATURDAY = "weekdays_sat"
EVERY_DAY = "every_day"
# Weekday numbers (Monday = 0) of each choice. « Tous les jours » is a 7/7 support: it
# answers on public holidays too; the other two close on them.
OPEN_WEEKDAYS: dict[str, frozenset[int]] = {
    WEEKDAYS: frozenset(range(5)),
    WEEKDAYS_SATURDAY: frozenset(range(6)),
    EVERY_DAY: frozenset(range(7)),
}
CLOSES_ON_HOLIDAYS = frozenset({WEEKDAYS, WEEKDAYS_SATURDAY})
# A safety stop: at least one support day a week, so a year of hours ends well before.
MAX_DAYS = 3660


@lru_cache(maxsize=32)
def _french_holidays(year: int) -> frozenset[date]:
    """The national French public holidays of a year (metropolitan France)."""
    return frozenset(holidays.country_holidays("FR", years=year).keys())


def is_public_holiday(day: date) -> bool:
    """Whether ``day`` is a French public holiday (1er janvier, Ascension, 14 juillet…)."""
    return day in _french_holidays(day.year)


def is_support_day(day: date, support_days: str) -> bool:
    """Whether the vendor's support is open on ``day``."""
    if day.weekday() not in OPEN_WEEKDAYS[support_days]:
        return False
    return not (support_days in CLOSES_ON_HOLIDAYS and is_public_holiday(day))


def _at(day: date, hour: int) -> datetime:
    """The instant of ``hour`` o'clock on ``day`` in Paris (24 = the next midnight).

    An hour that does not exist (02:00 on the spring change) maps to the instant the clocks
    jump to, as zoneinfo does for ``fold=0``.
    """
    if hour == 24:
        return datetime.combine(day + timedelta(days=1), time(0), PARIS)
    return datetime.combine(day, time(hour), PARIS)


def _check(response_hours: int, start_hour: int, end_hour: int, support_days: str) -> None:
    if support_days not in OPEN_WEEKDAYS:
        raise ValueError(f"unknown support days: {support_days!r}")
    if not 0 <= start_hour < end_hour <= 24:
        raise ValueError(f"support hours must be 0 ≤ start < end ≤ 24: {start_hour}–{end_hour}")
    if response_hours < 0:
        raise ValueError("response hours cannot be negative")


def due_at(*, reported_at: datetime, response_hours: int, start_hour: int, end_hour: int,
           support_days: str) -> datetime:
    """When the vendor must have answered: ``response_hours`` of support time after
    ``reported_at`` (aware), in Europe/Paris.

    Support time is real elapsed time inside the daily window ``start_hour``–``end_hour`` of
    each support day; a report outside the window waits for the next opening.
    """
    _check(response_hours, start_hour, end_hour, support_days)
    if reported_at.tzinfo is None:
        raise ValueError("reported_at must be aware")
    reported = reported_at.astimezone(PARIS)
    remaining = timedelta(hours=response_hours)
    if not remaining:
        return reported
    day = reported.date()
    for _ in range(MAX_DAYS):
        if is_support_day(day, support_days):
            opens = max(reported, _at(day, start_hour))
            closes = _at(day, end_hour)
            if opens < closes:
                # Aware subtraction in one zone is wall-clock: go through UTC for real time.
                available = closes.astimezone(UTC) - opens.astimezone(UTC)
                if remaining <= available:
                    return (opens.astimezone(UTC) + remaining).astimezone(PARIS)
                remaining -= available
        day += timedelta(days=1)
    raise ValueError("no support time found within ten years")


def is_late(*, due_at: datetime | None, answered_at: datetime | None, now: datetime) -> bool:
    """Whether the SLA is breached: answered after the due time, or still not answered
    when the due time has passed. No due time (no contract figures) is never late."""
    if due_at is None:
        return False
    return (answered_at or now) > due_at
