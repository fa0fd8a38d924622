"""Helpers of the dossier de choix tests: the demo MSP brought to the AG's decision."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from projects.choices import DocumentStatus, StepStatus, ValidationDecision
from projects.core.services import step_transition
from projects.documents.services import document_generate_now
from projects.models import Document, Membership, Project, Step
from projects.steps.services import step_validation_record
from vendors.choices import VendorsDocument
from vendors.votes import services as vote_services
from vendors.votes.models import Vote

CHOICE_STEP = 11


def close_demo_vote(project: Project, lead: Any) -> Vote:
    """The demo's open vote, with the chef de projet's ballot for the ranked first offer."""
    vote = Vote.objects.get(project=project)
    first = vote.options.get(label__startswith="Solutions Confluence")
    vote_services.vote_cast(vote=vote, by=lead, option_pk=first.pk)
    return vote_services.vote_close(vote=vote, by=lead)


def dossier_generate(project: Project, lead: Any,
                     kind: str = VendorsDocument.DOSSIER_DE_CHOIX) -> Document:
    """A new version of the dossier de choix, rendered in this process."""
    document = document_generate_now(project=project, kind=kind, by=lead)
    assert document.status == DocumentStatus.DONE, document.error
    return document


def dossier_validate(project: Project, lead: Any, document: Document) -> None:
    """Step 11 finished, then validated collegially with this version of the dossier."""
    step = Step.objects.get(project=project, number=CHOICE_STEP)
    for status in (StepStatus.IN_PROGRESS, StepStatus.DONE):
        step.refresh_from_db()
        if step.status != status:
            step_transition(step=step, to_status=status, by=lead, can_reopen=True)
    step.refresh_from_db()
    step_validation_record(step=step, held_on=timezone.localdate(),
                           decision=ValidationDecision.APPROVED,
                           attendees=Membership.objects.filter(project=project),
                           notes="Assemblée générale extraordinaire.", document=document,
                           by=lead)
