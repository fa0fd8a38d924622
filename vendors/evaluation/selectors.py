"""Reads of step 11, scoped by project, in a fixed number of queries whatever the offers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from projects.models import ProjectProfession
from requirements.models import Requirement
from requirements.rfp.cadre import PRICE_LINES

from ..choices import AssessmentDecision, LabelLevel
from ..market.models import VendorAssessment
from . import offer_inputs as inputs
from .cost import Assumptions, CostResult, Users, cost_total, users_in_scope
from .eliminatory import (
    Check,
    CheckResult,
    Decision,
    OfferFacts,
    eliminatory_check,
    eliminatory_verdict,
)
from .models import (
    CriteriaSettings,
    EliminatoryCriterion,
    EliminatoryDecision,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCriterion,
)
from .scoring import (
    MARKED,
    Candidate,
    CoverageResult,
    Criterion,
    MarkSummary,
    OfferScore,
    Ranked,
    Secondary,
    Sensitivity,
    functional_coverage,
    marks_summary,
    offer_score,
    q2,
    ranking,
    sensitivity,
)
from .services import criteria_ensure

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

PRICE_LABELS = {line.key: line.label for line in PRICE_LINES}


def _num(value: Decimal) -> str:
    return number_format(q2(value), decimal_pos=2)


@dataclass(frozen=True)
class CriteriaConfig:
    """The project's criteria as configured (defaults created the first time)."""

    settings: CriteriaSettings
    eliminatory: list[EliminatoryCriterion]
    secondary: list[SecondaryCriterion]

    @property
    def rule_criteria(self) -> list[Criterion]:
        return [Criterion(c.code, c.get_code_display(), c.rank, c.weight)
                for c in self.secondary]


def criteria_config(*, project: Project) -> CriteriaConfig:
    """Settings, eliminatory and secondary criteria of the project, in three queries.

    Read first: the defaults are written (in a transaction) only the first time, when
    something is missing; every later page reads without a transaction of its own.
    """
    for attempt in range(2):
        settings = CriteriaSettings.objects.filter(project=project).first()
        eliminatory = list(EliminatoryCriterion.objects.filter(project=project))
        secondary = list(SecondaryCriterion.objects.filter(project=project).order_by("rank"))
        if settings is not None and eliminatory and secondary:
            return CriteriaConfig(settings=settings, eliminatory=eliminatory,
                                  secondary=secondary)
        if attempt == 0:
            criteria_ensure(project=project)
    raise AssertionError("criteria_ensure gives every project its criteria")


def kept_offers(*, project: Project) -> list[VendorAssessment]:
    """Vendors kept for the consultation (step 5): the offers analysed at step 11."""
    return list(VendorAssessment.objects.filter(project=project,
                                                decision=AssessmentDecision.KEPT)
                .select_related("vendor").order_by("vendor__name", "vendor__product"))


def has_submitted(*, project: Project, evaluator: User) -> bool:
    """Whether this evaluator has submitted their marks."""
    return EvaluationSubmission.objects.filter(project=project, evaluator=evaluator).exists()


# --- « Mes notes » ------------------------------------------------------------------------

@dataclass(frozen=True)
class MarkRow:
    """Every submitted evaluator's mark of one offer on one criterion."""

    assessment: VendorAssessment
    criterion: SecondaryCriterion
    marks: list[int | None]  # aligned with ``MyEvaluation.evaluators``
    summary: MarkSummary | None


@dataclass
class MyEvaluation:
    """An evaluator's own marks; the others' only once they have submitted theirs."""

    offers: list[VendorAssessment]
    criteria: list[SecondaryCriterion]
    mine: dict[tuple[int, str], int]
    submitted_at: datetime | None
    evaluators: list[User] = field(default_factory=list)
    rows: list[MarkRow] = field(default_factory=list)

    @property
    def divergent(self) -> list[MarkRow]:
        return [r for r in self.rows if r.summary is not None and r.summary.is_divergent]


def _submitted_marks(project: Project) -> list[EvaluationMark]:
    """Marks of evaluators who submitted, never drafts (one query)."""
    submitted = EvaluationSubmission.objects.filter(project=project).values("evaluator_id")
    return list(EvaluationMark.objects.filter(project=project,
                                              evaluator_id__in=Subquery(submitted)))


def my_evaluation(*, project: Project, evaluator: User) -> MyEvaluation:
    """What the « mes notes » page shows; the others' marks are read only after submitting."""
    criteria_ensure(project=project)
    offers = kept_offers(project=project)
    criteria = list(SecondaryCriterion.objects.filter(project=project, weight__gt=0,
                                                             code__in=MARKED).order_by("rank"))
    mine = {(m.assessment_id, m.criterion): m.mark for m in
            EvaluationMark.objects.filter(project=project, evaluator=evaluator)}
    submission = EvaluationSubmission.objects.filter(project=project,
                                                     evaluator=evaluator).first()
    result = MyEvaluation(offers, criteria, mine, submission.submitted_at if submission
                          else None)
    if submission is None:
        return result
    marks = _submitted_marks(project)
    evaluator_ids = sorted({m.evaluator_id for m in marks})
    from msp_si.accounts.models import User as UserModel

    people = {u.pk: u for u in UserModel.objects.filter(pk__in=evaluator_ids)}
    evaluator_ids.sort(key=lambda pk: (people[pk].last_name, people[pk].first_name, pk))
    result.evaluators = [people[pk] for pk in evaluator_ids]
    grouped: dict[tuple[int, str], dict[int, int]] = defaultdict(dict)
    for m in marks:
        grouped[(m.assessment_id, m.criterion)][m.evaluator_id] = m.mark
    result.rows = [MarkRow(a, c, [grouped[(a.pk, c.code)].get(pk) for pk in evaluator_ids],
                           marks_summary(list(grouped[(a.pk, c.code)].values())))
                   for a in offers for c in criteria]
    return result


# --- The analysis ------------------------------------------------------------------------

@dataclass(frozen=True)
class CheckRow:
    """An eliminatory criterion's verdict for one offer, with the criterion itself."""

    criterion: EliminatoryCriterion
    result: CheckResult


@dataclass
class OfferAnalysis:
    """Everything step 11 says of one offer."""

    assessment: VendorAssessment
    coverage: CoverageResult | None
    cost: CostResult | None
    checks: list[CheckRow]
    verdict: Check
    score: OfferScore | None = None
    summaries: dict[str, MarkSummary | None] = field(default_factory=dict)
    unranked_reason: str = ""
    # The rows of its checks and cost tables, written by the page (``rows``).
    checks_html: str = ""
    cost_html: str = ""


@dataclass
class Analysis:
    """The step 11 analysis page: checks, explained scores, costs, ranking, sensitivity."""

    config: CriteriaConfig
    users: Users
    offers: list[OfferAnalysis]
    marks_visible: bool
    submitted_count: int
    ranking: list[Ranked] = field(default_factory=list)
    sensitivity: Sensitivity | None = None

    @property
    def by_key(self) -> dict[int, OfferAnalysis]:
        return {o.assessment.pk: o for o in self.offers}

    @property
    def cost_years(self) -> range:
        return range(1, self.config.settings.horizon_years + 1)

    @property
    def winner_name(self) -> str:
        return str(self.by_key[self.sensitivity.winner].assessment.vendor.name) \
            if self.sensitivity else ""

    @property
    def sensitivity_rows(self) -> list[SensitivityRow]:
        """Each variation with the criterion's name and the winner's, for the table."""
        if self.sensitivity is None:
            return []
        labels = {c.code: c.get_code_display() for c in self.config.secondary}
        offers = self.by_key
        return [SensitivityRow(labels[v.code], v.direction, v.weights[v.code],
                               str(offers[v.winner].assessment.vendor.name), v.changes_winner)
                for v in self.sensitivity.variations]


@dataclass(frozen=True)
class SensitivityRow:
    """One line of the sensitivity table."""

    label: str
    direction: int
    weight: Decimal
    winner: str
    changes_winner: bool


def _assumptions(s: CriteriaSettings) -> Assumptions:
    return Assumptions(years=s.horizon_years,
                       new_professionals_per_year=s.new_professionals_per_year,
                       extra_training_days_per_year=s.extra_training_days_per_year,
                       new_configuration_days_per_year=s.new_configuration_days_per_year,
                       departures_per_year=s.departures_per_year,
                       include_full_reversibility=s.include_full_reversibility)


def _offer(assessment: VendorAssessment, offer: inputs.OfferInputs | None,
           priorities: dict[str, str], users: Users, config: CriteriaConfig,
           decisions: dict[tuple[int, int], EliminatoryDecision]) -> OfferAnalysis:
    """Coverage, cost and eliminatory checks of one offer (no query)."""
    coverage = functional_coverage(offer.answers, priorities) if offer else None
    cost = None
    if offer is not None and offer.prices is not None:
        cost = cost_total(offer.prices, users, _assumptions(config.settings),
                          warranty_months=offer.warranty_months,
                          specific_developments=offer.specific_developments,
                          labels=PRICE_LABELS)
    vendor = assessment.vendor
    facts = OfferFacts(has_label=vendor.label_level != LabelLevel.NONE,
                       is_dmp_compatible=vendor.is_dmp_compatible,
                       is_hds_certified=vendor.is_hds_certified, coverage=coverage,
                       total_cost=cost.total if cost else None)
    checks = []
    for criterion in config.eliminatory:
        if not criterion.is_enabled:
            continue
        recorded = decisions.get((assessment.pk, criterion.pk))
        decision = Decision(recorded.is_met, recorded.reason) if recorded else None
        checks.append(CheckRow(criterion, eliminatory_check(
            criterion.kind, criterion.label, facts,
            budget_ceiling=config.settings.budget_ceiling, decision=decision)))
    return OfferAnalysis(assessment, coverage, cost, checks,
                         eliminatory_verdict([c.result for c in checks]))


def _score(o: OfferAnalysis, config: CriteriaConfig,
           marks: dict[tuple[int, str], list[int]]) -> None:
    """Fill the offer's explained score from its coverage and the submitted marks."""
    values: dict[str, Decimal | None] = {}
    explanations: dict[str, str] = {}
    if o.coverage is not None:
        values[Secondary.COVERAGE] = o.coverage.percent
        explanations[Secondary.COVERAGE] = _(
            "%(p)s %% des besoins, pondérés par priorité (%(a)d réponses sur %(t)d)") % {
            "p": _num(o.coverage.percent), "a": o.coverage.answered, "t": o.coverage.total}
    else:
        explanations[Secondary.COVERAGE] = _("Réponse non reçue")
    for code in MARKED:
        summary = marks_summary(marks.get((o.assessment.pk, code), []))
        o.summaries[code] = summary
        if summary is None:
            explanations[code] = _("Aucune note soumise")
            continue
        values[code] = summary.score
        explanations[code] = ngettext(
            "Moyenne %(m)s / 5 d'un évaluateur (note : %(l)s)",
            "Moyenne %(m)s / 5 de %(n)d évaluateurs (notes : %(l)s)", len(summary.marks)) % {
            "m": _num(summary.mean), "n": len(summary.marks),
            "l": ", ".join(str(m) for m in summary.marks)}
    o.score = offer_score(config.rule_criteria, values, explanations)


def _priorities(project: Project) -> dict[str, str]:
    """``{code: priority}`` of the requirements still in the needs grid."""
    return dict(Requirement.objects.filter(project=project, is_removed=False,
                                           merged_into__isnull=True)
                .values_list("code", "priority"))


def analysis(*, project: Project, marks_visible: bool) -> Analysis:
    """The whole analysis; evaluators' marks are read only when ``marks_visible``."""
    config = criteria_config(project=project)
    offers = kept_offers(project=project)
    imported = inputs.offer_inputs(project=project, assessments=offers)
    priorities = _priorities(project) if imported else {}
    users = users_in_scope(ProjectProfession.objects.filter(project=project)
                           .values_list("profession", "headcount", "is_in_scope"))
    decisions = {(d.assessment_id, d.criterion_id): d for d in
                 EliminatoryDecision.objects.filter(project=project)}
    result = Analysis(config, users, [
        _offer(a, imported.get(a.pk), priorities, users, config, decisions) for a in offers],
        marks_visible, EvaluationSubmission.objects.filter(project=project).count())
    if not marks_visible:
        return result
    marks: dict[tuple[int, str], list[int]] = defaultdict(list)
    for m in _submitted_marks(project):
        marks[(m.assessment_id, m.criterion)].append(m.mark)
    for o in result.offers:
        _score(o, config, marks)
    _rank(result)
    return result


def _rank(result: Analysis) -> None:
    """Rank the offers that passed every eliminatory criterion with a complete score."""
    candidates: list[tuple[Candidate, dict[str, Decimal]]] = []
    for o in result.offers:
        if o.verdict == Check.FAILED:
            o.unranked_reason = _("Éliminée : %s.") % "; ".join(
                c.result.reason.rstrip(".") for c in o.checks
                if c.result.outcome == Check.FAILED)
        elif o.verdict == Check.PENDING:
            o.unranked_reason = _("Critère éliminatoire en attente de donnée ou de décision.")
        elif o.score is None or o.score.total is None:
            o.unranked_reason = _("Score incomplet : réponse non reçue ou notes manquantes.")
        else:
            values = {line.code: line.value or Decimal(0) for line in o.score.lines}
            candidates.append((Candidate(o.assessment.pk, str(o.assessment.vendor),
                                         o.score.total, o.cost.total if o.cost else None),
                               values))
    result.ranking = ranking([c for c, _values in candidates])
    if len(candidates) >= 2:
        weights = {c.code: c.weight for c in result.config.secondary}
        result.sensitivity = sensitivity(weights, candidates)


@dataclass(frozen=True)
class OfferStanding:
    """What step 11 says of the kept offers when a vote of the AG is opened on them."""

    ranked: tuple[int, ...] = ()               # assessment ids, in rank order
    eliminated: frozenset[int] = frozenset()
    notes: dict[int, str] = field(default_factory=dict)  # id → « rang 1, 79,32 / 100 »…


def offer_standing(*, project: Project, marks_visible: bool) -> OfferStanding:
    """Ranks (when the marks may be seen) and eliminations of the kept offers."""
    result = analysis(project=project, marks_visible=marks_visible)
    eliminated = frozenset(o.assessment.pk for o in result.offers
                           if o.verdict == Check.FAILED)
    notes = dict.fromkeys(eliminated, _("éliminée"))
    for r in result.ranking:
        notes[r.candidate.key] = _("rang %(n)d, %(s)s / 100") % {
            "n": r.position, "s": _num(r.candidate.score)}
    return OfferStanding(ranked=tuple(r.candidate.key for r in result.ranking),
                         eliminated=eliminated, notes=notes)
