"""What phase 4 brings to the pilotage (issue 13): the charts of the recette's coverage
and of the anomalies against the SLA for the dashboard and its PDF
(``Plugin.dashboard_charts``), the recette and anomaly figures of many projects for the
AMOA's portfolio (``Plugin.portfolio_figures``), and the charts of the bilan's survey and
of the SLA statistics on their own pages."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.charts import Chart, bar_chart, series
from msp_si.common.typography import french_month, french_number
from projects.models import Project
from projects.plugins import PortfolioFigure
from requirements.needs.models import Requirement

from .anomalies.selectors import anomaly_counts_by_project
from .bilan.rules import DimensionResult
from .maintenance.rules import SlaCell
from .maintenance.selectors import sla_cells
from .recette import verdict
from .recette.models import AcceptanceCase, Execution
from .recette.selectors import coverage_of


def _month(code: str) -> str:
    """« 2027-03 » → « mars 2027 »."""
    year, month = code.split("-")
    return french_month(date(int(year), int(month), 1))


def _counts(values: Sequence[int]) -> list[str]:
    return [str(v) for v in values]


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
        series_list=[series(label, values, _counts(values)) for label, values in parts],
        stacked=True)


def sla_month_chart(cells: Sequence[SlaCell], *, key: str = "anomalies-sla") -> Chart:
    """Anomalies per month of report: taken into account in time, late, still running."""
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for cell in cells:
        months[cell.month][0] += cell.in_time
        months[cell.month][1] += cell.late
        months[cell.month][2] += cell.running
    order = sorted(months)
    parts = ((_("Dans le délai"), 0), (_("Hors délai"), 1), (_("En cours"), 2))
    return bar_chart(
        key=key, title=_("Anomalies et délais de prise en charge du contrat, par mois"),
        description=_("Pour chaque mois de signalement, les anomalies prises en compte "
                      "dans le délai du contrat, hors délai, ou encore en cours."),
        categories=[_month(m) for m in order],
        series_list=[series(label, [months[m][i] for m in order],
                            _counts([months[m][i] for m in order])) for label, i in parts],
        stacked=True)


def sla_cells_chart(sla: Sequence[tuple[SlaCell, str]]) -> Chart:
    """The step 16 table drawn: one bar per month and severity, cut by outcome."""
    parts = ((_("Dans le délai"), "in_time"), (_("Hors délai"), "late"),
             (_("En cours"), "running"))
    return bar_chart(
        key="sla-mois", title=_("Prises en charge dans le délai du contrat, par mois et "
                                "par gravité"),
        description=_("Chaque barre : les anomalies d'un mois et d'une gravité, prises en "
                      "compte dans le délai, hors délai ou encore en cours. Les chiffres "
                      "sont dans le tableau qui suit."),
        categories=[f"{_month(cell.month)} — {label}" for cell, label in sla],
        series_list=[series(label, [getattr(c, name) for c, _l in sla],
                            _counts([getattr(c, name) for c, _l in sla]))
                     for label, name in parts],
        stacked=True)


def survey_chart(overall: Sequence[tuple[str, DimensionResult]]) -> Chart:
    """The survey's average mark (out of 5) on each dimension, all answers together."""
    values = [d.average for _label, d in overall]
    return bar_chart(
        key="enquete", title=_("Satisfaction moyenne par dimension (sur 5)"),
        description=_("Note moyenne de toutes les réponses à l'enquête, dimension par "
                      "dimension. Les chiffres et la répartition des notes sont dans le "
                      "tableau qui suit."),
        categories=[str(label) for label, _d in overall],
        series_list=[series(_("Moyenne sur 5"), values,
                            ["—" if v is None else french_number(v, 1) for v in values])],
        maximum=5)


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
