"""Votes of the assemblée générale (step 11: the final choice), their ballots and proxies."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from msp_si.common import clock

from ..choices import MajorityRule, QuorumKind


class VoteState(models.TextChoices):
    """Where a vote stands, derived from its times and its close (never stored)."""

    SCHEDULED = "scheduled", _("Programmé")
    OPEN = "open", _("Ouvert")
    CLOSED = "closed", _("Clos")


class Vote(models.Model):
    """A question put to the members of the assemblée générale, open between two times."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="votes")
    question = models.CharField(_("question posée"), max_length=300)
    opens_at = models.DateTimeField(_("ouverture du vote"))
    closes_at = models.DateTimeField(_("clôture prévue"))
    quorum_kind = models.CharField(_("type de quorum"), max_length=8,
                                   choices=QuorumKind.choices, default=QuorumKind.SHARE)
    quorum_value = models.PositiveSmallIntegerField(_("quorum"))
    majority = models.CharField(_("majorité requise"), max_length=12,
                                choices=MajorityRule.choices, default=MajorityRule.ABSOLUTE)
    is_secret = models.BooleanField(_("vote à bulletin secret"), default=True)
    max_proxies = models.PositiveSmallIntegerField(_("pouvoirs par membre au plus"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # For the procès-verbal: where the assembly met and who chaired it (step 11).
    place = models.CharField(_("lieu de l'assemblée"), max_length=200, blank=True)
    chair = models.CharField(_("président de séance"), max_length=150, blank=True)
    # Set once, by the close: who closed it (None when closed automatically at its time),
    # how many members could vote then, and the digest of the ballots counted.
    closed_at = models.DateTimeField(_("clos le"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    eligible_count = models.PositiveIntegerField(null=True, blank=True)
    ballots_digest = models.CharField(max_length=64, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote de l'assemblée générale")
        verbose_name_plural = _("votes de l'assemblée générale")
        ordering = ("-opens_at", "-id")
        constraints = [
            models.CheckConstraint(condition=Q(closes_at__gt=F("opens_at")),
                                   name="vote_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.question

    def state_at(self, now: datetime | None = None) -> str:
        """Scheduled, open or closed at ``now``; past its closing time it counts as closed
        for voting even before the next read records the close."""
        moment = now or clock.now()
        if self.closed_at is not None or moment >= self.closes_at:
            return VoteState.CLOSED
        if moment < self.opens_at:
            return VoteState.SCHEDULED
        return VoteState.OPEN

    @property
    def state(self) -> str:
        return self.state_at()

    @property
    def is_closed(self) -> bool:
        """Closed and counted: results may be shown."""
        return self.closed_at is not None


class VoteOption(models.Model):
    """One answer to a vote: a label, optionally a vendor the project assessed."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    # RESTRICT: a vendor put to a vote stays in the study, unless the project goes too.
    assessment = models.ForeignKey("vendors.VendorAssessment", on_delete=models.RESTRICT,
                                   null=True, blank=True, related_name="vote_options")
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("option de vote")
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(fields=("vote", "label"), name="voteoption_unique_label"),
        ]

    def __str__(self) -> str:
        return self.label


class VoteProxy(models.Model):
    """A member's pouvoir given to another member for one vote; deleted when revoked."""

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="proxies")
    giver = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+", verbose_name=_("mandant"))
    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("mandataire"))
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pouvoir")
        ordering = ("created_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("vote", "giver"), name="voteproxy_one_per_giver"),
            models.CheckConstraint(condition=~Q(giver=F("holder")),
                                   name="voteproxy_not_to_self"),
        ]

    def __str__(self) -> str:
        return f"{self.giver} → {self.holder}"


class RoomBallotMode(models.TextChoices):
    """How the chef de projet took the ballot of a professional voting in the room."""

    PAPER = "paper", _("Bulletin papier")
    HANDS = "hands", _("Main levée")


class RoomVoter(models.Model):
    """A professional of the MSP without an account, voting in the room at the AG.

    The chef de projet lists them while the vote is open and records their one ballot
    (``Ballot.room_voter``). The history of this row says who listed them and who recorded
    their ballot and how, never for which option.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="room_voters")
    name = models.CharField(_("prénom et nom"), max_length=150)
    profession = models.CharField(_("profession"), max_length=100)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 related_name="+")
    mode = models.CharField(_("mode de vote"), max_length=8, choices=RoomBallotMode.choices,
                            blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("bulletin enregistré par"))
    recorded_at = models.DateTimeField(_("bulletin enregistré le"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("votant dans la salle")
        verbose_name_plural = _("votants dans la salle")
        ordering = ("name", "id")
        constraints = [
            models.UniqueConstraint(fields=("vote", "name", "profession"),
                                    name="roomvoter_unique_per_vote"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.profession})"


class Ballot(models.Model):
    """The one ballot of a member's voice in a vote, replaced when they change their mind.

    ``voter`` is whose voice it is; ``cast_by`` who submitted it (the voter, or the holder
    of their pouvoir « au nom de » them). The unique (vote, voter) constraint is what makes
    a voice count exactly once. No history on purpose: the successive choices of a secret
    ballot must not be kept anywhere.
    """

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    # PROTECT: deleting an account would take its ballots out of a closed tally and break
    # the digest printed in the procès-verbal; accounts are deactivated instead.
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              null=True, blank=True, related_name="+")
    # Or a professional without an account, whose ballot the chef de projet recorded in
    # the room (then ``cast_by`` is the chef). PROTECT: a counted ballot never goes.
    room_voter = models.ForeignKey(RoomVoter, on_delete=models.PROTECT, null=True,
                                   blank=True, related_name="ballots")
    cast_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                related_name="+")
    option = models.ForeignKey(VoteOption, on_delete=models.CASCADE, related_name="ballots")
    # A random code given to whoever cast it, published with the option in the PV. Unique
    # within its vote (the PV's list); a project imported twice keeps its receipts.
    receipt = models.CharField(max_length=32)
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("bulletin")
        constraints = [
            models.UniqueConstraint(fields=("vote", "voter"), name="ballot_one_per_voter"),
            models.UniqueConstraint(fields=("vote", "receipt"), name="ballot_unique_receipt"),
            models.UniqueConstraint(fields=("vote", "room_voter"),
                                    name="ballot_one_per_room_voter"),
            models.CheckConstraint(
                condition=(Q(voter__isnull=False, room_voter__isnull=True)
                           | Q(voter__isnull=True, room_voter__isnull=False)),
                name="ballot_member_or_room_voter"),
        ]

    def __str__(self) -> str:
        return self.receipt

    @property
    def is_by_proxy(self) -> bool:
        return self.voter_id is not None and self.cast_by_id != self.voter_id
