"""Reads of the budget: the lines entered by hand and those fed by the apps' data."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.shortcuts import get_object_or_404
from django.utils.module_loading import import_string
from django_stubs_ext import StrOrPromise

from ..choices import BudgetNature
from ..models import BudgetLine, FundingSource, Project
from ..plugins import BudgetFact, budget_feeds
from . import rules

DEFAULT_VAT = Decimal("20.00")


@dataclass(frozen=True)
class LineView:
    """A budget line as the page shows it: hand-entered (``line``) or fed (``fact``)."""

    nature: str
    label: StrOrPromise
    amounts: rules.Amounts
    vat_rate: Decimal
    line: BudgetLine | None = None
    fact: BudgetFact | None = None

    @property
    def is_fed(self) -> bool:
        return self.fact is not None

    @property
    def is_overrun(self) -> bool:
        return rules.line_is_overrun(self.amounts, is_fed=self.is_fed)

    @property
    def nature_label(self) -> str:
        return str(BudgetNature(self.nature).label)

    @property
    def estimated_ttc(self) -> Decimal:
        return rules.with_vat(self.amounts.estimated, self.vat_rate)

    @property
    def committed_ttc(self) -> Decimal:
        return rules.with_vat(self.amounts.committed, self.vat_rate)

    @property
    def paid_ttc(self) -> Decimal:
        return rules.with_vat(self.amounts.paid, self.vat_rate)


@dataclass(frozen=True)
class GroupView:
    """Investment or operation: its lines and their total."""

    code: str
    label: StrOrPromise
    lines: list[LineView]
    total: rules.Amounts


@dataclass(frozen=True)
class BudgetView:
    """The whole budget: groups, grand total, overruns, funding sources."""

    groups: list[GroupView]
    total: rules.Amounts
    overruns: int
    funding: list[FundingSource]
    requested: Decimal
    granted: Decimal


def budget_facts(*, project: Project) -> list[BudgetFact]:
    """What the apps' data says the project spends (AMOA, chosen offer…)."""
    return [fact for path in budget_feeds() for fact in import_string(path)(project)]


def budget_view(*, project: Project, with_funding: bool = True) -> BudgetView:
    """Lines by group (hand-entered and fed), totals and funding, in a fixed number of
    queries (two, plus each app's feed); the home page's summary leaves out funding."""
    views = [LineView(line.nature, line.label,
                      rules.Amounts(line.estimated, line.committed, line.paid),
                      line.vat_rate, line=line)
             for line in BudgetLine.objects.filter(project=project).order_by("nature", "id")]
    views += [LineView(fact.nature, fact.label,
                       rules.Amounts(fact.estimated, fact.committed, fact.paid),
                       DEFAULT_VAT, fact=fact) for fact in budget_facts(project=project)]
    order = list(BudgetNature.values)
    views.sort(key=lambda v: (order.index(v.nature), v.is_fed is False))
    groups = []
    for code, label in rules.GROUP_LABELS.items():
        lines = [v for v in views if rules.GROUP_OF[v.nature] == code]
        groups.append(GroupView(code, label, lines, rules.total(v.amounts for v in lines)))
    funding = (list(FundingSource.objects.filter(project=project).order_by("kind", "id"))
               if with_funding else [])
    return BudgetView(
        groups=groups, total=rules.total(g.total for g in groups),
        overruns=sum(1 for v in views if v.is_overrun), funding=funding,
        requested=sum((f.requested for f in funding), Decimal(0)),
        granted=sum((f.granted for f in funding), Decimal(0)))


def project_budget_line(*, project: Project, pk: int) -> BudgetLine:
    """A hand-entered line of the project, or 404."""
    return get_object_or_404(BudgetLine, pk=pk, project=project)


def project_funding(*, project: Project, pk: int) -> FundingSource:
    """A funding source of the project, or 404."""
    return get_object_or_404(FundingSource, pk=pk, project=project)
