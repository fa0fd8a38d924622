"""What no deletion may take away: closed votes, marks, answers, auditions.

Accounts are deactivated, never deleted (their ballots and marks are PROTECTed); a
consulted vendor's history is RESTRICTed to its project, so only the deletion of the
whole project (the demo reset) removes it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db.models import ProtectedError, RestrictedError

from msp_si.accounts.models import User
from projects.choices import Role
from projects.core.services import membership_revoke
from projects.models import Project
from vendors.auditions import services as audition_services
from vendors.auditions.models import Audition
from vendors.consultation.models import AnswerSet, ConsultedVendor
from vendors.evaluation.models import EvaluationMark, EvaluationSubmission
from vendors.models import Vendor, VendorAssessment
from vendors.votes import services as vote_services
from vendors.votes.models import Ballot, Vote
from vendors.votes.selectors import vote_minutes_data, vote_outcome_of

from .scoring_helpers import submit_marks
from .vote_helpers import LABELS, open_vote, option_pk

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(project: Project, lead: User, add_member: Callable[..., Any]) -> dict[str, User]:
    """Four voters: the chef de projet, a référente, a member holding another's pouvoir."""
    return {"voter": add_member(project, Role.PROFESSION_REFERENT).user,
            "proxy holder": add_member(project).user, "proxy giver": add_member(project).user}


@pytest.fixture
def closed_vote(project: Project, lead: User, people: dict[str, User]) -> Vote:
    """Three of the four voted (one through a pouvoir), then the vote was closed."""
    nurse, member, giver = people["voter"], people["proxy holder"], people["proxy giver"]
    vote = open_vote(project, lead)
    vote_services.proxy_give(vote=vote, giver=giver, holder=member)
    vote_services.vote_cast(vote=vote, by=lead, option_pk=option_pk(vote, LABELS[0]))
    vote_services.vote_cast(vote=vote, by=nurse, option_pk=option_pk(vote, LABELS[1]))
    vote_services.vote_cast(vote=vote, by=member, option_pk=option_pk(vote, LABELS[0]),
                            on_behalf_of=giver)
    return vote_services.vote_close(vote=vote, by=lead)


def _tally(vote: Vote) -> tuple:
    outcome = vote_outcome_of(vote=vote)
    return (outcome.participants, [(c.label, c.count) for c in outcome.counts],
            outcome.winner.label if outcome.winner else None)


@pytest.mark.parametrize("has_left_the_team", [False, True])
@pytest.mark.parametrize("who", ["voter", "proxy holder", "proxy giver"])
def test_an_account_that_voted_in_a_closed_vote_is_not_deleted(
        project: Project, closed_vote: Vote, people: dict[str, User], who: str,
        has_left_the_team: bool) -> None:
    user = people[who]
    if has_left_the_team:  # no membership left: the ballot itself holds the account
        membership_revoke(membership=user.memberships.get(project=project))
    tally, digest = _tally(closed_vote), closed_vote.ballots_digest
    with pytest.raises(ProtectedError):
        user.delete()
    closed_vote.refresh_from_db()
    minutes = vote_minutes_data(project, str(closed_vote.pk))
    assert User.objects.filter(pk=user.pk).exists()
    assert _tally(closed_vote) == tally == (3, [(LABELS[0], 2), (LABELS[1], 1),
                                                (LABELS[2], 0)], LABELS[0])
    assert closed_vote.ballots_digest == digest
    assert minutes.is_digest_consistent


def test_an_evaluator_with_submitted_marks_is_not_deleted(project: Project, lead: User,
                                                         make_assessment) -> None:
    offer = make_assessment(project, decision="kept")
    submit_marks(project, lead, {offer.pk: (4, 3, 5, 2)})
    with pytest.raises(ProtectedError):
        lead.delete()
    assert EvaluationMark.objects.filter(evaluator=lead).count() == 4
    assert EvaluationSubmission.objects.filter(evaluator=lead).exists()


@pytest.fixture
def consulted_history(project: Project, lead: User, make_consulted) -> ConsultedVendor:
    """A consulted vendor with confirmed answers, an audition and submitted marks."""
    consulted = make_consulted(project)
    audition_services.audition_shortlist(project=project, consulted=consulted, by=lead)
    submit_marks(project, lead, {consulted.assessment_id: (4, 3, 5, 2)})
    return consulted


def _rows(project: Project) -> dict[str, int]:
    return {model.__name__: model.objects.filter(project=project).count()
            for model in (VendorAssessment, ConsultedVendor, AnswerSet, Audition,
                          EvaluationMark)}


@pytest.mark.parametrize("target", ["assessment", "consulted vendor"])
def test_no_deletion_path_cascades_into_a_consulted_vendors_history(
        project: Project, consulted_history: ConsultedVendor, target: str) -> None:
    before = _rows(project)
    row = consulted_history.assessment if target == "assessment" else consulted_history
    with pytest.raises(RestrictedError):
        row.delete()
    assert _rows(project) == before == {"VendorAssessment": 1, "ConsultedVendor": 1,
                                        "AnswerSet": 1, "Audition": 1, "EvaluationMark": 4}


def test_a_whole_project_can_still_be_deleted(project: Project, lead: User,
                                              consulted_history: ConsultedVendor,
                                              closed_vote: Vote) -> None:
    """The demo reset deletes its project: nothing added here stands in its way."""
    vendor = consulted_history.vendor
    voters = set(Ballot.objects.values_list("voter", flat=True))
    project.delete()
    assert not Project.objects.filter(pk=project.pk).exists()
    assert not AnswerSet.objects.exists()
    assert not Ballot.objects.exists()
    # The shared catalogue and the accounts stay; the entry now belongs to the instance.
    vendor.refresh_from_db()
    assert vendor.created_in is None
    assert set(User.objects.filter(pk__in=voters).values_list("pk", flat=True)) == voters
    assert Vendor.objects.filter(pk=vendor.pk).exists()
