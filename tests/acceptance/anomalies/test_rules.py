"""The table of allowed moves of a fiche anomalie (no database)."""

from __future__ import annotations

import pytest

from acceptance.anomalies import rules
from acceptance.choices import AnomalyStatus as S


@pytest.mark.parametrize(("current", "to"), [
    (S.OPEN, S.ACKNOWLEDGED), (S.ACKNOWLEDGED, S.CORRECTED), (S.OPEN, S.CORRECTED),
    (S.REOPENED, S.ACKNOWLEDGED), (S.REOPENED, S.CORRECTED)])
def test_the_vendor_says_taken_into_account_and_corrected(current: str, to: str) -> None:
    assert rules.can_move(current, to, rules.VENDOR)
    assert rules.can_move(current, to, rules.TEAM)


@pytest.mark.parametrize(("current", "to"), [
    (S.CORRECTED, S.VERIFIED), (S.VERIFIED, S.CLOSED), (S.OPEN, S.REJECTED),
    (S.CORRECTED, S.REOPENED), (S.CLOSED, S.REOPENED), (S.REJECTED, S.REOPENED)])
def test_only_the_team_verifies_closes_rejects_and_reopens(current: str, to: str) -> None:
    assert rules.can_move(current, to, rules.TEAM)
    assert not rules.can_move(current, to, rules.VENDOR)


@pytest.mark.parametrize(("current", "to"), [
    (S.OPEN, S.CLOSED), (S.OPEN, S.VERIFIED), (S.CLOSED, S.CORRECTED), (S.CORRECTED, S.CLOSED),
    (S.OPEN, S.OPEN), (S.REJECTED, S.CLOSED)])
def test_no_one_skips_the_verification(current: str, to: str) -> None:
    assert not rules.can_move(current, to, rules.TEAM)
    assert not rules.can_move(current, to, rules.VENDOR)


def test_moves_offered_follow_the_life_cycle_order() -> None:
    assert rules.moves_for(S.OPEN, rules.TEAM) == [S.ACKNOWLEDGED, S.CORRECTED, S.REJECTED]
    assert rules.moves_for(S.OPEN, rules.VENDOR) == [S.ACKNOWLEDGED, S.CORRECTED]
    assert rules.moves_for(S.CLOSED, rules.VENDOR) == []


def test_every_status_is_reachable_and_every_move_uses_known_statuses() -> None:
    targets = {to for (_from, to) in rules.MOVES}
    assert targets | {S.OPEN} == set(S.values)
    assert {status for pair in rules.MOVES for status in pair} <= set(S.values)
