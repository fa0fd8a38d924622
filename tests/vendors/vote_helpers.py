"""Helpers of the AG vote tests: a vote opened through the real service."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from msp_si.accounts.models import User
from projects.models import Project
from vendors.votes import services as vote_services
from vendors.votes.models import Vote

LABELS = ("Confluence MSP", "Lisseron Coordination", "Pluriel Santé")


def open_vote(project: Project, lead: User, *, labels: tuple[str, ...] = LABELS,
              **rules: Any) -> Vote:
    """A vote opened five minutes ago, closing in two hours, secret, simple majority."""
    now = timezone.now()
    values: dict[str, Any] = {
        "question": "Quel logiciel retenir pour la maison de santé ?",
        "opens_at": now - timedelta(minutes=5), "closes_at": now + timedelta(hours=2),
        "quorum_kind": "share", "quorum_value": 50, "majority": "simple",
        "is_secret": True, "max_proxies": 1,
    }
    values.update(rules)
    options = [vote_services.OptionSpec(label) for label in labels]
    return vote_services.vote_open(project=project, by=lead, options=options, **values)


def option_pk(vote: Vote, label: str) -> int:
    """The id of the vote's option with this label."""
    return vote.options.get(label=label).pk


def past_due(vote: Vote) -> Vote:
    """Move the vote's window into the past, as if its closing time had passed."""
    now = timezone.now()
    Vote.objects.filter(pk=vote.pk).update(opens_at=now - timedelta(hours=3),
                                           closes_at=now - timedelta(minutes=1))
    vote.refresh_from_db()
    return vote
