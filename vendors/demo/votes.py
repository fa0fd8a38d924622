"""Demo vote of the assemblée générale: open on the ranked offers, a few ballots cast.

The choice is not made in the demo: the vote stays open for a week, so the accounts to
try (the chef de projet, the référente infirmière, the member Thomas Garnier) can still
vote, and the chef de projet can close it to see the result and the procès-verbal.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from ..choices import AssessmentDecision, MajorityRule, QuorumKind
from ..market.models import VendorAssessment
from ..votes import services
from ..votes.models import Vote

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

DEMO_QUESTION = "Quel logiciel la maison de santé retient-elle pour son système d'information ?"


def _at(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _ranked_offers(project: Project) -> list[VendorAssessment]:
    """The offers the analysis ranked, in rank order; the kept ones when none is ranked."""
    from ..evaluation.selectors import analysis

    ranking = analysis(project=project, marks_visible=True).ranking
    kept = {a.pk: a for a in VendorAssessment.objects.filter(
        project=project, decision=AssessmentDecision.KEPT).select_related("vendor")}
    if ranking:
        return [kept[r.candidate.key] for r in ranking]
    return sorted(kept.values(), key=lambda a: (a.vendor.name, a.pk))


@transaction.atomic
def seed_ag_vote(*, project: Project, lead: User, voters: list[User], proxy_giver: User,
                 today: date) -> Vote:
    """One open vote on the kept vendors; ``voters`` have voted, ``proxy_giver`` gave their
    pouvoir to the first voter, who voted for them. Idempotent: found again by question."""
    existing = Vote.objects.filter(project=project, question=DEMO_QUESTION).first()
    if existing is not None:
        return existing
    offers = _ranked_offers(project)
    vote = services.vote_open(
        project=project, by=lead, question=DEMO_QUESTION,
        options=[services.OptionSpec(str(a.vendor), a) for a in offers],
        opens_at=_at(today - timedelta(days=1), 18),
        closes_at=_at(today + timedelta(days=7), 21),
        quorum_kind=QuorumKind.SHARE, quorum_value=50, majority=MajorityRule.ABSOLUTE,
        is_secret=True, max_proxies=1,
        place="Pôle santé du Confluent, salle de réunion du premier étage",
        chair=f"{lead.display_name}, cheffe de projet",
    )
    options = list(vote.options.order_by("position"))
    holder = voters[0]
    services.proxy_give(vote=vote, giver=proxy_giver, holder=holder)
    for n, voter in enumerate(voters):
        services.vote_cast(vote=vote, by=voter, option_pk=options[n % len(options)].pk)
    services.vote_cast(vote=vote, by=holder, option_pk=options[0].pk, on_behalf_of=proxy_giver)
    return vote
