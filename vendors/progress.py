"""What the work of the vendors' steps shows (the vendors app's ``Plugin.step_progress``):
step 5 vendors kept, step 9 answers received, step 10 auditions held, step 11 criteria,
vote and recorded choice. Two queries whatever the project's size."""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common import clock
from msp_si.common.typography import french_date
from projects.models import Project
from projects.plugins import StepWork
from projects.progress.selectors import annotated_counts, project_count

from .auditions.models import Audition
from .choices import AssessmentDecision
from .consultation.models import AnswerSet, ConsultedVendor
from .decision.models import SolutionChoice
from .market.models import VendorAssessment
from .votes.models import Vote, VoteState

# Step 11: the share of the work each stage stands for, the recorded choice being all of it.
VOTE_OPEN_SHARE, VOTE_CLOSED_SHARE = 50, 75


def _percent(part: int, whole: int) -> int:
    return round(100 * part / whole) if whole else 0


def _market(figures: dict[str, int]) -> StepWork:
    # Step 5's output is the list of vendors to consult: one kept is enough to go on.
    return StepWork(5, 100 if figures["kept"] else 0, (
        ngettext("%(n)d éditeur retenu", "%(n)d éditeurs retenus", figures["kept"])
        % {"n": figures["kept"]},
        ngettext("%(n)d écarté", "%(n)d écartés", figures["eliminated"])
        % {"n": figures["eliminated"]},
        ngettext("%(n)d à l'étude", "%(n)d à l'étude", figures["studied"])
        % {"n": figures["studied"]},
    ))


def _consultation(figures: dict[str, int]) -> StepWork:
    return StepWork(9, _percent(figures["answered"], figures["consulted"]), (
        ngettext("%(n)d prestataire consulté", "%(n)d prestataires consultés",
                 figures["consulted"]) % {"n": figures["consulted"]},
        ngettext("%(n)d réponse importée", "%(n)d réponses importées", figures["answered"])
        % {"n": figures["answered"]},
    ))


def _auditions(figures: dict[str, int]) -> StepWork:
    return StepWork(10, _percent(figures["held"], figures["total"]), (
        ngettext("%(h)d audition tenue sur %(t)d", "%(h)d auditions tenues sur %(t)d",
                 figures["held"]) % {"h": figures["held"], "t": figures["total"]},
    ))


def _choice(project: Project, choice: SolutionChoice | None) -> StepWork:
    if choice is not None and choice.chosen_at is not None:
        return StepWork(11, 100, (
            _("solution retenue le %s")
            % french_date(choice.chosen_at),))
    vote = Vote.objects.filter(project=project).order_by("-opens_at", "-id").first()
    if vote is None:
        return StepWork(11, 0, (_("aucun vote de l'assemblée générale"),))
    state = vote.state_at(clock.now())
    if state == VoteState.OPEN:
        return StepWork(11, VOTE_OPEN_SHARE, (
            _("vote de l'assemblée générale ouvert jusqu'au %s")
            % french_date(vote.closes_at),))
    if state == VoteState.CLOSED:
        return StepWork(11, VOTE_CLOSED_SHARE, (
            _("vote de l'assemblée générale clos ; choix à enregistrer"),))
    return StepWork(11, 0, (_("vote de l'assemblée générale programmé"),))


def step_work(project: Project) -> list[StepWork]:
    """Steps 5, 9, 10 and 11 of the project as its data shows them."""
    row = (Project.objects.filter(pk=project.pk).select_related("solution_choice").annotate(
        n_kept=project_count(VendorAssessment, Q(decision=AssessmentDecision.KEPT)),
        n_eliminated=project_count(VendorAssessment,
                                   Q(decision=AssessmentDecision.ELIMINATED)),
        n_studied=project_count(VendorAssessment, Q(decision=AssessmentDecision.UNDER_STUDY)),
        n_consulted=project_count(ConsultedVendor),
        n_answered=project_count(AnswerSet, Q(is_current=True), distinct="consulted"),
        n_total=project_count(Audition),
        n_held=project_count(Audition, Q(held_on__isnull=False)),
    ).get())
    figures = annotated_counts(row)
    # A missing reverse one-to-one raises an AttributeError subclass: nothing recorded.
    choice: SolutionChoice | None = getattr(row, "solution_choice", None)
    return [_market(figures), _consultation(figures), _auditions(figures),
            _choice(project, choice)]
