"""What the rapport de bilan shows: the bilan's data with labels resolved for the PDF."""

from __future__ import annotations

from dataclasses import dataclass

from projects.models import Project

from ..choices import Severity
from ..maintenance.rules import SlaCell
from . import selectors
from .rules import CostRow, DimensionResult, GroupResult
from .selectors import BILAN_SECTIONS

__all__ = ["BILAN_SECTIONS", "BilanReport", "bilan_report_data"]


@dataclass(frozen=True)
class BilanReport:
    """The bilan and its rows with French labels."""

    data: selectors.BilanData
    costs: list[tuple[str, CostRow]]
    overall: list[tuple[str, DimensionResult]]
    groups: list[tuple[str, GroupResult, list[tuple[str, DimensionResult]]]]
    sla: list[tuple[SlaCell, str]]
    sections: tuple[tuple[str, str], ...] = BILAN_SECTIONS

    @property
    def project(self) -> Project:
        return self.data.project


def bilan_report_data(project: Project) -> BilanReport:
    """Gather the rapport de bilan."""
    data = selectors.bilan_data(project)
    return BilanReport(
        data=data,
        costs=[(selectors.nature_label(r.nature), r) for r in data.costs],
        overall=[(selectors.dimension_label(d.key), d) for d in data.results.overall],
        groups=[(selectors.profession_label(g.profession), g,
                 [(selectors.dimension_label(d.key), d) for d in g.dimensions or ()])
                for g in data.results.groups],
        sla=[(cell, str(Severity(cell.severity).label)) for cell in data.sla],
    )
