"""Recording the AG's choice: refused until the vote and the validated dossier allow it."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from msp_si.common.errors import DomainError
from projects.choices import StepStatus
from projects.core.services import step_transition
from projects.demo import seed as demo
from projects.models import Project, Step
from vendors.decision import services as choice_services
from vendors.decision.models import SolutionChoice
from vendors.votes import services as vote_services
from vendors.votes.models import Vote

from ..choice_helpers import close_demo_vote, dossier_generate, dossier_validate

pytestmark = pytest.mark.django_db


def _refused(project: Project, lead: Any, fragment: str) -> None:
    with pytest.raises(DomainError) as caught:
        choice_services.solution_choose(project=project, by=lead)
    assert fragment in caught.value.message
    project.refresh_from_db()
    assert project.implementation_started_on is None
    assert not SolutionChoice.objects.filter(project=project, chosen_at__isnull=False).exists()


def test_the_choice_follows_the_vote_and_the_validated_dossier(demo_msp) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    _refused(project, lead, "n'a pas encore voté")
    early = dossier_generate(project, lead)
    vote = close_demo_vote(project, lead)
    _refused(project, lead, "Faites d'abord valider le dossier de choix")
    dossier_validate(project, lead, early)
    _refused(project, lead, "produit avant la clôture du vote")

    # Re-open step 11, generate the dossier with the vote's result and validate it.
    step = Step.objects.get(project=project, number=11)
    step_transition(step=step, to_status=StepStatus.IN_PROGRESS, by=lead, can_reopen=True)
    final = dossier_generate(project, lead)
    dossier_validate(project, lead, final)

    record = choice_services.solution_choose(project=project, by=lead)
    assert str(record.assessment.vendor) == "Solutions Confluence Santé — Confluence MSP"
    assert (record.vote, record.dossier, record.chosen_by) == (vote, final, lead)
    project.refresh_from_db()
    assert project.chosen_solution == "Solutions Confluence Santé — Confluence MSP"
    assert project.implementation_started_on == timezone.localdate()
    step12 = Step.objects.get(project=project, number=12)
    assert step12.status == StepStatus.IN_PROGRESS
    assert step12.transitions.get().comment.startswith("Solution retenue : Solutions Confluence")

    # A second submission (double click, another tab) changes nothing.
    with pytest.raises(DomainError, match="déjà enregistrée"):
        choice_services.solution_choose(project=project, by=lead)
    assert SolutionChoice.objects.filter(project=project).count() == 1
    # Once chosen, the synthesis of the dossier is frozen too.
    with pytest.raises(DomainError, match="ne change plus"):
        choice_services.choice_synthesis_update(project=project, text="Autre", by=lead)


def test_a_vote_without_a_winner_leads_to_no_choice(demo_msp) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]

    vote = Vote.objects.get(project=project)
    # One more ballot for the second offer: 2 against 2, a tie.
    second = vote.options.get(label__startswith="Éditions Médicales")
    vote_services.vote_cast(vote=vote, by=lead, option_pk=second.pk)
    vote_services.vote_close(vote=vote, by=lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    _refused(project, lead, "ne désigne aucune offre")


def test_the_synthesis_is_saved_trimmed_and_bounded(demo_msp) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    record = choice_services.choice_synthesis_update(project=project, text="  Synthèse.  ",
                                                     by=lead)
    assert (record.synthesis, record.synthesis_updated_by) == ("Synthèse.", lead)
    with pytest.raises(DomainError, match="8000 caractères"):
        choice_services.choice_synthesis_update(project=project, text="x" * 8001, by=lead)
    record.refresh_from_db()
    assert record.synthesis == "Synthèse."
