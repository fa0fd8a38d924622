"""The AG vote under load, the pure part: who votes for what, reading pages, the figures.

No ORM, no socket: the plan of a load run, what a voter reads from the vote page, the
statistics of the measured requests and the check of the ballots found afterwards.
The I/O part (server process, threads, database) is ``vendors/demo/vote_load_run.py``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from http.cookies import SimpleCookie

from projects.demo.benchmark import percentile

_CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
_OPTION_INPUT = re.compile(r'type="radio" name="option" value="(\d+)"')


@dataclass(frozen=True)
class VoterPlan:
    """One voter's part: the option (index) voted first, and the one changed to, if any."""

    index: int
    first: int
    change_to: int | None = None

    @property
    def final(self) -> int:
        return self.first if self.change_to is None else self.change_to


def load_plan(*, voters: int, options: int, changers: int) -> list[VoterPlan]:
    """Voters spread over the options in turn; the first ``changers`` switch to the next."""
    if voters < 1 or options < 2 or not 0 <= changers <= voters:
        raise ValueError("au moins un votant, deux options, et pas plus de changements "
                         "que de votants")
    return [VoterPlan(index=n, first=n % options,
                      change_to=(n + 1) % options if n < changers else None)
            for n in range(voters)]


@dataclass(frozen=True)
class VotePage:
    """What a voter needs from the vote page to post a ballot."""

    csrf_token: str
    option_pks: tuple[int, ...]


def vote_page_read(html: str) -> VotePage | None:
    """The CSRF token and the options of the ballot form, or None when there is no form."""
    token = _CSRF_INPUT.search(html)
    options = tuple(int(pk) for pk in _OPTION_INPUT.findall(html))
    if token is None or not options:
        return None
    return VotePage(csrf_token=token.group(1), option_pks=tuple(dict.fromkeys(options)))


def cookies_read(set_cookie_headers: Iterable[str]) -> dict[str, str]:
    """Cookie values set by a response (``Set-Cookie`` headers), by name."""
    jar: SimpleCookie = SimpleCookie()
    for header in set_cookie_headers:
        jar.load(header)
    return {name: morsel.value for name, morsel in jar.items()}


@dataclass(frozen=True)
class Sample:
    """One measured request: its phase (page, ballot, change), status and duration."""

    phase: str
    voter: int
    status: int
    seconds: float
    error: str = ""


@dataclass(frozen=True)
class PhaseStats:
    phase: str
    count: int
    failed: int
    p50_ms: float
    p95_ms: float
    max_ms: float

    def __str__(self) -> str:
        return (f"{self.count} requêtes · p50 {self.p50_ms:.0f} ms · p95 {self.p95_ms:.0f} ms · "
                f"max {self.max_ms:.0f} ms · en échec : {self.failed}")


# The answer each phase must get: the page itself, then the redirect after a POST.
EXPECTED_STATUS = {"page": 200, "ballot": 302, "change": 302}


def phase_stats(samples: Sequence[Sample], phase: str) -> PhaseStats:
    """Nearest-rank p50 / p95 and the maximum of one phase's durations."""
    chosen = [s for s in samples if s.phase == phase]
    ms = [s.seconds * 1000 for s in chosen] or [0.0]
    return PhaseStats(
        phase=phase, count=len(chosen),
        failed=sum(1 for s in chosen if s.status != EXPECTED_STATUS.get(phase) or s.error),
        p50_ms=percentile(ms, 0.50), p95_ms=percentile(ms, 0.95), max_ms=max(ms))


@dataclass(frozen=True)
class BallotCheck:
    """What the database holds after the run, against the plan."""

    ballots: int
    distinct_voters: int
    missing: int
    duplicated: int
    wrong_option: int
    unexpected: int

    @property
    def is_exact(self) -> bool:
        """One ballot per voter, each carrying the option the voter chose last."""
        return (self.missing == 0 and self.duplicated == 0 and self.wrong_option == 0
                and self.unexpected == 0 and self.ballots == self.distinct_voters)


def ballot_check(*, expected: Mapping[int, int], found: Sequence[tuple[int, int]]
                 ) -> BallotCheck:
    """``expected``: voter id → option id voted last; ``found``: (voter id, option id)
    of every ballot of the vote."""
    per_voter = Counter(voter for voter, _option in found)
    last = dict(found)
    return BallotCheck(
        ballots=len(found), distinct_voters=len(per_voter),
        missing=sum(1 for voter in expected if voter not in per_voter),
        duplicated=sum(1 for n in per_voter.values() if n > 1),
        wrong_option=sum(1 for voter, option in expected.items()
                         if voter in last and last[voter] != option),
        unexpected=sum(1 for voter in per_voter if voter not in expected),
    )
