"""Services of the AG vote: open, cast and change, proxies, close (manual and automatic)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from msp_si.accounts.models import User
from msp_si.common.errors import DomainError
from projects.choices import Role
from projects.models import Project
from vendors.votes import rules as voting
from vendors.votes import services
from vendors.votes.models import Ballot, Vote, VoteProxy, VoteState
from vendors.votes.selectors import vote_outcome_of

from ..vote_helpers import LABELS, open_vote, option_pk, past_due

pytestmark = pytest.mark.django_db

CONFLUENCE, LISSERON, PLURIEL = LABELS


@pytest.fixture
def members(project: Project, add_member: Callable[..., Any]) -> list[User]:
    """Three members with a voting right (plus the chef de projet: four voters)."""
    return [add_member(project).user, add_member(project, Role.PROFESSION_REFERENT).user,
            add_member(project, Role.DOMAIN_REFERENT).user]


@pytest.fixture
def vote(project: Project, lead: User, members: list[User]) -> Vote:
    return open_vote(project, lead)


def test_eligible_members_are_the_assembly_not_the_amoa_nor_observers(
        project: Project, lead: User, members: list[User],
        add_member: Callable[..., Any]) -> None:
    add_member(project, Role.AMOA)
    add_member(project, Role.OBSERVER)
    eligible = {m.user_id for m in services.eligible_memberships(project)}
    assert eligible == {lead.pk, *(u.pk for u in members)}


def test_open_records_options_in_order(vote: Vote) -> None:
    assert [o.label for o in vote.options.all()] == list(LABELS)
    assert vote.state == VoteState.OPEN
    assert not vote.is_closed


@pytest.mark.parametrize(("change", "fragment"), [
    ({"closes_at": "before"}, "postérieure"),
    ({"quorum_value": 150}, "entre 0 et 100"),
    ({"quorum_kind": "count", "quorum_value": 9}, "(4)"),
    ({"labels": ("Confluence", " confluence")}, "même libellé"),
    ({"labels": ("Confluence",)}, "au moins deux"),
    ({"question": "  "}, "question"),
    ({"max_proxies": 9}, "pouvoirs"),
    ({"majority": "unanimity"}, "majorité"),
])
def test_open_refuses_bad_settings(project: Project, lead: User, members: list[User],
                                   change: dict[str, Any], fragment: str) -> None:
    if change.get("closes_at") == "before":
        change["closes_at"] = timezone.now() - timedelta(hours=1)
    with pytest.raises(DomainError) as error:
        open_vote(project, lead, **change)
    assert fragment in error.value.message
    assert not Vote.objects.exists()


def test_open_refuses_a_vendor_of_another_project(
        project: Project, lead: User, make_project: Callable[..., Project],
        make_assessment: Callable[..., Any]) -> None:
    foreign = make_assessment(make_project(name="Autre MSP"))
    now = timezone.now()
    with pytest.raises(DomainError):
        services.vote_open(project=project, by=lead, question="Q ?", options=[
            services.OptionSpec("A", foreign), services.OptionSpec("B")],
            opens_at=now, closes_at=now + timedelta(hours=1), quorum_kind="share",
            quorum_value=50, majority="simple", is_secret=True, max_proxies=1)
    assert not Vote.objects.exists()


def test_a_member_votes_then_changes_and_only_the_last_ballot_counts(
        vote: Vote, members: list[User]) -> None:
    first = services.vote_cast(vote=vote, by=members[0], option_pk=option_pk(vote, CONFLUENCE))
    second = services.vote_cast(vote=vote, by=members[0], option_pk=option_pk(vote, PLURIEL))
    assert not first.is_change
    assert second.is_change
    assert first.receipt != second.receipt
    (ballot,) = Ballot.objects.filter(vote=vote)
    assert ballot.option.label == PLURIEL
    assert ballot.receipt == second.receipt
    assert len(second.receipt) == 14
    assert second.receipt.count("-") == 2


@pytest.mark.parametrize("role", [Role.AMOA, Role.OBSERVER])
def test_amoa_and_observers_cannot_vote(vote: Vote, project: Project, role: str,
                                        add_member: Callable[..., Any]) -> None:
    outsider = add_member(project, role).user
    with pytest.raises(DomainError, match="droit de vote"):
        services.vote_cast(vote=vote, by=outsider, option_pk=option_pk(vote, CONFLUENCE))
    assert not Ballot.objects.exists()


def test_no_ballot_before_the_opening_or_after_the_close(project: Project, lead: User,
                                                         members: list[User]) -> None:
    now = timezone.now()
    later = open_vote(project, lead, opens_at=now + timedelta(days=1),
                      closes_at=now + timedelta(days=2))
    with pytest.raises(DomainError, match="pas encore ouvert"):
        services.vote_cast(vote=later, by=members[0], option_pk=option_pk(later, CONFLUENCE))
    due = past_due(open_vote(project, lead, question="Autre question ?"))
    with pytest.raises(DomainError, match="clos"):
        services.vote_cast(vote=due, by=members[0], option_pk=option_pk(due, CONFLUENCE))
    assert not Ballot.objects.exists()


def test_an_option_of_another_vote_is_refused(vote: Vote, project: Project, lead: User,
                                              members: list[User]) -> None:
    other = open_vote(project, lead, question="Autre question ?", labels=("Oui", "Non"))
    with pytest.raises(DomainError, match="ne fait pas partie"):
        services.vote_cast(vote=vote, by=members[0], option_pk=option_pk(other, "Oui"))
    assert not Ballot.objects.exists()


def test_a_proxy_holder_votes_on_behalf_in_a_separate_ballot(vote: Vote,
                                                             members: list[User]) -> None:
    giver, holder, _third = members
    services.proxy_give(vote=vote, giver=giver, holder=holder)
    with pytest.raises(DomainError, match="donné votre pouvoir"):
        services.vote_cast(vote=vote, by=giver, option_pk=option_pk(vote, CONFLUENCE))
    services.vote_cast(vote=vote, by=holder, option_pk=option_pk(vote, LISSERON))
    services.vote_cast(vote=vote, by=holder, option_pk=option_pk(vote, PLURIEL),
                       on_behalf_of=giver)
    ballots = {b.voter_id: b for b in Ballot.objects.filter(vote=vote)}
    assert ballots[holder.pk].option.label == LISSERON
    assert not ballots[holder.pk].is_by_proxy
    assert ballots[giver.pk].option.label == PLURIEL
    assert ballots[giver.pk].cast_by_id == holder.pk
    assert ballots[giver.pk].is_by_proxy
    # Used: no longer revocable.
    with pytest.raises(DomainError, match="déjà voté en votre nom"):
        services.proxy_revoke(vote=vote, giver=giver)
    assert VoteProxy.objects.filter(vote=vote).count() == 1


def test_nobody_votes_for_a_member_without_their_proxy(vote: Vote,
                                                       members: list[User]) -> None:
    with pytest.raises(DomainError, match="ne détenez pas le pouvoir"):
        services.vote_cast(vote=vote, by=members[1], option_pk=option_pk(vote, CONFLUENCE),
                           on_behalf_of=members[0])
    assert not Ballot.objects.exists()


def test_a_proxy_is_revocable_before_use_and_then_the_giver_votes(
        vote: Vote, members: list[User]) -> None:
    giver, holder, _third = members
    services.proxy_give(vote=vote, giver=giver, holder=holder)
    services.proxy_revoke(vote=vote, giver=giver)
    assert not VoteProxy.objects.exists()
    with pytest.raises(DomainError, match="ne détenez pas le pouvoir"):
        services.vote_cast(vote=vote, by=holder, option_pk=option_pk(vote, CONFLUENCE),
                           on_behalf_of=giver)
    services.vote_cast(vote=vote, by=giver, option_pk=option_pk(vote, CONFLUENCE))
    assert Ballot.objects.get().voter_id == giver.pk


def test_proxy_limit_per_holder_and_no_proxy_after_voting(
        vote: Vote, project: Project, lead: User, members: list[User],
        add_member: Callable[..., Any]) -> None:
    first, holder, third = members
    services.proxy_give(vote=vote, giver=first, holder=holder)
    with pytest.raises(DomainError, match="nombre maximal de pouvoirs"):
        services.proxy_give(vote=vote, giver=third, holder=holder)
    services.vote_cast(vote=vote, by=third, option_pk=option_pk(vote, CONFLUENCE))
    with pytest.raises(DomainError, match="déjà voté"):
        services.proxy_give(vote=vote, giver=third, holder=lead)
    observer = add_member(project, Role.OBSERVER).user
    with pytest.raises(DomainError, match="qu'à un membre ayant droit de vote"):
        services.proxy_give(vote=vote, giver=lead, holder=observer)
    assert VoteProxy.objects.count() == 1


def test_the_chef_closes_and_the_result_is_computed(vote: Vote, lead: User,
                                                    members: list[User]) -> None:
    for voter, label in zip([lead, *members], [CONFLUENCE, CONFLUENCE, LISSERON, CONFLUENCE],
                            strict=True):
        services.vote_cast(vote=vote, by=voter, option_pk=option_pk(vote, label))
    closed = services.vote_close(vote=vote, by=lead)
    assert closed.is_closed
    assert closed.closed_by == lead
    assert closed.eligible_count == 4
    receipts = [(b.receipt, b.option.label) for b in Ballot.objects.filter(vote=vote)]
    assert closed.ballots_digest == voting.ballots_digest(receipts)
    outcome = vote_outcome_of(vote=closed)
    assert [c.count for c in outcome.counts] == [3, 1, 0]
    assert outcome.winner is not None
    assert outcome.winner.label == CONFLUENCE
    assert outcome.turnout == 100
    with pytest.raises(DomainError, match="déjà clos"):
        services.vote_close(vote=closed, by=lead)
    with pytest.raises(DomainError, match="clos"):
        services.vote_cast(vote=closed, by=members[0], option_pk=option_pk(vote, PLURIEL))


def test_results_are_refused_before_the_close(vote: Vote, members: list[User]) -> None:
    services.vote_cast(vote=vote, by=members[0], option_pk=option_pk(vote, CONFLUENCE))
    with pytest.raises(DomainError, match="clôture"):
        vote_outcome_of(vote=vote)


def test_a_vote_past_its_time_closes_itself_when_read(vote: Vote, members: list[User]) -> None:
    services.vote_cast(vote=vote, by=members[0], option_pk=option_pk(vote, CONFLUENCE))
    due = past_due(vote)
    closed = services.vote_close_if_due(vote=due)
    assert closed.is_closed
    assert closed.closed_by is None
    assert closed.closed_at == due.closes_at
    # Reading again changes nothing.
    assert services.vote_close_if_due(vote=closed).closed_at == due.closes_at


def test_a_scheduled_vote_cannot_be_closed(project: Project, lead: User,
                                           members: list[User]) -> None:
    now = timezone.now()
    later = open_vote(project, lead, opens_at=now + timedelta(days=1),
                      closes_at=now + timedelta(days=2))
    with pytest.raises(DomainError, match="pas encore ouvert"):
        services.vote_close(vote=later, by=lead)
    later.refresh_from_db()
    assert not later.is_closed


def test_a_vendor_put_to_a_vote_cannot_leave_the_market_study(project, lead) -> None:
    """Otherwise the vote's option would lose its vendor (and the page would fail)."""
    from vendors.market.services import assessment_remove, assessment_start, vendor_create
    from vendors.models import VendorAssessment, VoteOption

    vendor = vendor_create(by=lead, values={"name": "Éditeur Soumis", "product": "Vote"})
    assessment = assessment_start(project=project, vendor=vendor)  # « à l'étude »
    vote = open_vote(project, lead)
    VoteOption.objects.create(vote=vote, label="Éditeur Soumis", assessment=assessment)
    with pytest.raises(DomainError, match="proposé au vote"):
        assessment_remove(assessment=assessment)
    assert VendorAssessment.objects.filter(pk=assessment.pk).exists()
