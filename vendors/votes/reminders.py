"""Reminder of step 11: a vote of the assemblée générale closes tomorrow, to each member
who may vote and has neither voted nor given a pouvoir."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from msp_si.common.typography import french_datetime
from projects.models import Membership
from projects.plugins import ReminderItem, ReminderKind
from projects.reminders import rules

from .models import Ballot, Vote, VoteProxy
from .services import voting_roles

VOTE_CLOSING = "vote_closing"
KINDS = (
    ReminderKind(VOTE_CLOSING, gettext_lazy("Vote de l'assemblée générale qui se clôt demain"),
                 gettext_lazy("La veille de la clôture, si je n'ai ni voté ni donné de "
                              "pouvoir.")),
)


def reminders_due(*, today: date, now: datetime) -> Iterator[ReminderItem]:
    """Open votes closing tomorrow (Paris time): their eligible members who have not voted."""
    votes = [vote for vote in Vote.objects.filter(closed_at__isnull=True, opens_at__lte=now,
                                                  closes_at__gt=now).select_related("project")
             if rules.is_tomorrow(day=timezone.localdate(vote.closes_at), today=today)]
    if not votes:
        return
    done = set(Ballot.objects.filter(vote__in=votes).values_list("vote_id", "voter_id"))
    done |= set(VoteProxy.objects.filter(vote__in=votes).values_list("vote_id", "giver_id"))
    members = list(Membership.objects.filter(project_id__in={v.project_id for v in votes},
                                             role__in=voting_roles(), user__is_active=True))
    for vote in votes:
        for member in members:
            if member.project_id != vote.project_id or (vote.pk, member.user_id) in done:
                continue
            yield ReminderItem(
                VOTE_CLOSING, member.user_id, f"vote:{vote.pk}", vote.project.name,
                _("Vote « %(question)s » : clôture le %(when)s, vous n'avez pas encore "
                  "voté") % {"question": vote.question,
                             "when": french_datetime(vote.closes_at, weekday=True)},
                reverse("vendors:vote-detail", args=[vote.project_id, vote.pk]))
