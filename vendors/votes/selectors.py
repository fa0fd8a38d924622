"""Reads of the votes of the assemblée générale, scoped by project.

Nothing here counts ballots of a vote that is not closed: ``vote_outcome_of`` and
``vote_minutes_data`` refuse it, so no page can show a partial result.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.choices import DocumentStatus
from projects.models import Document
from vendors.choices import VendorsDocument

from . import rules as voting
from .models import Ballot, RoomVoter, Vote, VoteOption, VoteProxy
from .services import eligible_memberships, is_eligible

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Membership, Project


def votes_of(*, project: Project) -> list[Vote]:
    """The project's votes, newest first, with their options."""
    return list(Vote.objects.filter(project=project).prefetch_related("options")
                .order_by("-opens_at", "-id"))


@dataclass(frozen=True)
class HeldProxy:
    """A pouvoir the member holds, and whether they have already voted with it."""

    proxy: VoteProxy
    ballot_option: VoteOption | None


@dataclass(frozen=True)
class VoterView:
    """What one member sees of an open vote: their choice, their pouvoirs, whom to give to."""

    is_eligible: bool
    my_option: VoteOption | None
    my_ballot_by_holder: bool          # my voice was cast by the holder of my pouvoir
    given: VoteProxy | None
    held: list[HeldProxy]
    proxy_candidates: list[Membership]


def voter_view(*, vote: Vote, user: User) -> VoterView:
    """The member's own ballot and pouvoirs in ``vote`` (never anyone else's ballot)."""
    eligible = is_eligible(vote.project, user)
    mine = Ballot.objects.filter(vote=vote, voter=user).select_related("option").first()
    given = VoteProxy.objects.filter(vote=vote, giver=user).select_related("holder").first()
    held_proxies = list(VoteProxy.objects.filter(vote=vote, holder=user)
                        .select_related("giver").order_by("giver__last_name"))
    on_behalf = {b.voter_id: b.option for b in Ballot.objects.filter(
        vote=vote, cast_by=user, voter_id__in=[p.giver_id for p in held_proxies])
        .select_related("option")}
    candidates = [m for m in eligible_memberships(vote.project) if m.user_id != user.pk] \
        if eligible else []
    return VoterView(
        is_eligible=eligible, my_option=mine.option if mine else None,
        my_ballot_by_holder=bool(mine and mine.cast_by_id != user.pk), given=given,
        held=[HeldProxy(p, on_behalf.get(p.giver_id)) for p in held_proxies],
        proxy_candidates=candidates,
    )


def _closed(vote: Vote) -> Vote:
    if not vote.is_closed:
        raise DomainError(_("Les résultats d'un vote ne sont connus qu'à sa clôture."))
    return vote


def vote_outcome_of(*, vote: Vote) -> voting.VoteOutcome:
    """Turnout, quorum and result of a closed vote (refused while it is open)."""
    _closed(vote)
    options = list(vote.options.annotate(n=Count("ballots")).order_by("position", "id"))
    return voting.vote_outcome(
        options=[(o.pk, o.label) for o in options], ballots={o.pk: o.n for o in options},
        eligible=vote.eligible_count or 0, quorum_kind=vote.quorum_kind,
        quorum_value=vote.quorum_value, majority=vote.majority,
    )


@dataclass(frozen=True)
class Participant:
    """A member whose voice was counted; the option only when the ballot was open."""

    name: str
    cast_by: str | None       # the holder of their pouvoir, when they voted through them
    option: str | None
    # For a professional voting in the room: « Bulletin papier » or « Main levée », and
    # the chef de projet who recorded the ballot.
    room_mode: str | None = None
    recorded_by: str | None = None


@dataclass(frozen=True)
class VoteMinutesData:
    """Everything the procès-verbal of a closed vote shows."""

    project: Project
    vote: Vote
    options: list[VoteOption]
    outcome: voting.VoteOutcome
    participants: list[Participant]
    absent: list[str]
    proxies: list[VoteProxy]
    receipts: list[tuple[str, str]]     # (receipt, option label), sorted by receipt
    digest: str                         # recomputed from the ballots
    digest_lines: list[str]
    # The latest finished dossier de choix when the vote opened: the version put to it.
    dossier: Document | None = None

    @property
    def is_digest_consistent(self) -> bool:
        """The digest recorded at the close is the one the ballots give today."""
        return self.digest == self.vote.ballots_digest


def _ballot_order(ballot: Ballot) -> tuple[str, ...]:
    if ballot.room_voter is not None:
        return (ballot.room_voter.name, "", "")
    assert ballot.voter is not None
    return (ballot.voter.last_name, ballot.voter.first_name, ballot.voter.email)


def _participant(vote: Vote, ballot: Ballot) -> Participant:
    option = None if vote.is_secret else ballot.option.label
    if ballot.room_voter is not None:
        return Participant(name=str(ballot.room_voter), cast_by=None, option=option,
                           room_mode=ballot.room_voter.get_mode_display(),
                           recorded_by=ballot.cast_by.display_name)
    assert ballot.voter is not None
    return Participant(name=ballot.voter.display_name,
                       cast_by=ballot.cast_by.display_name if ballot.is_by_proxy else None,
                       option=option)


def room_voters_of(*, vote: Vote) -> list[tuple[RoomVoter, bool]]:
    """The professionals listed in the room, and whether their ballot is recorded."""
    recorded = set(Ballot.objects.filter(vote=vote, room_voter__isnull=False)
                   .values_list("room_voter_id", flat=True))
    return [(r, r.pk in recorded)
            for r in RoomVoter.objects.filter(vote=vote).select_related("recorded_by")]


def vote_minutes_data(project: Project, subject: str) -> VoteMinutesData:
    """Gather the procès-verbal of the project's vote ``subject`` (its id), once closed."""
    vote = Vote.objects.select_related("closed_by", "created_by").filter(
        project=project, pk=int(subject)).first()
    if vote is None:
        raise DomainError(_("Vote introuvable pour ce projet."))
    _closed(vote)
    ballots = list(Ballot.objects.filter(vote=vote).select_related(
        "voter", "cast_by", "option", "room_voter"))
    ballots.sort(key=_ballot_order)
    voted = {b.voter_id for b in ballots if b.voter_id is not None}
    receipts = sorted((b.receipt, b.option.label) for b in ballots)
    room_absent = [str(r) for r in RoomVoter.objects.filter(vote=vote, ballots__isnull=True)]
    return VoteMinutesData(
        project=project, vote=vote, options=list(vote.options.order_by("position", "id")),
        outcome=vote_outcome_of(vote=vote),
        participants=[_participant(vote, b) for b in ballots],
        absent=[m.user.display_name for m in eligible_memberships(project)
                if m.user_id not in voted] + room_absent,
        proxies=list(VoteProxy.objects.filter(vote=vote).select_related("giver", "holder")
                     .order_by("giver__last_name", "giver__first_name")),
        receipts=receipts, digest=voting.ballots_digest(receipts),
        digest_lines=voting.digest_lines(receipts),
        dossier=Document.objects.filter(
            project=project, kind=VendorsDocument.DOSSIER_DE_CHOIX, status=DocumentStatus.DONE,
            finished_at__lte=vote.opens_at).order_by("-version").first(),
    )
