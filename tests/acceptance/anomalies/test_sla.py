"""The SLA clock, on cases computed by hand with a calendar (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from acceptance.anomalies import sla
from requirements.expected.models import SupportDays

PARIS = ZoneInfo("Europe/Paris")


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def test_support_day_values_are_step_7s() -> None:
    assert set(sla.OPEN_WEEKDAYS) == set(SupportDays.values)


def test_friday_evening_blocking_anomaly_waits_for_monday() -> None:
    # Friday 20 Nov 2026 17:30, support 9–18 on weekdays, 4 h: 30 min on Friday, then
    # 3 h 30 from Monday 9:00.
    due = sla.due_at(reported_at=paris(2026, 11, 20, 17, 30), response_hours=4,
                     start_hour=9, end_hour=18, support_days=SupportDays.WEEKDAYS)
    assert due == paris(2026, 11, 23, 12, 30)


def test_saturday_support_answers_on_saturday() -> None:
    due = sla.due_at(reported_at=paris(2026, 11, 20, 17, 30), response_hours=4,
                     start_hour=9, end_hour=18, support_days=SupportDays.WEEKDAYS_SATURDAY)
    assert due == paris(2026, 11, 21, 12, 30)


def test_ascension_thursday_is_skipped() -> None:
    # Ascension 2026 is Thursday 14 May: Wednesday 16:00 + 4 h = 2 h on Wednesday,
    # 2 h on Friday 15 May from 9:00.
    assert sla.is_public_holiday(paris(2026, 5, 14).date())
    due = sla.due_at(reported_at=paris(2026, 5, 13, 16, 0), response_hours=4,
                     start_hour=9, end_hour=18, support_days=SupportDays.WEEKDAYS)
    assert due == paris(2026, 5, 15, 11, 0)


def test_a_seven_day_support_works_on_public_holidays() -> None:
    due = sla.due_at(reported_at=paris(2026, 5, 13, 16, 0), response_hours=4,
                     start_hour=9, end_hour=18, support_days=SupportDays.EVERY_DAY)
    assert due == paris(2026, 5, 14, 11, 0)


def test_the_night_the_clocks_go_forward_has_one_hour_less() -> None:
    # 29 March 2026, 02:00 Paris does not exist (the clocks jump to 03:00). Reported at
    # 01:30 (00:30 UTC) with a 24 h/24 support, 4 h later is 04:30 UTC = 06:30 summer time,
    # not 05:30 as wall-clock arithmetic would say.
    reported = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert reported.astimezone(PARIS) == paris(2026, 3, 29, 1, 30)
    due = sla.due_at(reported_at=reported, response_hours=4, start_hour=0, end_hour=24,
                     support_days=SupportDays.EVERY_DAY)
    assert due == paris(2026, 3, 29, 6, 30)
    assert due - reported == timedelta(hours=4)
    assert due.utcoffset() == timedelta(hours=2)


def test_a_report_at_02_00_on_the_spring_change_counts_from_03_00() -> None:
    # The first instant after 01:59:59 CET is 03:00 CEST (01:00 UTC).
    due = sla.due_at(reported_at=datetime(2026, 3, 29, 1, 0, tzinfo=UTC), response_hours=2,
                     start_hour=0, end_hour=24, support_days=SupportDays.EVERY_DAY)
    assert due == paris(2026, 3, 29, 5, 0)


def test_business_hours_across_the_change_keep_local_opening_times() -> None:
    # Friday 27 March 16:00 (winter time), 4 h in 9–18: 2 h on Friday, 2 h on Monday 30
    # March from 9:00 summer time → 11:00 local (09:00 UTC).
    due = sla.due_at(reported_at=paris(2026, 3, 27, 16, 0), response_hours=4,
                     start_hour=9, end_hour=18, support_days=SupportDays.WEEKDAYS)
    assert due == paris(2026, 3, 30, 11, 0)
    assert due.astimezone(UTC) == datetime(2026, 3, 30, 9, 0, tzinfo=UTC)


def test_the_autumn_night_has_one_hour_more() -> None:
    # 25 October 2026: 03:00 summer time becomes 02:00 winter time. 00:30 + 4 h of real
    # time = 03:30 winter time.
    due = sla.due_at(reported_at=paris(2026, 10, 25, 0, 30), response_hours=4, start_hour=0,
                     end_hour=24, support_days=SupportDays.EVERY_DAY)
    assert due == paris(2026, 10, 25, 3, 30)
    assert due.utcoffset() == timedelta(hours=1)


def test_a_report_before_opening_starts_at_opening() -> None:
    due = sla.due_at(reported_at=paris(2026, 11, 23, 7, 0), response_hours=8, start_hour=9,
                     end_hour=18, support_days=SupportDays.WEEKDAYS)
    assert due == paris(2026, 11, 23, 17, 0)


def test_christmas_and_a_weekend_in_a_row() -> None:
    # Thursday 24 Dec 2026 17:00, 16 h in 9–18: 1 h on Thursday, Friday 25 is Christmas,
    # Monday 28 has 9 h, Tuesday 29 gives the last 6 h → 15:00.
    due = sla.due_at(reported_at=paris(2026, 12, 24, 17, 0), response_hours=16, start_hour=9,
                     end_hour=18, support_days=SupportDays.WEEKDAYS)
    assert due == paris(2026, 12, 29, 15, 0)


def test_zero_hours_is_due_at_once() -> None:
    at = paris(2026, 11, 21, 23, 0)
    assert sla.due_at(reported_at=at, response_hours=0, start_hour=9, end_hour=18,
                      support_days=SupportDays.WEEKDAYS) == at


@pytest.mark.parametrize(("start", "end", "days"), [(18, 9, "weekdays"), (9, 25, "weekdays"),
                                                     (9, 18, "sometimes")])
def test_impossible_support_figures_are_refused(start: int, end: int, days: str) -> None:
    with pytest.raises(ValueError, match="support"):
        sla.due_at(reported_at=paris(2026, 11, 23, 9), response_hours=4, start_hour=start,
                   end_hour=end, support_days=days)


def test_late_when_answered_after_or_still_waiting_after_the_due_time() -> None:
    due, now = paris(2026, 11, 23, 12), paris(2026, 11, 23, 14)
    assert sla.is_late(due_at=due, answered_at=None, now=now)
    assert sla.is_late(due_at=due, answered_at=paris(2026, 11, 23, 13), now=now)
    assert not sla.is_late(due_at=due, answered_at=paris(2026, 11, 23, 11), now=now)
    assert not sla.is_late(due_at=due, answered_at=None, now=paris(2026, 11, 23, 11))
    assert not sla.is_late(due_at=None, answered_at=None, now=now)


instants = st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2028, 12, 31),
                        timezones=st.just(UTC))
windows = st.tuples(st.integers(0, 23), st.integers(1, 24)).filter(lambda w: w[0] < w[1])
days = st.sampled_from(SupportDays.values)
# What these check is the clock, not how fast a loaded machine draws aware datetimes.
SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(reported=instants, hours=st.integers(0, 300), window=windows, support=days)
def test_due_is_never_before_the_report_and_gives_at_least_the_hours(
        reported: datetime, hours: int, window: tuple[int, int], support: str) -> None:
    due = sla.due_at(reported_at=reported, response_hours=hours, start_hour=window[0],
                     end_hour=window[1], support_days=support)
    assert due >= reported
    assert due - reported >= timedelta(hours=hours)


@SETTINGS
@given(first=instants, gap=st.timedeltas(min_value=timedelta(0), max_value=timedelta(days=20)),
       hours=st.integers(0, 100), window=windows, support=days)
def test_a_later_report_is_never_due_earlier(first: datetime, gap: timedelta, hours: int,
                                             window: tuple[int, int], support: str) -> None:
    kwargs = {"response_hours": hours, "start_hour": window[0], "end_hour": window[1],
              "support_days": support}
    assert sla.due_at(reported_at=first, **kwargs) <= sla.due_at(reported_at=first + gap,
                                                                  **kwargs)


@SETTINGS
@given(reported=instants, hours=st.integers(0, 100), extra=st.integers(0, 50),
       window=windows, support=days)
def test_more_hours_are_never_due_earlier(reported: datetime, hours: int, extra: int,
                                          window: tuple[int, int], support: str) -> None:
    kwargs = {"reported_at": reported, "start_hour": window[0], "end_hour": window[1],
              "support_days": support}
    assert sla.due_at(response_hours=hours, **kwargs) <= sla.due_at(
        response_hours=hours + extra, **kwargs)
