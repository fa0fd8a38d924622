"""Reads of the risk register, always scoped to one project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.shortcuts import get_object_or_404

from ..choices import RiskStatus
from ..models import Project, Risk, RiskAction, RiskAssessment, Step
from ..progress import rules as progress_rules
from . import rules


@dataclass(frozen=True)
class RiskRow:
    """A risk of the register with its criticality level and whether its review is late."""

    risk: Risk
    level: str
    is_review_overdue: bool

    @property
    def level_label(self) -> str:
        return str(rules.LEVEL_LABELS[self.level])


@dataclass(frozen=True)
class Register:
    """The register page: followed risks on the matrix, the others, what is to decide."""

    followed: list[RiskRow]
    others: list[RiskRow]
    proposals: list[Risk]
    matrix: list[list[rules.Cell]]
    known_to_decide: list[rules.KnownRisk]
    overdue_count: int


def _row(risk: Risk, today: date) -> RiskRow:
    return RiskRow(risk, rules.level(risk.criticality), rules.is_review_overdue(
        status=risk.status, assessed_on=risk.assessed_on, today=today))


def risk_register(*, project: Project, today: date) -> Register:
    """Every risk of the project in two queries, the matrix of the followed ones."""
    risks = list(Risk.objects.filter(project=project).select_related("owner")
                 .order_by("number"))
    followed = [_row(r, today) for r in risks if r.status in rules.FOLLOWED]
    decided = {r.source for r in risks if r.source}
    return Register(
        followed=sorted(followed, key=lambda row: (-row.risk.criticality, row.risk.number)),
        others=[_row(r, today) for r in risks
                if r.status not in rules.FOLLOWED and r.status != RiskStatus.PROPOSED],
        proposals=[r for r in risks if r.status == RiskStatus.PROPOSED],
        matrix=rules.matrix(rules.Rated(r.risk.number, r.risk.probability, r.risk.impact)
                            for r in followed),
        known_to_decide=[k for k in rules.KNOWN_RISKS if k.code not in decided],
        overdue_count=sum(1 for row in followed if row.is_review_overdue),
    )


def project_risk(*, project: Project, pk: int) -> Risk:
    """One risk of the project, or 404 (another project's risk included)."""
    return get_object_or_404(Risk.objects.select_related("owner", "created_by"), pk=pk,
                             project=project)


def risk_assessments(*, risk: Risk) -> list[RiskAssessment]:
    """Every rating of a risk, oldest first: the criticality over time."""
    return list(risk.assessments.select_related("assessed_by").order_by("assessed_on", "id"))


def risk_actions(*, risk: Risk) -> list[RiskAction]:
    """The preventive actions of a risk with their calendar task."""
    return list(risk.actions.select_related("task", "task__owner", "task__step")
                .order_by("id"))


def default_action_step(*, project: Project) -> Step | None:
    """The step a new action is planned on by default: the current step, or the last one
    when every step is finished."""
    steps = list(project.steps.order_by("number"))
    number = progress_rules.current_step(
        [progress_rules.StepPosition(s.number, s.definition.phase, s.status) for s in steps])
    return next((s for s in steps if s.number == number), steps[-1] if steps else None)


def top_risks(*, project: Project, count: int = 5) -> list[Risk]:
    """The most critical followed risks of a project (home page, dashboard)."""
    risks = list(Risk.objects.filter(project=project, status__in=rules.FOLLOWED)
                 .order_by("-number"))
    order = [r.number for r in rules.top(
        [rules.Rated(r.number, r.probability, r.impact) for r in risks], count)]
    by_number = {r.number: r for r in risks}
    return [by_number[n] for n in order]
