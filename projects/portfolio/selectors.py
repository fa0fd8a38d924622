"""Reads of the portfolio: the projects a person is a member of, side by side, in a fixed
number of queries whatever their number (the phase-4 figures come from the plug-ins)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, Sum
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .. import workflow
from ..choices import TaskStatus
from ..method import PHASES, STEP_BY_NUMBER, Phase
from ..models import BudgetLine, Membership, Milestone, Project, Risk, Step, Task
from ..plugins import PortfolioFigure, portfolio_figure_hooks
from ..progress import rules as progress_rules
from ..risks import rules as risk_rules
from . import rules

if TYPE_CHECKING:
    from msp_si.accounts.models import User

TOP_RISKS = 3
ZERO = Decimal(0)


@dataclass
class PortfolioRow:
    """One project of the portfolio."""

    project: Project
    role_label: str
    phase: Phase
    progress: int
    late_steps: int
    next_milestone: Milestone | None
    committed: Decimal
    paid: Decimal
    top_risks: list[Risk]
    figures: dict[str, PortfolioFigure] = field(default_factory=dict)
    # The plug-ins' figures in the order of the portfolio's extra columns (None: no figure).
    extra: list[PortfolioFigure | None] = field(default_factory=list)

    @property
    def max_criticality(self) -> int | None:
        return max((r.criticality for r in self.top_risks), default=None)


@dataclass(frozen=True)
class Column:
    """A sortable column: its key in the URL, its title, the value it sorts by."""

    key: str
    label: StrOrPromise
    value: Callable[[PortfolioRow], Any]
    is_numeric: bool = False


BASE_COLUMNS: tuple[Column, ...] = (
    Column("msp", _("MSP"), lambda r: r.project.name.casefold()),
    Column("phase", _("Phase"), lambda r: r.phase.number, is_numeric=True),
    Column("avancement", _("Avancement"), lambda r: r.progress, is_numeric=True),
    Column("retard", _("Étapes en retard"), lambda r: r.late_steps, is_numeric=True),
    Column("jalon", _("Prochain jalon"),
           lambda r: r.next_milestone.due_on if r.next_milestone else None),
    Column("engage", _("Engagé HT"), lambda r: r.committed, is_numeric=True),
    Column("paye", _("Payé HT"), lambda r: r.paid, is_numeric=True),
    Column("risques", _("Principaux risques"), lambda r: r.max_criticality),
)


@dataclass(frozen=True)
class Portfolio:
    """The rows in the requested order and the columns to show (the plug-ins' ones only
    when one of the projects has figures for them)."""

    rows: list[PortfolioRow]
    columns: list[Column]
    order: rules.SortOrder


def _figure_column(key: str, label: StrOrPromise) -> Column:
    def value(row: PortfolioRow) -> Any:
        figure = row.figures.get(key)
        return figure.value if figure else None
    return Column(key, label, value, is_numeric=True)


@dataclass(frozen=True)
class _StepRow:
    """What the portfolio reads of a step (plain values: 18 steps × 50 projects)."""

    pk: int
    number: int
    status: str
    due_on: date | None


def _steps(ids: list[int]) -> dict[int, list[_StepRow]]:
    by_project: dict[int, list[_StepRow]] = {pk: [] for pk in ids}
    for project_id, pk, number, status, due_on in Step.objects.filter(
            project_id__in=ids).order_by("number").values_list(
            "project_id", "pk", "number", "status", "due_on"):
        by_project[project_id].append(_StepRow(pk, number, status, due_on))
    return by_project


def _task_counts(ids: list[int]) -> dict[int, tuple[int, int]]:
    """Step id → (tasks done, tasks) for the steps of the projects."""
    rows = (Task.objects.filter(project_id__in=ids).values("step_id").order_by("step_id")
            .annotate(done=Count("pk", filter=Q(status=TaskStatus.DONE)), total=Count("pk")))
    return {row["step_id"]: (row["done"], row["total"]) for row in rows}


def _progress(steps: list[_StepRow], tasks: dict[int, tuple[int, int]]) -> int:
    """The project's progress from its steps' statuses and calendar tasks (the apps' own
    work figures are read project by project on its dashboard)."""
    return progress_rules.mean_progress([progress_rules.step_progress(
        status=s.status, work_progress=None, tasks_done=tasks.get(s.pk, (0, 0))[0],
        tasks_total=tasks.get(s.pk, (0, 0))[1]) for s in steps])


def _next_milestones(ids: list[int], today: date) -> dict[int, Milestone]:
    found: dict[int, Milestone] = {}
    for milestone in Milestone.objects.filter(
        project_id__in=ids, is_reached=False, due_on__gte=today
    ).exclude(step__status__in=progress_rules.FINISHED).order_by("due_on", "id"):
        found.setdefault(milestone.project_id, milestone)
    return found


def _budgets(ids: list[int]) -> dict[int, tuple[Decimal, Decimal]]:
    """Committed and paid (€ HT) per project: only entered lines carry them."""
    rows = (BudgetLine.objects.filter(project_id__in=ids).values("project_id")
            .order_by("project_id").annotate(committed=Sum("committed"), paid=Sum("paid")))
    return {row["project_id"]: (row["committed"] or ZERO, row["paid"] or ZERO)
            for row in rows}


def _top_risks(ids: list[int]) -> dict[int, list[Risk]]:
    by_project: dict[int, list[Risk]] = defaultdict(list)
    for risk in Risk.objects.filter(project_id__in=ids, status__in=risk_rules.FOLLOWED):
        by_project[risk.project_id].append(risk)
    top = {}
    for pk, risks in by_project.items():
        by_number = {r.number: r for r in risks}
        top[pk] = [by_number[r.number] for r in risk_rules.top(
            [risk_rules.Rated(r.number, r.probability, r.impact) for r in risks], TOP_RISKS)]
    return top


def _figures(projects: list[Project]) -> dict[int, dict[str, PortfolioFigure]]:
    figures: dict[int, dict[str, PortfolioFigure]] = defaultdict(dict)
    for path in portfolio_figure_hooks():
        for pk, items in import_string(path)(projects).items():
            figures[pk].update({item.key: item for item in items})
    return figures


def portfolio_rows(*, user: User, today: date) -> list[PortfolioRow]:
    """One row per project the user is a member of (whatever their role, the observer's
    included), and none other."""
    memberships = list(Membership.objects.filter(user=user).select_related("project")
                       .order_by("project__name", "project_id"))
    projects = [m.project for m in memberships]
    ids = [p.pk for p in projects]
    steps, tasks = _steps(ids), _task_counts(ids)
    milestones, budgets = _next_milestones(ids, today), _budgets(ids)
    risks, figures = _top_risks(ids), _figures(projects)
    rows = []
    for membership in memberships:
        pk = membership.project_id
        project_steps = steps[pk]
        positions = [progress_rules.StepPosition(s.number, STEP_BY_NUMBER[s.number].phase,
                                                 s.status) for s in project_steps]
        committed, paid = budgets.get(pk, (ZERO, ZERO))
        rows.append(PortfolioRow(
            project=membership.project, role_label=membership.role_label,
            phase=PHASES[progress_rules.current_phase(positions) - 1],
            progress=_progress(project_steps, tasks),
            late_steps=sum(1 for s in project_steps if workflow.is_late(
                status=s.status, due_on=s.due_on, today=today)),
            next_milestone=milestones.get(pk), committed=committed, paid=paid,
            top_risks=risks.get(pk, []), figures=figures.get(pk, {})))
    return rows


def portfolio(*, user: User, today: date, sort: str = "", direction: str = "") -> Portfolio:
    """The portfolio sorted by one column (« msp » by default)."""
    rows = portfolio_rows(user=user, today=today)
    extra: dict[str, StrOrPromise] = {}
    for row in rows:
        for key, figure in row.figures.items():
            extra.setdefault(key, figure.label)
    columns = [*BASE_COLUMNS, *(_figure_column(k, label) for k, label in extra.items())]
    for row in rows:
        row.extra = [row.figures.get(key) for key in extra]
    order = rules.sort_order(key=sort, direction=direction,
                             allowed=[c.key for c in columns], default="msp")
    column = next(c for c in columns if c.key == order.key)
    return Portfolio(
        rows=rules.sorted_rows(rows, value=column.value, name=lambda r: r.project.name,
                               descending=order.descending),
        columns=columns, order=order)
