"""What phase 4 brings to the pilotage (issue 13): the charts of the recette's coverage
and of the anomalies against the SLA for the dashboard and its PDF
(``Plugin.dashboard_charts``), the recette and anomaly figures of many projects for the
AMOA's portfolio (``Plugin.portfolio_figures``). The charts of the survey and of the SLA
statistics on their own pages live with them (``bilan.charts``, ``maintenance.charts``)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.charts import Chart, bar_chart, series
from msp_si.common.typography import french_number
from projects.models import Project
from projects.plugins import PortfolioFigure
from requirements.needs.models import Requirement

from .anomalies.selectors import anomaly_counts_by_project
from .maintenance.charts import counts_texts, sla_month_chart
from .maintenance.selectors import sla_cells
from .recette import verdict
from .recette.models import AcceptanceCase, Execution
from .recette.selectors import coverage_of


def coverage_chart(project: Project) -> Chart:
    """Needs to verify (Indispensable, Important) by priority: verified OK, failing,
    not verified yet."""
    cover = coverage_of(project=project)
    lines = [*cover.by_priority, cover.total]
    parts = (
        (_("Vérifiés (OK)"), [line.ok for line in lines]),
        (_("En échec (KO)"), [line.ko for line in lines]),
        (_("Pas encore vérifiés"), [line.total - line.ok - line.ko for line in lines]),
    )
    return bar_chart(
        key="couverture", title=_("Couverture des besoins par la recette"),
        description=_("Besoins indispensables et importants : vérifiés, en échec ou pas "
                      "encore vérifiés par les derniers résultats des cas de test."),
        categories=[str(line.label) for line in lines],
        series_list=[series(label, values, counts_texts(values)) for label, values in parts],
        stacked=True)


def dashboard_charts(project: Project) -> list[Chart]:
    """Phase 4 on the dashboard: coverage once the recette has cases, anomalies against
    the SLA once some are timed. Nothing before phase 4."""
    if project.implementation_started_on is None:
        return []
    drawn = []
    if AcceptanceCase.objects.filter(project=project).exists():
        drawn.append(coverage_chart(project))
    cells = sla_cells(project=project)
    if cells:
        drawn.append(sla_month_chart(cells))
    return drawn


def _coverage_percents(ids: list[int]) -> dict[int, Decimal]:
    """Share of the needs to verify found OK by their cases' latest results, per project
    (three queries whatever the number of projects)."""
    needs: dict[int, list[int]] = defaultdict(list)
    for project_id, pk in Requirement.objects.filter(
            project_id__in=ids, is_removed=False, merged_into__isnull=True,
            priority__in=verdict.VERIFIED_PRIORITIES).values_list("project_id", "pk"):
        needs[project_id].append(pk)
    latest = dict(Execution.objects.filter(project_id__in=ids).order_by("executed_at", "id")
                  .values_list("case_id", "result"))
    cases: dict[int, list[tuple[int, int | None]]] = defaultdict(list)
    for project_id, pk, requirement_id in AcceptanceCase.objects.filter(
            project_id__in=ids).values_list("project_id", "pk", "requirement_id"):
        cases[project_id].append((pk, requirement_id))
    percents = {}
    for project_id in ids:
        grouped = verdict.results_by_need(cases[project_id], latest)
        ok = sum(1 for pk in needs[project_id] if pk in grouped and verdict.need_status(
            [r or verdict.NOT_TESTED for r in grouped[pk]]) == verdict.OK)
        total = len(needs[project_id])
        percents[project_id] = ((Decimal(ok * 100) / total).quantize(
            Decimal("0.1"), ROUND_HALF_UP) if total else Decimal(0))
    return percents


def portfolio_figures(projects: Sequence[Project]) -> dict[int, list[PortfolioFigure]]:
    """Recette coverage, open anomalies and anomalies past their SLA for the projects in
    phase 4 (four queries, whatever their number); nothing for the others."""
    ids = [p.pk for p in projects if p.implementation_started_on is not None]
    if not ids:
        return {}
    percents = _coverage_percents(ids)
    counts = anomaly_counts_by_project(project_ids=ids, now=clock.now())
    figures = {}
    for pk in ids:
        count = counts.get(pk)
        open_total, late = (count.open_total, count.late) if count else (0, 0)
        figures[pk] = [
            PortfolioFigure("recette", _("Recette (besoins vérifiés)"), percents[pk],
                            f"{french_number(percents[pk], 1)}\u00a0%"),
            PortfolioFigure("anomalies", _("Anomalies ouvertes"), open_total,
                            str(open_total)),
            PortfolioFigure("anomalies_sla", _("Anomalies hors délai"), late, str(late),
                            is_alert=late > 0),
        ]
    return figures
