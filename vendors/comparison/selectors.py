"""Reads of the answers comparison: the grid's needs × the vendors' confirmed answers.

A fixed number of queries whatever the number of offers and needs (tested): the active
requirements with their domain, the current answer sets with their vendor, the consulted
vendors still without a confirmed answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from projects.models import Project
from requirements.models import Priority, Requirement

from ..consultation.models import AnswerSet, ConsultedVendor
from .rules import (
    NO_ANSWER,
    SHORT_LABELS,
    TOTAL_COLUMNS,
    Cell,
    answer_totals,
    cell_from,
    is_gap,
    is_uncovered,
    keep_row,
)

# Like the needs grid: above this many rows, the page opens on one domain at a time.
DOMAIN_PAGE_THRESHOLD = 150
ALL_DOMAINS = "tous"


@dataclass(frozen=True)
class CompareFilters:
    """What the reader asked for (already validated): all empty shows everything."""

    domain: str = ""
    priority: str = ""
    only_gaps: bool = False
    only_uncovered: bool = False


@dataclass(frozen=True)
class VendorColumn:
    """A consulted vendor whose confirmed answers are compared."""

    consulted_id: int
    name: str
    received_at: datetime
    is_late: bool


@dataclass(frozen=True)
class CompareRow:
    """One requirement and each vendor's answer to it, in the columns' order."""

    code: str
    subdomain: str
    text: str
    priority: str
    priority_label: str
    cells: list[Cell]
    is_gap: bool
    is_uncovered: bool


@dataclass
class DomainRows:
    code: str
    title: str
    rows: list[CompareRow] = field(default_factory=list)
    # The rows' markup, set by the view (``rows.rows_html``): one string for the template.
    html: str = ""


@dataclass(frozen=True)
class VendorTotals:
    name: str
    # (short answer label, count) in ``TOTAL_COLUMNS`` order.
    counts: list[tuple[str, int]]


@dataclass(frozen=True)
class PriorityTotals:
    """Per-vendor counts of each answer over the needs of one priority (whole grid)."""

    priority: str
    label: str
    requirement_count: int
    vendors: list[VendorTotals]


@dataclass
class ComparisonPage:
    vendors: list[VendorColumn]
    waiting: list[str]
    domains: list[DomainRows]
    domain_choices: list[tuple[str, str]]
    shown_domain: str
    totals: list[PriorityTotals]
    requirement_count: int
    matching_count: int
    # The domain asked for is not in the grid (the default view is shown instead).
    is_unknown_domain: bool = False

    @property
    def is_paged(self) -> bool:
        return bool(self.shown_domain)

    @property
    def shown_count(self) -> int:
        return sum(len(d.rows) for d in self.domains)

    @property
    def total_labels(self) -> list[str]:
        return [SHORT_LABELS[a] for a in TOTAL_COLUMNS]


class _Need(NamedTuple):
    """The columns of a requirement the comparison reads (tuples: 400 model instances
    with their sub-domain and domain were a good part of the page's time)."""

    code: str
    text: str
    priority: str
    subdomain: str
    domain_code: str
    domain_title: str


def _requirements(project: Project) -> list[_Need]:
    """Active requirements in the grid's order, with their sub-domain and domain."""
    return [_Need(*values) for values in (
        Requirement.objects.filter(project=project, is_removed=False, merged_into__isnull=True)
        .order_by("subdomain__domain__position", "subdomain__domain_id",
                  "subdomain__position", "subdomain_id", "position", "id")
        .values_list("code", "text", "priority", "subdomain__title",
                     "subdomain__domain__code", "subdomain__domain__title"))]


def _totals(requirements: list[_Need], columns: list[list[str]],
            vendors: list[VendorColumn]) -> list[PriorityTotals]:
    counts = answer_totals([r.priority for r in requirements], columns)
    result = []
    for code, label in Priority.choices:
        n = sum(1 for r in requirements if r.priority == code)
        result.append(PriorityTotals(
            priority=code, label=str(label), requirement_count=n,
            vendors=[VendorTotals(name=vendor.name, counts=[
                (SHORT_LABELS[a], by_priority.get(code, {}).get(a, 0)) for a in TOTAL_COLUMNS])
                for vendor, by_priority in zip(vendors, counts, strict=True)],
        ))
    return result


def _matching(requirements: list[_Need], columns: list[list[str]],
              filters: CompareFilters) -> dict[tuple[str, str], list[int]]:
    """(domain code, title) → indexes of the rows passing the priority, gap and coverage
    filters, every domain of the grid present even when none of its rows passes."""
    matching: dict[tuple[str, str], list[int]] = {}
    for index, requirement in enumerate(requirements):
        kept = matching.setdefault((requirement.domain_code, requirement.domain_title), [])
        if filters.priority and requirement.priority != filters.priority:
            continue
        if keep_row([column[index] for column in columns], only_gaps=filters.only_gaps,
                    only_uncovered=filters.only_uncovered):
            kept.append(index)
    return matching


def _shown(matching: dict[tuple[str, str], list[int]], asked: str
           ) -> tuple[list[tuple[str, str]], str]:
    """The domains to render and the code of the one shown alone ("" when all are)."""
    by_code = {code: (code, title) for code, title in matching}
    if asked in by_code:
        return [by_code[asked]], asked
    if asked == ALL_DOMAINS or sum(len(rows) for rows in matching.values()) \
            <= DOMAIN_PAGE_THRESHOLD:
        return [key for key, rows in matching.items() if rows], ""
    first = next(key for key, rows in matching.items() if rows)
    return [first], first[0]


def _rows(requirements: list[_Need], indexes: list[int], columns: list[list[str]],
          stored: list[dict[str, dict]]) -> list[CompareRow]:
    labels = dict(Priority.choices)
    rows = []
    for index in indexes:
        requirement = requirements[index]
        answers = [column[index] for column in columns]
        rows.append(CompareRow(
            code=requirement.code, subdomain=requirement.subdomain,
            text=requirement.text, priority=requirement.priority,
            priority_label=str(labels.get(requirement.priority, requirement.priority)),
            cells=[cell_from(by_code.get(requirement.code)) for by_code in stored],
            is_gap=is_gap(answers), is_uncovered=is_uncovered(answers),
        ))
    return rows


def answers_comparison(*, project: Project, filters: CompareFilters) -> ComparisonPage:
    """The needs of the current grid against every confirmed current answer (3 queries)."""
    requirements = _requirements(project)
    answer_sets = list(
        AnswerSet.objects.filter(project=project, is_current=True)
        .select_related("consulted__vendor")
        .order_by("consulted__vendor__name", "consulted__vendor__product", "consulted_id"))
    answered = {s.consulted_id for s in answer_sets}
    waiting = [str(c.vendor) for c in ConsultedVendor.objects.filter(project=project)
               .select_related("vendor") if c.pk not in answered]
    vendors = [VendorColumn(consulted_id=s.consulted_id, name=str(s.consulted.vendor),
                            received_at=s.received_at, is_late=s.is_late)
               for s in answer_sets]
    stored = [{str(row["code"]): row for row in s.answers} for s in answer_sets]
    columns = [[str((by_code.get(r.code) or {}).get("answer") or NO_ANSWER)
                for r in requirements] for by_code in stored]
    matching = _matching(requirements, columns, filters)
    shown_domains, shown = _shown(matching, filters.domain)
    domains = [DomainRows(code=code, title=title,
                          rows=_rows(requirements, matching[(code, title)], columns, stored))
               for code, title in shown_domains]
    return ComparisonPage(
        vendors=vendors, waiting=waiting, domains=domains,
        domain_choices=list(matching), shown_domain=shown,
        totals=_totals(requirements, columns, vendors),
        requirement_count=len(requirements),
        matching_count=sum(len(rows) for rows in matching.values()),
        is_unknown_domain=filters.domain not in ("", ALL_DOMAINS,
                                                 *(code for code, _title in matching)),
    )
