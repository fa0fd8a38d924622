"""The README's walk to phase 4, as the demo's chef de projet does it by hand: close the
AG's vote, generate the dossier de choix, validate step 11 with it, record the choice.

Used to seed a demo MSP already in phase 4; every step goes through the real services.
"""

from __future__ import annotations

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import StepStatus, ValidationDecision
from projects.core.services import step_transition
from projects.documents.services import document_generate_now
from projects.models import Membership, Project, Step
from projects.steps.services import step_validation_record
from vendors.choices import VendorsDocument

from ..decision.models import SolutionChoice
from ..decision.services import solution_choose
from ..votes import services as vote_services
from ..votes.models import Vote

CHOICE_STEP = 11
# The offer the demo's AG designates (ranked first in the demo's analysis).
CHOSEN_OFFER_PREFIX = "Solutions Confluence"


def demo_choice_record(*, project: Project, lead: User) -> SolutionChoice:
    """Take the demo project from its open vote to the recorded choice (phase 4 opens)."""
    vote = Vote.objects.get(project=project)
    first = vote.options.get(label__startswith=CHOSEN_OFFER_PREFIX)
    vote_services.vote_cast(vote=vote, by=lead, option_pk=first.pk)
    vote_services.vote_close(vote=vote, by=lead)
    dossier = document_generate_now(project=project, kind=VendorsDocument.DOSSIER_DE_CHOIX,
                                    by=lead)
    step = Step.objects.get(project=project, number=CHOICE_STEP)
    for status in (StepStatus.IN_PROGRESS, StepStatus.DONE):
        step.refresh_from_db()
        if step.status != status:
            step_transition(step=step, to_status=status, by=lead, can_reopen=True)
    step.refresh_from_db()
    step_validation_record(step=step, held_on=clock.today(),
                           decision=ValidationDecision.APPROVED,
                           attendees=Membership.objects.filter(project=project),
                           notes="Assemblée générale extraordinaire (démonstration).",
                           document=dossier, by=lead)
    return solution_choose(project=project, by=lead)
