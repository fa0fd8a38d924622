"""Pure part of the vote load run: the plan, reading the page, the figures, the check."""

from __future__ import annotations

import pytest

from vendors.demo.vote_load import (
    Sample,
    ballot_check,
    cookies_read,
    load_plan,
    phase_stats,
    vote_page_read,
)


def test_voters_are_spread_over_the_options_and_the_first_ones_change() -> None:
    plan = load_plan(voters=5, options=3, changers=2)
    assert [(p.first, p.change_to, p.final) for p in plan] == [
        (0, 1, 1), (1, 2, 2), (2, None, 2), (0, None, 0), (1, None, 1)]


@pytest.mark.parametrize(("voters", "options", "changers"), [(0, 3, 0), (5, 1, 0), (5, 3, 6)])
def test_an_impossible_plan_is_refused(voters: int, options: int, changers: int) -> None:
    with pytest.raises(ValueError, match="votant"):
        load_plan(voters=voters, options=options, changers=changers)


def test_the_vote_page_gives_its_csrf_token_and_options() -> None:
    html = ('<form method="post"><input type="hidden" name="csrfmiddlewaretoken" '
            'value="abc123"><label><input type="radio" name="option" value="41" id="me-1" '
            'required> A</label><input type="radio" name="option" value="42" id="me-2"> B'
            '</form>')
    page = vote_page_read(html)
    assert page is not None
    assert page.csrf_token == "abc123"
    assert page.option_pks == (41, 42)
    assert vote_page_read("<p>Le vote est clos.</p>") is None


def test_cookies_are_read_from_set_cookie_headers() -> None:
    assert cookies_read(["csrftoken=tok; expires=Mon, 22 Nov 2027 10:00:00 GMT; Path=/",
                         "sessionid=s1; HttpOnly; Path=/; SameSite=Lax"]) == {
        "csrftoken": "tok", "sessionid": "s1"}


def test_phase_figures_use_nearest_rank_and_count_unexpected_statuses() -> None:
    samples = [Sample("ballot", n, 302, s) for n, s in enumerate((0.1, 0.2, 0.3, 0.4))]
    samples.append(Sample("ballot", 4, 500, 2.0))
    samples.append(Sample("page", 0, 200, 9.0))
    stats = phase_stats(samples, "ballot")
    assert (stats.count, stats.failed) == (5, 1)
    assert stats.p50_ms == pytest.approx(300)
    assert stats.p95_ms == pytest.approx(2000)
    assert stats.max_ms == pytest.approx(2000)


def test_one_ballot_per_voter_with_the_last_choice_is_exact() -> None:
    expected = {1: 10, 2: 11, 3: 10}
    assert ballot_check(expected=expected, found=[(1, 10), (2, 11), (3, 10)]).is_exact
    twice = ballot_check(expected=expected, found=[(1, 10), (1, 10), (2, 11), (3, 10)])
    assert (twice.ballots, twice.distinct_voters, twice.duplicated) == (4, 3, 1)
    assert not twice.is_exact
    missing = ballot_check(expected=expected, found=[(1, 10), (2, 11)])
    assert missing.missing == 1
    assert not missing.is_exact
    stale = ballot_check(expected=expected, found=[(1, 11), (2, 11), (3, 10)])
    assert stale.wrong_option == 1
    assert not stale.is_exact
    stranger = ballot_check(expected=expected, found=[(1, 10), (2, 11), (3, 10), (9, 10)])
    assert stranger.unexpected == 1
    assert not stranger.is_exact
