"""The pure rules of the reminders: when a deadline is recalled, whom a mailing goes to."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from msp_si.common.errors import DomainError
from projects.plugins import ReminderItem
from projects.reminders import rules
from projects.reminders.tokens import stop_token, stop_token_read

TODAY = date(2026, 11, 23)
NBSP = "\u00a0"


@pytest.mark.parametrize(("due_on", "expected"), [
    (date(2026, 11, 26), 3),      # lead days before
    (date(2026, 11, 25), None),   # between: nothing
    (date(2026, 11, 24), None),
    (date(2026, 11, 23), 0),      # the day itself
    (date(2026, 11, 27), None),   # further than the lead
    (date(2026, 11, 22), -1),     # first day late
    (date(2026, 11, 21), None),
    (date(2026, 11, 15), -8),     # a week after the first late day
    (date(2026, 11, 16), None),
    (date(2026, 11, 8), -15),
])
def test_a_deadline_is_recalled_before_on_the_day_then_weekly_when_late(
        due_on: date, expected: int | None) -> None:
    assert rules.deadline_delta(due_on=due_on, today=TODAY, lead_days=3) == expected


@pytest.mark.parametrize(("delta", "phrase"), [
    (3, f"à rendre dans 3 jours (le 26{NBSP}novembre 2026)"),
    (1, f"à rendre dans 1 jour (le 24{NBSP}novembre 2026)"),
    (0, f"à rendre aujourd'hui (23{NBSP}novembre 2026)"),
    (-1, f"en retard de 1 jour (échéance le 22{NBSP}novembre 2026)"),
    (-8, f"en retard de 8 jours (échéance le 15{NBSP}novembre 2026)"),
])
def test_the_phrase_has_real_plurals(delta: int, phrase: str) -> None:
    assert rules.deadline_phrase(due_on=TODAY + timedelta(days=delta), delta=delta) == phrase


@pytest.mark.parametrize(("count", "subject"), [
    (1, "MSP SI : 1 rappel"), (2, "MSP SI : 2 rappels"), (12, "MSP SI : 12 rappels")])
def test_the_subject_counts_the_reminders(count: int, subject: str) -> None:
    assert rules.subject_line(count) == subject


def test_tomorrow_is_the_next_day_only() -> None:
    assert rules.is_tomorrow(day=date(2026, 11, 24), today=TODAY)
    assert not rules.is_tomorrow(day=TODAY, today=TODAY)
    assert not rules.is_tomorrow(day=date(2026, 11, 25), today=TODAY)


NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(("due_at", "acknowledged_at", "expected"), [
    (None, None, None),                                   # no SLA in the contract
    (NOW + timedelta(hours=1), None, None),               # still within it
    (NOW, None, None),                                    # at the limit: not yet past
    (NOW - timedelta(hours=2), None, 0),                  # past, less than a day
    (NOW - timedelta(days=3, hours=1), None, 3),
    (NOW - timedelta(days=3), NOW - timedelta(days=4), None),  # the vendor took it in time
])
def test_an_anomaly_is_past_its_sla_until_acknowledged(
        due_at: datetime | None, acknowledged_at: datetime | None, expected: int | None) -> None:
    assert rules.sla_late_days(due_at=due_at, acknowledged_at=acknowledged_at,
                               now=NOW) == expected


@pytest.mark.parametrize(("days", "expected"), [(0, True), (1, False), (6, False), (7, True),
                                                (14, True)])
def test_a_late_anomaly_comes_back_weekly(days: int, expected: bool) -> None:
    assert rules.is_late_reminder_day(days) is expected


def _item(kind: str, user_id: int, subject: str, text: str = "t",
          project: str = "MSP") -> ReminderItem:
    return ReminderItem(kind, user_id, subject, project, text, "/")


def test_plan_groups_by_person_and_orders_by_kind() -> None:
    items = [_item("task_due", 1, "task:1", "b"), _item("step_due", 1, "step:1"),
             _item("task_due", 1, "task:2", "a"), _item("step_due", 2, "step:2")]
    mailings = rules.plan(items, kind_order=["step_due", "task_due"], opted_out=set(),
                          already_sent=set())
    assert [(m.user_id, [i.subject for i in m.items]) for m in mailings] == [
        (1, ["step:1", "task:2", "task:1"]), (2, ["step:2"])]


def test_plan_leaves_out_stopped_kinds_already_sent_and_duplicates() -> None:
    items = [_item("step_due", 1, "step:1"), _item("step_due", 1, "step:1"),
             _item("task_due", 1, "task:1"), _item("task_due", 2, "task:2"),
             _item("step_due", 3, "step:3")]
    mailings = rules.plan(items, kind_order=["step_due", "task_due"],
                          opted_out={(1, "task_due")}, already_sent={(3, "step_due", "step:3")})
    assert [(m.user_id, [i.subject for i in m.items]) for m in mailings] == [
        (1, ["step:1"]), (2, ["task:2"])]


def test_a_stop_token_names_the_person_and_the_kind() -> None:
    token = stop_token(user_id=7, kind="task_due", issued_on=TODAY)
    request = stop_token_read(token, today=TODAY + timedelta(days=60), valid_days=60)
    assert (request.user_id, request.kind) == (7, "task_due")


def test_an_old_stop_token_has_expired() -> None:
    token = stop_token(user_id=7, kind="task_due", issued_on=TODAY)
    with pytest.raises(DomainError, match="a expiré"):
        stop_token_read(token, today=TODAY + timedelta(days=61), valid_days=60)


@pytest.mark.parametrize("forge", [
    lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"),  # signature
    lambda token: token.replace(token.split(":")[0], token.split(":")[0][::-1]),  # payload
    lambda token: "n-importe-quoi",
])
def test_a_forged_stop_token_is_refused(forge) -> None:  # type: ignore[no-untyped-def]
    token = stop_token(user_id=7, kind="task_due", issued_on=TODAY)
    with pytest.raises(DomainError, match="n'est pas valide"):
        stop_token_read(forge(token), today=TODAY, valid_days=60)
