"""Pure rules of step 9: deadline, late flag, link window, tokens, the answers summary."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from msp_si.common.tokens import token_hash, token_new
from vendors.consultation.rules import (
    answers_summary,
    deadline_end,
    is_late,
    link_is_open,
)

PARIS = ZoneInfo("Europe/Paris")
DEADLINE = date(2027, 1, 15)


def test_an_answer_is_on_time_until_the_end_of_the_deadline_day_in_paris() -> None:
    end = deadline_end(DEADLINE, PARIS)
    assert end == datetime(2027, 1, 16, 0, 0, tzinfo=PARIS)
    assert not is_late(end - timedelta(seconds=1), DEADLINE, PARIS)
    assert is_late(end, DEADLINE, PARIS)
    # 23:30 UTC on the 15th is already the 16th in Paris.
    assert is_late(datetime(2027, 1, 15, 23, 30, tzinfo=ZoneInfo("UTC")), DEADLINE, PARIS)


def test_no_deadline_means_never_late_and_no_open_link() -> None:
    now = datetime(2027, 1, 1, tzinfo=PARIS)
    assert not is_late(now, None, PARIS)
    assert not link_is_open(now, None, PARIS)
    assert link_is_open(now, DEADLINE, PARIS)
    assert not link_is_open(deadline_end(DEADLINE, PARIS), DEADLINE, PARIS)


def test_tokens_are_long_random_and_stored_as_a_digest() -> None:
    first, second = token_new(), token_new()
    assert first != second
    assert len(first) >= 40
    assert token_hash(first) == token_hash(first)
    assert len(token_hash(first)) == 64
    assert first not in token_hash(first)


def test_the_summary_counts_per_answer_and_priority_and_adds_prices() -> None:
    summary = answers_summary(
        [{"code": "A", "priority": "essential", "answer": "Standard"},
         {"code": "B", "priority": "essential", "answer": ""},
         {"code": "C", "priority": "desirable", "answer": "Non couvert"},
         {"code": "D", "priority": "essential", "answer": "Standard"}],
        [{"key": "licence", "total": "1000.50"}, {"key": "installation", "total": None},
         {"key": "training_day", "total": "950"}],
    )
    assert (summary.answered, summary.missing) == (3, 1)
    assert summary.by_answer["Standard"] == 2
    assert summary.by_answer["Paramétrage"] == 0
    assert summary.by_priority == {"essential": {"Standard": 2, "": 1},
                                   "desirable": {"Non couvert": 1}}
    assert summary.price_total == Decimal("1950.50")
    assert summary.prices["installation"] is None
