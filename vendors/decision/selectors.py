"""Reads of the end of step 11: the AG's votes on the offers, the dossier de choix, the choice.

The dossier de choix gathers what earlier steps decided — the consultation (step 9), the
auditions (step 10), the analysis (step 11) and the AG's vote — without recomputing
anything of its own: every figure comes from the same selectors as the pages.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from projects.choices import StepStatus
from projects.models import Document, Project, StepValidation
from requirements.models import Priority, Requirement
from vendors.choices import VendorsDocument

from ..auditions.selectors import AuditionSummary, audition_syntheses
from ..consultation.models import AnswerSet, ConsultedVendor
from ..evaluation.eliminatory import Check
from ..evaluation.selectors import Analysis, OfferAnalysis, analysis
from ..votes import rules as voting
from ..votes.models import Vote, VoteOption
from ..votes.selectors import vote_outcome_of
from .models import SolutionChoice
from .rules import ChoiceSituation, choice_error

if TYPE_CHECKING:
    from ..market.models import VendorAssessment

CHOICE_STEP = 11

# Sections of the dossier de choix, in order: (anchor, title). Reviewers comment on them.
DOSSIER_SECTIONS: tuple[tuple[str, str], ...] = (
    ("synthese", "1. Synthèse de l'analyse"),
    ("offres", "2. Offres reçues"),
    ("eliminatoires", "3. Critères éliminatoires"),
    ("scores", "4. Scores pondérés par critère"),
    ("cout", "5. Coût total sur la durée"),
    ("classement", "6. Classement et sensibilité"),
    ("auditions", "7. Auditions"),
    ("vote", "8. Vote de l'assemblée générale"),
    ("decision", "9. Décision"),
)


@dataclass(frozen=True)
class VoteResult:
    """A closed vote of the AG on the offers, with its outcome."""

    vote: Vote
    outcome: voting.VoteOutcome
    winner_option: VoteOption | None

    @property
    def winner_assessment_id(self) -> int | None:
        return self.winner_option.assessment_id if self.winner_option else None


def offer_votes(*, project: Project) -> list[VoteResult]:
    """Closed votes of the project that put at least one offer to the AG, oldest first."""
    on_offers = VoteOption.objects.filter(vote=OuterRef("pk"), assessment__isnull=False)
    votes = list(Vote.objects.filter(project=project, closed_at__isnull=False)
                 .filter(Exists(on_offers)).order_by("closed_at", "id"))
    results = []
    for vote in votes:
        outcome = vote_outcome_of(vote=vote)
        winner = (VoteOption.objects.filter(vote=vote, pk=outcome.winner.key).first()
                  if outcome.winner else None)
        results.append(VoteResult(vote, outcome, winner))
    return results


def _record(project: Project) -> SolutionChoice | None:
    """The project's synthesis and recorded choice, with what the pages show of them."""
    return (SolutionChoice.objects
            .select_related("assessment__vendor", "vote", "dossier", "chosen_by")
            .filter(project=project).first())


def _validated_dossier(project: Project) -> Document | None:
    """The dossier de choix version validated at step 11, if the step is validated."""
    validation = (StepValidation.objects
                  .filter(step__project=project, step__number=CHOICE_STEP,
                          step__status=StepStatus.VALIDATED,
                          document__kind=VendorsDocument.DOSSIER_DE_CHOIX)
                  .select_related("document").order_by("-recorded_at", "-id").first())
    return validation.document if validation else None


@dataclass(frozen=True)
class ChoiceState:
    """Where the choice stands: the decisive vote, the validated dossier, what is missing."""

    record: SolutionChoice | None
    votes: list[VoteResult]
    decisive: VoteResult | None
    dossier: Document | None
    error: str | None

    @property
    def winner(self) -> VendorAssessment | None:
        if self.decisive is None or self.decisive.winner_option is None:
            return None
        return self.decisive.winner_option.assessment

    @property
    def is_recorded(self) -> bool:
        return self.record is not None and self.record.chosen_at is not None


def choice_state(*, project: Project) -> ChoiceState:
    """Everything the choice page and the record of the choice need."""
    record = _record(project)
    votes = offer_votes(project=project)
    decisive = votes[-1] if votes else None
    dossier = _validated_dossier(project)
    winner = decisive.winner_option if decisive else None
    situation = ChoiceSituation(
        already_chosen=project.chosen_solution,
        has_closed_vote=decisive is not None,
        winner=winner.label if winner else None,
        winner_is_offer=bool(winner and winner.assessment_id),
        vote_closed_at=decisive.vote.closed_at if decisive else None,
        validated_dossier_at=(dossier.claimed_at or dossier.requested_at) if dossier else None,
    )
    return ChoiceState(record, votes, decisive, dossier, choice_error(situation))


# --- The dossier de choix ----------------------------------------------------------------

@dataclass(frozen=True)
class ConsultedLine:
    """A consulted vendor: when it was consulted and whether its answer came in."""

    name: str
    product: str
    sent_on: object
    received_at: datetime | None
    is_late: bool


@dataclass(frozen=True)
class ContractPoint:
    """A need the leading offer leaves open: to be settled in the contract (step 11)."""

    code: str
    text: str
    priority: str
    answer: str
    comment: str


# Answers that leave a need to the contract: anything but the product as it is configured.
SETTLED_ANSWERS = frozenset({"Standard", "Paramétrage"})
CONTRACT_PRIORITIES = (Priority.ESSENTIAL, Priority.IMPORTANT)


def contract_points(*, project: Project, assessment_pk: int | None) -> list[ContractPoint]:
    """The leading offer's gaps and weak points on Indispensable and Important needs, and
    every « développement spécifique » it proposes: what the contract must pin down."""
    if assessment_pk is None:
        return []
    answer_set = (AnswerSet.objects.filter(consulted__project=project, is_current=True,
                                           consulted__assessment_id=assessment_pk).first())
    if answer_set is None:
        return []
    answers = {row.get("code"): row for row in answer_set.answers}
    points = []
    for requirement in (Requirement.objects.filter(project=project, is_removed=False,
                                                   merged_into__isnull=True)
                        .order_by("code")):
        row = answers.get(requirement.code) or {}
        answer = str(row.get("answer") or "")
        specific = answer == "Développement spécifique"
        if specific or (requirement.priority in CONTRACT_PRIORITIES
                        and answer not in SETTLED_ANSWERS):
            points.append(ContractPoint(
                requirement.code, requirement.text, str(requirement.get_priority_display()),
                answer or str(_("sans réponse")), str(row.get("comment") or "")))
    return points


@dataclass
class DossierData:
    """Everything the dossier de choix (PDF and XLSX) shows."""

    project: Project
    synthesis: str
    analysis: Analysis
    consulted: list[ConsultedLine]
    votes: list[VoteResult]
    choice: SolutionChoice | None
    auditions: list[AuditionSummary] = field(default_factory=list)
    contract_points: list[ContractPoint] = field(default_factory=list)

    sections: tuple[tuple[str, str], ...] = DOSSIER_SECTIONS

    @property
    def offers(self) -> list[OfferAnalysis]:
        return self.analysis.offers

    @property
    def eliminated(self) -> list[OfferAnalysis]:
        return [o for o in self.analysis.offers if o.verdict == Check.FAILED]

    @property
    def leader(self) -> str:
        ranking = self.analysis.ranking
        return ranking[0].candidate.name if ranking else ""

    @property
    def decisive_vote(self) -> VoteResult | None:
        return self.votes[-1] if self.votes else None

    @property
    def criteria(self) -> list[tuple[str, str, object]]:
        """(code, label, weight) of the weighted criteria in rank order."""
        return [(c.code, c.get_code_display(), c.weight)
                for c in self.analysis.config.secondary]


def _consulted(project: Project) -> list[ConsultedLine]:
    consulted = (ConsultedVendor.objects.filter(project=project).select_related("vendor")
                 .prefetch_related("answer_sets"))
    lines = []
    for c in consulted:
        current = next((s for s in c.answer_sets.all() if s.is_current), None)
        lines.append(ConsultedLine(c.vendor.name, c.vendor.product, c.sent_on,
                                   current.received_at if current else None,
                                   bool(current and current.is_late)))
    return lines


def dossier_de_choix_data(project: Project) -> DossierData:
    """Gather the dossier de choix of ``project`` from its live data.

    Scores use the marks of the evaluators who submitted theirs: the dossier is what the
    assemblée générale reads, never a draft.
    """
    record = _record(project)
    result = analysis(project=project, marks_visible=True)
    leader = result.ranking[0].candidate.key if result.ranking else None
    return DossierData(
        project=project,
        synthesis=record.synthesis if record else "",
        analysis=result,
        contract_points=contract_points(project=project, assessment_pk=leader),
        consulted=_consulted(project),
        votes=offer_votes(project=project),
        choice=record if record and record.chosen_at else None,
        auditions=audition_syntheses(project=project),
    )


# --- For phase 4: the offer the project is bound to -------------------------------------

@dataclass(frozen=True)
class ChosenOffer:
    """The recorded choice as plain data: who, when, and what the vendor answered."""

    vendor_name: str
    chosen_at: datetime
    # The confirmed answers of the chosen vendor: dicts with code, priority, answer,
    # delay_days, cost (str or None) and comment, as ``AnswerSet.answers`` stores them.
    answers: list[dict]
    # The price sheet: dicts with key, quantity, unit_price, total (str or None), comment.
    prices: list[dict]


def chosen_offer(*, project: Project) -> ChosenOffer | None:
    """The chosen vendor's current answers and prices, once the choice is recorded."""
    record = _record(project)
    if record is None or record.chosen_at is None or record.assessment is None:
        return None
    answer_set = (AnswerSet.objects
                  .filter(project=project, is_current=True,
                          consulted__assessment=record.assessment).first())
    return ChosenOffer(
        vendor_name=str(record.assessment.vendor), chosen_at=record.chosen_at,
        answers=list(answer_set.answers) if answer_set else [],
        prices=list(answer_set.prices) if answer_set else [],
    )
