"""Step 15 pure rules: timing against go-live, groups, counters, capacity."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.training import rules

GO_LIVE = date(2027, 3, 1)


@pytest.mark.parametrize(("session_on", "expected"), [
    (date(2027, 2, 22), None),             # one week before: the method's advice
    (date(2027, 2, 1), None),              # exactly four weeks before
    (date(2027, 1, 25), "5 semaines"),     # too early
    (date(2027, 3, 1), None),              # the day itself
    (date(2027, 3, 2), "après la mise en service"),
])
def test_the_timing_warning(session_on: date, expected: str | None) -> None:
    warning = rules.timing_warning(session_on=session_on, go_live_on=GO_LIVE)
    if expected is None:
        assert warning is None
    else:
        assert expected in (warning or "")


def test_no_go_live_date_no_warning() -> None:
    assert rules.timing_warning(session_on=date(2020, 1, 1), go_live_on=None) is None


@pytest.mark.parametrize(("role", "profession", "expected"), [
    ("project_lead", "gp", ("administrators", "")),
    ("profession_referent", "nurse", ("administrators", "")),
    ("member", "secretary", ("secretariat", "")),
    ("member", "physio", ("professionals", "physio")),
])
def test_group_of_a_member(role: str, profession: str, expected: tuple[str, str]) -> None:
    assert rules.group_kind_for(role=role, profession=profession) == expected


def test_trained_counts_per_key() -> None:
    counts = rules.trained_counts([("a", 1), ("a", 2), ("b", 3)], {2, 3},
                                  {"a": "Infirmiers", "b": "Accueil"})
    assert [(c.label, c.trained, c.to_train) for c in counts] == [
        ("Accueil", 1, 0), ("Infirmiers", 1, 1)]


def test_capacity_warning() -> None:
    assert rules.capacity_warning(invited=8, capacity=8) is None
    assert rules.capacity_warning(invited=9, capacity=8) == "9 personnes convoquées pour 8 places."
    assert rules.capacity_warning(invited=9, capacity=None) is None
