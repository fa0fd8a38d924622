"""Writes of the votes of the assemblée générale: open, cast, proxies, close.

Every write on a vote first locks the vote's row: casts, proxies and the close of one
vote are serialised, so the checks made under the lock (open? pouvoir held? already
voted?) still hold when the row is written, whatever the number of connections.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.models import Membership
from projects.pagecache.revision import revision_bump
from projects.policy import permissions_for
from vendors.permissions import CAST_VOTE

from ..choices import MajorityRule
from ..market.models import VendorAssessment
from . import rules as voting
from .models import Ballot, RoomBallotMode, RoomVoter, Vote, VoteOption, VoteProxy, VoteState

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

# Unambiguous characters for receipts read aloud or copied by hand (no 0/O, 1/I/L).
_RECEIPT_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
_CAST_ATTEMPTS = 3


def voting_roles() -> list[str]:
    """Roles whose holders are members of the assemblée générale with a voting right."""
    from projects.choices import Role

    return [role for role in Role.values if CAST_VOTE in permissions_for(role)]


def eligible_memberships(project: Project) -> list[Membership]:
    """Members of the project who may vote, by name."""
    return list(Membership.objects.filter(project=project, role__in=voting_roles())
                .select_related("user")
                .order_by("user__last_name", "user__first_name", "user__email"))


def is_eligible(project: Project, user: User) -> bool:
    """Whether ``user`` holds a voting right in the project's assemblée générale."""
    return Membership.objects.filter(project=project, user=user,
                                     role__in=voting_roles()).exists()


def receipt_new() -> str:
    """A random receipt such as ``K7QM-2XRT-9HWA`` (about 59 bits of entropy)."""
    raw = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(voting.RECEIPT_LENGTH))
    return "-".join(raw[i:i + 4] for i in range(0, voting.RECEIPT_LENGTH, 4))


def _locked(vote: Vote) -> Vote:
    return Vote.objects.select_for_update().get(pk=vote.pk)


@dataclass(frozen=True)
class OptionSpec:
    """An option to put to the vote: its label and, optionally, the vendor it stands for."""

    label: str
    assessment: VendorAssessment | None = None


@transaction.atomic
def vote_open(*, project: Project, by: User, question: str, options: Sequence[OptionSpec],
              opens_at: datetime, closes_at: datetime, quorum_kind: str, quorum_value: int,
              majority: str, is_secret: bool, max_proxies: int, place: str = "",
              chair: str = "", now: datetime | None = None) -> Vote:
    """Put a question to the assemblée générale between two times, with its rules."""
    question = " ".join(question.split())
    labels = [" ".join(o.label.split()) for o in options]
    eligible = len(eligible_memberships(project))
    error = (
        (None if question else _("Indiquez la question posée à l'assemblée générale."))
        or voting.options_error(labels)
        or voting.schedule_error(opens_at=opens_at, closes_at=closes_at,
                                 now=now or clock.now())
        or voting.quorum_error(kind=quorum_kind, value=quorum_value, eligible=eligible)
        or voting.max_proxies_error(max_proxies)
        or (None if majority in MajorityRule.values else _("Règle de majorité inconnue."))
    )
    if error:
        raise DomainError(error)
    if any(o.assessment is not None and o.assessment.project_id != project.pk
           for o in options):
        raise DomainError(_("Une option renvoie à un éditeur qui n'est pas évalué par ce "
                            "projet."))
    vote = Vote.objects.create(
        project=project, question=question, opens_at=opens_at, closes_at=closes_at,
        quorum_kind=quorum_kind, quorum_value=quorum_value, majority=majority,
        is_secret=is_secret, max_proxies=max_proxies, created_by=by,
        place=" ".join(place.split()), chair=" ".join(chair.split()),
    )
    for position, (label, spec) in enumerate(zip(labels, options, strict=True)):
        VoteOption.objects.create(vote=vote, label=label, assessment=spec.assessment,
                                  position=position)
    return vote


@dataclass(frozen=True)
class CastResult:
    """The ballot recorded and its receipt, to show once to whoever cast it."""

    ballot: Ballot
    receipt: str
    is_change: bool


def _cast_checks(vote: Vote, *, by: User, voter: User, option_pk: int,
                 now: datetime) -> VoteOption:
    """Everything that must hold, under the vote's lock, for ``by`` to vote for ``voter``."""
    state = vote.state_at(now)
    if state == VoteState.SCHEDULED:
        raise DomainError(_("Le vote n'est pas encore ouvert."))
    if state == VoteState.CLOSED:
        raise DomainError(_("Le vote est clos : aucun bulletin n'est plus accepté."))
    if not is_eligible(vote.project, by):
        raise DomainError(_("Seuls les membres de l'assemblée générale ayant droit de vote "
                            "peuvent voter."))
    if voter.pk == by.pk:
        if VoteProxy.objects.filter(vote=vote, giver=by).exists():
            raise DomainError(_("Vous avez donné votre pouvoir : retirez-le pour voter "
                                "vous-même."))
    elif not VoteProxy.objects.filter(vote=vote, giver=voter, holder=by).exists():
        raise DomainError(_("Vous ne détenez pas le pouvoir de ce membre pour ce vote."))
    option = VoteOption.objects.filter(vote=vote, pk=option_pk).first()
    if option is None:
        raise DomainError(_("Cette option ne fait pas partie du vote."))
    return option


def vote_cast(*, vote: Vote, by: User, option_pk: int, on_behalf_of: User | None = None,
              now: datetime | None = None) -> CastResult:
    """Record or replace the one ballot of a voice while the vote is open; never two.

    ``on_behalf_of`` is the member whose pouvoir ``by`` holds. The vote's row lock
    serialises concurrent casts; the unique (vote, voter) constraint is the last guard,
    and a cast losing a race to it is retried as a change of the ballot just written.
    """
    voter = on_behalf_of or by
    for attempt in range(_CAST_ATTEMPTS):
        try:
            return _vote_cast_once(vote=vote, by=by, voter=voter, option_pk=option_pk,
                                   now=now)
        except IntegrityError:
            if attempt == _CAST_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


@transaction.atomic
def _vote_cast_once(*, vote: Vote, by: User, voter: User, option_pk: int,
                    now: datetime | None) -> CastResult:
    locked = _locked(vote)
    option = _cast_checks(locked, by=by, voter=voter, option_pk=option_pk,
                          now=now or clock.now())
    receipt = receipt_new()
    moment = clock.now()
    updated = Ballot.objects.filter(vote=locked, voter=voter).update(
        option=option, cast_by=by, receipt=receipt, cast_at=moment)
    if updated:
        revision_bump([locked.project_id])  # an update in place sends no signal
        ballot = Ballot.objects.get(vote=locked, voter=voter)
        return CastResult(ballot=ballot, receipt=receipt, is_change=True)
    ballot = Ballot.objects.create(vote=locked, voter=voter, cast_by=by, option=option,
                                   receipt=receipt, cast_at=moment)
    return CastResult(ballot=ballot, receipt=receipt, is_change=False)


@transaction.atomic
def proxy_give(*, vote: Vote, giver: User, holder: User,
               now: datetime | None = None) -> VoteProxy:
    """Record that ``giver`` entrusts their voice to ``holder`` for this vote."""
    locked = _locked(vote)
    if locked.state_at(now or clock.now()) == VoteState.CLOSED:
        raise DomainError(_("Le vote est clos : les pouvoirs ne se donnent plus."))
    proxies = VoteProxy.objects.filter(vote=locked)
    error = voting.proxy_error(voting.ProxySituation(
        giver_is_eligible=is_eligible(locked.project, giver),
        holder_is_eligible=is_eligible(locked.project, holder),
        is_same_person=giver.pk == holder.pk,
        giver_has_voted=Ballot.objects.filter(vote=locked, voter=giver).exists(),
        giver_already_gave=proxies.filter(giver=giver).exists(),
        giver_holds_proxies=proxies.filter(holder=giver).exists(),
        holder_gave_own=proxies.filter(giver=holder).exists(),
        holder_count=proxies.filter(holder=holder).count(),
        max_per_holder=locked.max_proxies,
    ))
    if error:
        raise DomainError(error)
    return VoteProxy.objects.create(vote=locked, giver=giver, holder=holder)


@transaction.atomic
def proxy_revoke(*, vote: Vote, giver: User, now: datetime | None = None) -> None:
    """Take back one's pouvoir, as long as the holder has not voted with it."""
    locked = _locked(vote)
    if locked.state_at(now or clock.now()) == VoteState.CLOSED:
        raise DomainError(_("Le vote est clos : les pouvoirs ne se retirent plus."))
    proxy = VoteProxy.objects.filter(vote=locked, giver=giver).first()
    if proxy is None:
        raise DomainError(_("Vous n'avez pas donné de pouvoir pour ce vote."))
    # While a pouvoir is given its giver cannot vote: any ballot of theirs is the holder's.
    error = voting.proxy_revoke_error(
        holder_has_voted_for_giver=Ballot.objects.filter(vote=locked, voter=giver).exists())
    if error:
        raise DomainError(error)
    proxy.delete()


def _room_open_check(vote: Vote, now: datetime) -> None:
    state = vote.state_at(now)
    if state == VoteState.SCHEDULED:
        raise DomainError(_("Le vote n'est pas encore ouvert."))
    if state == VoteState.CLOSED:
        raise DomainError(_("Le vote est clos : aucun bulletin n'est plus accepté."))


@transaction.atomic
def room_voter_add(*, vote: Vote, by: User, name: str, profession: str,
                   now: datetime | None = None) -> RoomVoter:
    """List a professional without an account who votes in the room, while the vote is
    open; they then count among the members with a voting right."""
    locked = _locked(vote)
    _room_open_check(locked, now or clock.now())
    name, profession = " ".join(name.split()), " ".join(profession.split())
    if not name or not profession:
        raise DomainError(_("Indiquez le nom et la profession du votant dans la salle."))
    if RoomVoter.objects.filter(vote=locked, name__iexact=name,
                                profession__iexact=profession).exists():
        raise DomainError(_("%(name)s (%(profession)s) est déjà inscrit parmi les votants "
                            "dans la salle.") % {"name": name, "profession": profession})
    room_voter = RoomVoter(project=locked.project, vote=locked, name=name,
                           profession=profession, added_by=by)
    room_voter._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    room_voter.save()
    return room_voter


@transaction.atomic
def room_ballot_record(*, vote: Vote, by: User, room_voter_pk: int, option_pk: int,
                       mode: str, now: datetime | None = None) -> Ballot:
    """The chef de projet records the one ballot of a professional voting in the room,
    on paper or by a show of hands; a second ballot for the same person is refused.

    The vote's row lock serialises the records; the unique (vote, room_voter) constraint
    is the last guard.
    """
    locked = _locked(vote)
    moment = now or clock.now()
    _room_open_check(locked, moment)
    room_voter = RoomVoter.objects.filter(vote=locked, pk=room_voter_pk).first()
    if room_voter is None:
        raise DomainError(_("Ce votant n'est pas inscrit dans la salle pour ce vote."))
    if mode not in RoomBallotMode.values:
        raise DomainError(_("Indiquez si le vote est à bulletin papier ou à main levée."))
    if Ballot.objects.filter(vote=locked, room_voter=room_voter).exists():
        raise DomainError(_("Le bulletin de %(name)s est déjà enregistré : un seul bulletin "
                            "par votant, rien n'a été modifié.") % {"name": room_voter.name})
    option = VoteOption.objects.filter(vote=locked, pk=option_pk).first()
    if option is None:
        raise DomainError(_("Cette option ne fait pas partie du vote."))
    recorded_at = clock.now()
    ballot = Ballot.objects.create(vote=locked, room_voter=room_voter, cast_by=by,
                                   option=option, receipt=receipt_new(), cast_at=recorded_at)
    room_voter.mode, room_voter.recorded_by, room_voter.recorded_at = mode, by, recorded_at
    room_voter._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    room_voter.save(update_fields=["mode", "recorded_by", "recorded_at"])
    return ballot


def _close(vote: Vote, *, at: datetime, by: User | None) -> Vote:
    """Count the voting rights, take the digest of the ballots and mark the vote closed."""
    ballots = Ballot.objects.filter(vote=vote).select_related("option")
    vote.closed_at = at
    vote.closed_by = by
    # The members with a voting right, and the professionals listed in the room.
    vote.eligible_count = (len(eligible_memberships(vote.project))
                           + RoomVoter.objects.filter(vote=vote).count())
    vote.ballots_digest = voting.ballots_digest((b.receipt, b.option.label) for b in ballots)
    vote.save(update_fields=["closed_at", "closed_by", "eligible_count", "ballots_digest"])
    return vote


@transaction.atomic
def vote_close(*, vote: Vote, by: User, now: datetime | None = None) -> Vote:
    """The chef de projet closes an open vote (before its time if the AG is over)."""
    locked = _locked(vote)
    moment = now or clock.now()
    if locked.is_closed:
        raise DomainError(_("Ce vote est déjà clos."))
    if locked.state_at(moment) == VoteState.SCHEDULED:
        raise DomainError(_("Ce vote n'est pas encore ouvert : il ne peut pas être clos."))
    # Past its time, the vote closed at its time whoever notices it.
    if moment >= locked.closes_at:
        return _close(locked, at=locked.closes_at, by=None)
    return _close(locked, at=moment, by=by)


def vote_close_if_due(*, vote: Vote, now: datetime | None = None) -> Vote:
    """Close a vote whose closing time has passed; called whenever a vote page is read."""
    moment = now or clock.now()
    if vote.is_closed or moment < vote.closes_at:
        return vote
    with transaction.atomic():
        locked = _locked(vote)
        if locked.is_closed:
            return locked
        return _close(locked, at=locked.closes_at, by=None)

