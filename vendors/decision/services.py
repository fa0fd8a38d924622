"""Writes of the end of step 11: the dossier de choix synthesis and the recorded choice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.core.services import project_implementation_start
from projects.models import Project

from .models import SolutionChoice
from .selectors import choice_state

if TYPE_CHECKING:
    from msp_si.accounts.models import User

SYNTHESIS_MAX = 8000


@transaction.atomic
def choice_synthesis_update(*, project: Project, text: str, by: User) -> SolutionChoice:
    """Write the synthesis of the analysis the dossier de choix opens with."""
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if locked.implementation_started_on is not None:
        raise DomainError(_("Le choix est enregistré : la synthèse du dossier de choix ne "
                            "change plus."))
    text = text.strip()
    if len(text) > SYNTHESIS_MAX:
        raise DomainError(_("La synthèse dépasse %d caractères.") % SYNTHESIS_MAX)
    record, _created = SolutionChoice.objects.get_or_create(project=project)
    record.synthesis = text
    record.synthesis_updated_at = clock.now()
    record.synthesis_updated_by = by
    record.save()
    return record


@transaction.atomic
def solution_choose(*, project: Project, by: User) -> SolutionChoice:
    """Record the offer the AG's vote designated and move the project to phase 4.

    Refused, with the reason, until a closed vote designates an offer and the dossier de
    choix carrying that vote is validated at step 11; a second submission is refused
    because the choice is already recorded.
    """
    locked = Project.objects.select_for_update().get(pk=project.pk)
    state = choice_state(project=locked)
    if state.error is not None:
        raise DomainError(state.error)
    winner = state.winner
    if winner is None or state.decisive is None:  # choice_error already said why
        raise DomainError(_("Aucune offre n'est désignée par le vote."))
    now = clock.now()
    record, _created = SolutionChoice.objects.get_or_create(project=locked)
    record.assessment = winner
    record.vote = state.decisive.vote
    record.dossier = state.dossier
    record.chosen_at = now
    record.chosen_by = by
    record.save()
    project_implementation_start(project=project, solution=str(winner.vendor), by=by,
                                 on=timezone.localdate(now))
    return record
