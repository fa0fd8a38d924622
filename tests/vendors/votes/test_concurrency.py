"""One ballot per voice, exactly, under concurrent submissions from separate connections.

Each thread gets its own database connection (Django opens one per thread), all start
together behind a barrier, and the rows are counted afterwards. Needs PostgreSQL: SQLite
serialises writers on its own and would prove nothing.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from msp_si.accounts.models import User
from projects.models import Project
from vendors.votes import services
from vendors.votes.models import Ballot, Vote

from ..vote_helpers import LABELS, open_vote, option_pk

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
]

THREADS = 8


def run_together(calls: list[Callable[[], Any]]) -> list[BaseException]:
    """Run each call in its own thread and connection, all released at once."""
    barrier = threading.Barrier(len(calls))
    errors: list[BaseException] = []
    lock = threading.Lock()

    def worker(call: Callable[[], Any]) -> None:
        try:
            barrier.wait(timeout=30)
            call()
        except BaseException as exc:
            with lock:
                errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a cast never finished"
    return errors


@pytest.fixture
def vote(project: Project, lead: User) -> Vote:
    return open_vote(project, lead)


def test_the_same_voter_submitting_at_once_leaves_one_ballot(
        vote: Vote, project: Project, add_member: Callable[..., Any]) -> None:
    voter = add_member(project).user
    options = [option_pk(vote, LABELS[i % len(LABELS)]) for i in range(THREADS)]
    errors = run_together([
        (lambda pk=pk: services.vote_cast(vote=vote, by=voter, option_pk=pk))
        for pk in options])
    assert errors == []
    ballots = list(Ballot.objects.filter(vote=vote))
    assert len(ballots) == 1
    assert ballots[0].voter_id == voter.pk
    assert ballots[0].option_id in options


def test_different_voters_submitting_at_once_each_get_one_ballot(
        vote: Vote, project: Project, add_member: Callable[..., Any]) -> None:
    voters = [add_member(project).user for _ in range(THREADS)]
    pk = option_pk(vote, LABELS[0])
    # Every voter twice, all at the same moment.
    calls = [(lambda v=v: services.vote_cast(vote=vote, by=v, option_pk=pk))
             for v in voters for _ in range(2)]
    errors = run_together(calls)
    assert errors == []
    assert Ballot.objects.filter(vote=vote).count() == THREADS
    assert set(Ballot.objects.filter(vote=vote).values_list("voter_id", flat=True)) == {
        v.pk for v in voters}


def test_a_holder_and_the_giver_racing_leave_one_ballot_for_the_giver(
        vote: Vote, project: Project, add_member: Callable[..., Any]) -> None:
    giver, holder = add_member(project).user, add_member(project).user
    services.proxy_give(vote=vote, giver=giver, holder=holder)
    pk = option_pk(vote, LABELS[1])
    calls = [(lambda: services.vote_cast(vote=vote, by=holder, option_pk=pk,
                                         on_behalf_of=giver)) for _ in range(THREADS // 2)]
    calls += [(lambda: services.proxy_revoke(vote=vote, giver=giver))
              for _ in range(THREADS // 2)]
    run_together(calls)  # some casts or revocations are refused: the point is the rows
    assert Ballot.objects.filter(vote=vote, voter=giver).count() <= 1
    # Either the pouvoir was used (kept) or revoked before any use (no ballot for giver).
    used = Ballot.objects.filter(vote=vote, voter=giver).exists()
    assert vote.proxies.filter(giver=giver).exists() == used
