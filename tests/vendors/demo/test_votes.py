"""Demo vote: open on the ranked offers, a few ballots, the accounts to try still free."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from msp_si.accounts.models import User
from projects.demo.seed import DEMO_PROJECT_NAME, GP_MEMBER, LEAD, MEMBER, NURSE, SECRETARY
from projects.models import Project
from vendors.choices import AssessmentDecision
from vendors.demo.votes import seed_ag_vote
from vendors.votes.models import Ballot, Vote, VoteProxy, VoteState

pytestmark = pytest.mark.django_db


def user(key: str) -> User:
    return User.objects.get(email__startswith=f"{key}@")


def test_the_demo_has_one_open_vote_on_the_ranked_offers() -> None:
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    project = Project.objects.get(name=DEMO_PROJECT_NAME)
    (vote,) = Vote.objects.filter(project=project)
    assert vote.state == VoteState.OPEN
    assert not vote.is_closed
    # The offer eliminated by the analysis (not HDS, Indispensable needs missing) is not
    # put to the vote; the two ranked ones are, in rank order.
    assert [o.assessment.decision for o in vote.options.all()] == [AssessmentDecision.KEPT] * 2
    assert [o.label for o in vote.options.all()] == [
        "Solutions Confluence Santé — Confluence MSP",
        "Éditions Médicales du Lisseron — Lisseron Coordination"]
    ballots = {b.voter_id: b for b in Ballot.objects.filter(vote=vote)}
    assert len(ballots) == 3
    proxy = VoteProxy.objects.get(vote=vote)
    assert proxy.giver == user(SECRETARY.key)
    assert proxy.holder == user(GP_MEMBER.key)
    assert ballots[user(SECRETARY.key).pk].cast_by == user(GP_MEMBER.key)
    # The accounts the README suggests trying can still vote.
    for person in (MEMBER, LEAD, NURSE):
        assert user(person.key).pk not in ballots
    # Seeding again finds the same vote.
    again = seed_ag_vote(project=project, lead=user(LEAD.key), voters=[],
                         proxy_giver=user(SECRETARY.key), today=date.today())
    assert again == vote
    assert Ballot.objects.filter(vote=vote).count() == 3
