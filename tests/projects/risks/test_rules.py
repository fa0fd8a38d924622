"""Risk register rules: criticality, levels, the matrix, reviews, moves. No database."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from projects.choices import RiskNature, RiskStatus
from projects.risks import rules
from projects.risks.rules import Rated

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("p", "i", "value", "level"), [
    (1, 1, 1, rules.LOW), (1, 3, 3, rules.LOW), (2, 2, 4, rules.MEDIUM),
    (2, 3, 6, rules.MEDIUM), (2, 4, 8, rules.HIGH), (3, 3, 9, rules.HIGH),
    (3, 4, 12, rules.CRITICAL), (4, 4, 16, rules.CRITICAL),
])
def test_criticality_and_level(p: int, i: int, value: int, level: str) -> None:
    assert rules.criticality(p, i) == value
    assert rules.level(value) == level


@pytest.mark.parametrize("value", [0, 5, -1])
def test_ratings_outside_1_to_4_are_invalid(value: int) -> None:
    assert not rules.is_valid_rating(value)


def test_the_matrix_draws_probability_4_on_top_and_places_each_risk_once() -> None:
    grid = rules.matrix([Rated(2, 4, 1), Rated(1, 4, 1), Rated(3, 1, 4)])
    assert [row[0].probability for row in grid] == [4, 3, 2, 1]
    assert [cell.impact for cell in grid[0]] == [1, 2, 3, 4]
    assert grid[0][0].numbers == (1, 2)
    assert grid[3][3].numbers == (3,)
    assert sum(len(cell.numbers) for row in grid for cell in row) == 3
    assert grid[0][3].level == rules.CRITICAL


def test_top_risks_by_criticality_then_number() -> None:
    risks = [Rated(1, 2, 2), Rated(2, 4, 4), Rated(3, 1, 4), Rated(4, 4, 1)]
    assert [r.number for r in rules.top(risks, 3)] == [2, 1, 3]


@pytest.mark.parametrize(("status", "days", "expected"), [
    (RiskStatus.OPEN, 7 * rules.REVIEW_WEEKS, False),
    (RiskStatus.OPEN, 7 * rules.REVIEW_WEEKS + 1, True),
    (RiskStatus.OCCURRED, 100, True),
    (RiskStatus.CLOSED, 100, False),  # no longer followed
    (RiskStatus.PROPOSED, 100, False),
])
def test_a_followed_risk_not_reviewed_for_n_weeks_is_flagged(status: str, days: int,
                                                             expected: bool) -> None:
    assert rules.is_review_overdue(status=status, assessed_on=TODAY - timedelta(days=days),
                                   today=TODAY) is expected


def test_a_proposal_is_accepted_or_refused_and_nothing_moves_to_proposed() -> None:
    assert rules.can_move(RiskStatus.PROPOSED, RiskStatus.OPEN)
    assert rules.can_move(RiskStatus.PROPOSED, RiskStatus.REFUSED)
    assert not rules.can_move(RiskStatus.PROPOSED, RiskStatus.CLOSED)
    assert not any(RiskStatus.PROPOSED in targets for targets in rules.ALLOWED_MOVES.values())
    assert not rules.can_move(RiskStatus.OPEN, RiskStatus.OPEN)


def test_the_known_risks_cover_the_methods_list_with_valid_ratings() -> None:
    codes = {risk.code for risk in rules.KNOWN_RISKS}
    assert {"availability", "vendor_failure", "non_hds_hosting", "free_text_migration",
            "secretaries_training", "budget_overrun", "lead_loss"} <= codes
    for risk in rules.KNOWN_RISKS:
        assert risk.nature in RiskNature.values
        assert rules.is_valid_rating(risk.probability)
        assert rules.is_valid_rating(risk.impact)
