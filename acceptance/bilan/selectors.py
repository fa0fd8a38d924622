"""Reads of step 17: costs against the step 11 estimate, survey results, paliers, SLA."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from msp_si.common import clock
from projects.choices import Axis, Profession
from projects.method import PALIERS
from projects.models import AxisTarget, Project
from vendors.decision.selectors import choice_state
from vendors.evaluation.selectors import analysis

from ..choices import CostNature
from ..maintenance.rules import SlaCell
from ..maintenance.selectors import sla_cells
from ..orders.selectors import committed_total
from ..training.models import Trainee
from . import rules
from .models import (
    Bilan,
    CostEntry,
    Survey,
    SurveyInvitation,
    SurveyParticipation,
    SurveyResponse,
)


@dataclass(frozen=True)
class Estimate:
    """The chosen offer's cost at step 11: its lines (key, total) over the horizon."""

    years: int
    lines: list[tuple[str, Decimal]]
    budget_ceiling: Decimal | None


def chosen_estimate(*, project: Project) -> Estimate | None:
    """The step 11 cost table of the offer the AG chose, or None before the choice."""
    record = choice_state(project=project).record
    if record is None or record.assessment_id is None:
        return None
    result = analysis(project=project, marks_visible=True)
    offer = next((o for o in result.offers if o.assessment.pk == record.assessment_id), None)
    if offer is None or offer.cost is None:
        return None
    return Estimate(offer.cost.years, [(line.key, line.total) for line in offer.cost.lines],
                    result.config.settings.budget_ceiling)


@dataclass(frozen=True)
class PalierLine:
    """One axis: where the MSP started, aimed, and what the bilan says it reached."""

    axis: str
    label: str
    current: int
    target: int
    reached: int | None
    reached_text: str

    @property
    def is_reached(self) -> bool:
        return self.reached is not None and self.reached >= self.target


@dataclass
class BilanData:
    """Everything the step 17 page and the rapport de bilan show."""

    project: Project
    estimate: Estimate | None
    costs: list[rules.CostRow]
    entries: list[CostEntry]
    orders_total: Decimal
    survey: Survey | None
    results: rules.SurveyResults
    members: int
    comments: list[str]
    paliers: list[PalierLine]
    sla: list[SlaCell]
    bilan: Bilan | None
    sections: tuple[tuple[str, str], ...] = field(default=())

    @property
    def estimated_total(self) -> Decimal:
        return sum((row.estimated for row in self.costs), Decimal("0.00"))

    @property
    def actual_total(self) -> Decimal:
        return sum((row.actual for row in self.costs), Decimal("0.00"))

    @property
    def sla_in_time(self) -> tuple[int, int]:
        """Anomalies handled in time, out of those decided."""
        return (sum(c.in_time for c in self.sla), sum(c.decided for c in self.sla))


def _answers(survey: Survey | None) -> tuple[list[rules.Answer], list[str]]:
    if survey is None:
        return [], []
    rows = list(SurveyResponse.objects.filter(survey=survey).order_by("?"))
    answers = [rules.Answer(r.profession, {k: getattr(r, k) for k in rules.DIMENSION_KEYS})
               for r in rows]
    # Shuffled on purpose: the order of the comments must not follow the order of answers.
    return answers, [r.comment for r in rows if r.comment]


def _paliers(project: Project, bilan: Bilan | None) -> list[PalierLine]:
    reached = bilan.paliers_reached if bilan else {}
    lines = []
    for target in AxisTarget.objects.filter(project=project).order_by("id"):
        level = reached.get(target.axis)
        lines.append(PalierLine(
            target.axis, str(Axis(target.axis).label), target.current_level,
            target.target_level, level,
            str(PALIERS[target.axis][level]) if level is not None else ""))
    return lines


BILAN_SECTIONS: tuple[tuple[str, str], ...] = (
    ("synthese", "1. Synthèse"),
    ("couts", "2. Coûts : estimation et réel"),
    ("paliers", "3. Objectifs et paliers atteints"),
    ("qualite", "4. Qualité de fonctionnement et délais"),
    ("satisfaction", "5. Satisfaction, globale et par profession"),
    ("impact", "6. Impact sur la coordination, le pilotage et la prise en charge"),
    ("prestataire", "7. Relation avec le prestataire"),
    ("recommandations", "8. Recommandations et prochains objectifs"),
)


def bilan_data(project: Project) -> BilanData:
    """The bilan of ``project`` from its live data (page and rapport de bilan)."""
    estimate = chosen_estimate(project=project)
    entries = list(CostEntry.objects.filter(project=project))
    orders = committed_total(project=project)
    actuals = [(e.nature, e.amount) for e in entries] + [(CostNature.COMPLEMENTARY, orders)]
    survey = Survey.objects.filter(project=project).first()
    answers, comments = _answers(survey)
    bilan = Bilan.objects.filter(project=project).first()
    return BilanData(
        project=project, estimate=estimate,
        costs=rules.cost_rows(estimates=estimate.lines if estimate else [], actuals=actuals,
                              natures=CostNature.values),
        entries=entries, orders_total=orders, survey=survey,
        results=rules.survey_results(answers),
        members=project.memberships.count(), comments=comments,
        paliers=_paliers(project, bilan), sla=sla_cells(project=project), bilan=bilan,
        sections=BILAN_SECTIONS)


@dataclass(frozen=True)
class LinkLine:
    """Someone listed without an account, and where their personal link stands."""

    trainee: Trainee
    invitation: SurveyInvitation | None
    state: str  # rules.LINK_* or "" when no link was issued

    @property
    def can_issue(self) -> bool:
        return self.state != rules.LINK_ANSWERED

    @property
    def can_revoke(self) -> bool:
        return self.state == rules.LINK_ACTIVE


def survey_links(*, project: Project, survey: Survey | None) -> list[LinkLine]:
    """Every person listed without an account (step 15) with their link, in two queries."""
    trainees = list(Trainee.objects.filter(project=project, user__isnull=True)
                    .order_by("name", "id"))
    invitations = ({i.trainee_id: i for i in SurveyInvitation.objects.filter(survey=survey)}
                   if survey is not None else {})
    now, lines = clock.now(), []
    for trainee in trainees:
        invitation = invitations.get(trainee.pk)
        state = "" if invitation is None else rules.link_state(
            is_answered=invitation.is_answered, revoked_at=invitation.revoked_at,
            expires_at=invitation.expires_at, now=now)
        lines.append(LinkLine(trainee, invitation, state))
    return lines


def has_answered(*, survey: Survey, user_id: int) -> bool:
    """Whether this member already gave their (anonymous) answer."""
    return SurveyParticipation.objects.filter(survey=survey, user_id=user_id).exists()


def nature_label(nature: str) -> str:
    """The French label of a cost nature."""
    return str(CostNature(nature).label)


def profession_label(profession: str) -> str:
    """The French label of a profession; « Sans profession indiquée » when blank."""
    return str(Profession(profession).label) if profession else "Sans profession indiquée"


def dimension_label(key: str) -> str:
    """The French label of a survey dimension."""
    return str(dict(rules.DIMENSIONS)[key])
