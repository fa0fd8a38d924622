"""Pure rules of the AG vote (vendors.votes.rules), checked against hand-computed cases."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from vendors.votes import rules as v

OPTIONS = [(1, "Confluence"), (2, "Lisseron"), (3, "Pluriel")]


def outcome(ballots: dict[int, int], *, eligible: int = 10, kind: str = v.QUORUM_SHARE,
            value: int = 50, majority: str = v.MAJORITY_SIMPLE) -> v.VoteOutcome:
    return v.vote_outcome(options=OPTIONS, ballots=ballots, eligible=eligible,
                          quorum_kind=kind, quorum_value=value, majority=majority)


@pytest.mark.parametrize(("eligible", "kind", "value", "needed"), [
    (10, v.QUORUM_SHARE, 50, 5),      # 10 × 50 % = 5 exactly
    (11, v.QUORUM_SHARE, 50, 6),      # 5.5 rounded up
    (14, v.QUORUM_SHARE, 33, 5),      # 4.62 rounded up
    (14, v.QUORUM_SHARE, 0, 0),
    (14, v.QUORUM_SHARE, 100, 14),
    (14, v.QUORUM_COUNT, 8, 8),
    (3, v.QUORUM_SHARE, 1, 1),        # 0.03 rounded up: one voter at least
])
def test_quorum_required(eligible: int, kind: str, value: int, needed: int) -> None:
    assert v.quorum_required(eligible=eligible, kind=kind, value=value) == needed


@pytest.mark.parametrize(("kind", "value", "eligible", "fragment"), [
    (v.QUORUM_SHARE, 101, 10, "entre 0 et 100"),
    (v.QUORUM_SHARE, -1, 10, "entre 0 et 100"),
    (v.QUORUM_COUNT, 11, 10, "(10)"),
    (v.QUORUM_COUNT, None, 10, "Indiquez"),
    ("half", 5, 10, "inconnu"),
])
def test_impossible_quorums_are_refused(kind: str, value: int | None, eligible: int,
                                        fragment: str) -> None:
    assert fragment in (v.quorum_error(kind=kind, value=value, eligible=eligible) or "")


@pytest.mark.parametrize(("kind", "value"), [(v.QUORUM_SHARE, 100), (v.QUORUM_COUNT, 10),
                                             (v.QUORUM_COUNT, 0)])
def test_possible_quorums_pass(kind: str, value: int) -> None:
    assert v.quorum_error(kind=kind, value=value, eligible=10) is None


def test_options_need_two_distinct_labels() -> None:
    assert v.options_error(["Confluence", "Lisseron"]) is None
    assert "au moins deux" in (v.options_error(["Confluence"]) or "")
    assert "même libellé" in (v.options_error(["Confluence", "  confluence "]) or "")
    assert "vide" in (v.options_error(["Confluence", "  "]) or "")


def test_schedule_closes_after_opening_and_in_the_future() -> None:
    now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    hour = timedelta(hours=1)
    assert v.schedule_error(opens_at=now, closes_at=now + hour, now=now) is None
    assert "postérieure" in (v.schedule_error(opens_at=now, closes_at=now, now=now) or "")
    assert "futur" in (v.schedule_error(opens_at=now - 2 * hour, closes_at=now - hour,
                                        now=now) or "")


def test_simple_majority_most_votes_wins() -> None:
    # 4 / 3 / 1 over 10 eligible, quorum 50 % = 5: 8 ballots, Confluence 50.0 %.
    result = outcome({1: 4, 2: 3, 3: 1})
    assert result.participants == 8
    assert result.turnout == Decimal("80.0")
    assert result.quorum_needed == 5
    assert result.is_quorum_reached
    assert [c.count for c in result.counts] == [4, 3, 1]
    assert [c.share for c in result.counts] == [Decimal("50.0"), Decimal("37.5"),
                                                Decimal("12.5")]
    assert result.winner is not None
    assert result.winner.label == "Confluence"
    assert not result.is_tie
    assert "l'emporte avec 4 voix sur 8" in result.reason


def test_absolute_majority_needs_more_than_half() -> None:
    # 4 of 8 is exactly half: not more than half, no winner.
    assert outcome({1: 4, 2: 3, 3: 1}, majority=v.MAJORITY_ABSOLUTE).winner is None
    # 5 of 9 is 55.6 %: wins.
    won = outcome({1: 5, 2: 3, 3: 1}, majority=v.MAJORITY_ABSOLUTE)
    assert won.winner is not None
    assert won.winner.key == 1


def test_two_thirds_majority() -> None:
    # 6 of 9 is exactly two thirds: enough.
    won = outcome({1: 6, 2: 2, 3: 1}, majority=v.MAJORITY_TWO_THIRDS)
    assert won.winner is not None
    assert won.winner.label == "Confluence"
    # 5 of 8 is 62.5 %: not enough, though an absolute majority.
    lost = outcome({1: 5, 2: 2, 3: 1}, majority=v.MAJORITY_TWO_THIRDS)
    assert lost.winner is None
    assert "sans atteindre la majorité requise" in lost.reason
    assert "deux tiers" in lost.reason


def test_a_tie_at_the_top_designates_no_option() -> None:
    result = outcome({1: 3, 2: 3, 3: 1})
    assert result.is_tie
    assert result.winner is None
    assert "Égalité entre « Confluence » et « Lisseron »" in result.reason


def test_a_tie_below_the_top_does_not_matter() -> None:
    result = outcome({1: 4, 2: 1, 3: 1})
    assert not result.is_tie
    assert result.winner is not None
    assert result.winner.key == 1


def test_quorum_not_reached_means_no_result() -> None:
    # 4 ballots of 10 eligible, quorum 5.
    result = outcome({1: 4})
    assert not result.is_quorum_reached
    assert result.winner is None
    assert result.turnout == Decimal("40.0")
    assert "Quorum non atteint : 4 participants pour 5 requis" in result.reason


def test_no_ballot_at_all() -> None:
    result = outcome({}, value=0)
    assert result.participants == 0
    assert result.turnout == Decimal("0.0")
    assert not result.is_quorum_reached
    assert result.winner is None
    assert [c.share for c in result.counts] == [Decimal("0.0")] * 3


def test_percent_rounds_half_up() -> None:
    assert v.percent(1, 3) == Decimal("33.3")
    assert v.percent(2, 3) == Decimal("66.7")
    assert v.percent(1, 8) == Decimal("12.5")
    assert v.percent(1, 16) == Decimal("6.3")   # 6.25 → 6.3


OK_PROXY = v.ProxySituation(
    giver_is_eligible=True, holder_is_eligible=True, is_same_person=False,
    giver_has_voted=False, giver_already_gave=False, giver_holds_proxies=False,
    holder_gave_own=False, holder_count=0, max_per_holder=1,
)


def test_a_proxy_between_two_voters_is_accepted() -> None:
    assert v.proxy_error(OK_PROXY) is None
    assert v.proxy_error(replace(OK_PROXY, holder_count=1, max_per_holder=2)) is None


@pytest.mark.parametrize(("change", "fragment"), [
    ({"max_per_holder": 0}, "n'admet pas de pouvoirs"),
    ({"giver_is_eligible": False}, "Seul un membre ayant droit de vote"),
    ({"holder_is_eligible": False}, "qu'à un membre ayant droit de vote"),
    ({"is_same_person": True}, "propre pouvoir"),
    ({"giver_has_voted": True}, "déjà voté"),
    ({"giver_already_gave": True}, "déjà donné votre pouvoir"),
    ({"giver_holds_proxies": True}, "détenez déjà le pouvoir"),
    ({"holder_gave_own": True}, "a lui-même donné son pouvoir"),
    ({"holder_count": 1}, "nombre maximal de pouvoirs (1)"),
    ({"holder_count": 2, "max_per_holder": 2}, "nombre maximal de pouvoirs (2)"),
])
def test_proxy_refusals(change: dict[str, object], fragment: str) -> None:
    assert fragment in (v.proxy_error(replace(OK_PROXY, **change)) or "")  # type: ignore[arg-type]


def test_a_proxy_is_revocable_until_used() -> None:
    assert v.proxy_revoke_error(holder_has_voted_for_giver=False) is None
    assert "déjà voté en votre nom" in (v.proxy_revoke_error(holder_has_voted_for_giver=True)
                                        or "")


def test_max_proxies_bounds() -> None:
    assert v.max_proxies_error(0) is None
    assert v.max_proxies_error(v.MAX_PROXIES_LIMIT) is None
    assert v.max_proxies_error(v.MAX_PROXIES_LIMIT + 1) is not None
    assert v.max_proxies_error(None) is not None


def test_digest_is_sha256_of_sorted_lines() -> None:
    receipts = [("ZZZZ-9999-XXXX", "Confluence"), ("AAAA-2222-CCCC", "Lisseron"),
                ("KKKK-3333-MMMM", "Confluence")]
    assert v.digest_lines(receipts) == ["AAAA-2222-CCCC:Lisseron",
                                        "KKKK-3333-MMMM:Confluence",
                                        "ZZZZ-9999-XXXX:Confluence"]
    # printf 'AAAA-2222-CCCC:Lisseron\nKKKK-3333-MMMM:Confluence\nZZZZ-9999-XXXX:Confluence'
    #   | sha256sum
    expected = "0fa59a527ff9b625469c59fa0633c700ca2f91400d51be884542068de24339db"
    assert v.ballots_digest(receipts) == expected
    assert v.ballots_digest(reversed(receipts)) == expected   # order of input irrelevant


def test_digest_changes_with_any_ballot() -> None:
    receipts = [("AAAA-2222-CCCC", "Lisseron"), ("KKKK-3333-MMMM", "Confluence")]
    changed = [("AAAA-2222-CCCC", "Confluence"), ("KKKK-3333-MMMM", "Confluence")]
    assert v.ballots_digest(receipts) != v.ballots_digest(changed)
    # No ballot: the digest of the empty text.
    assert v.ballots_digest([]) == \
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
