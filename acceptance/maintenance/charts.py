"""Charts of the SLA figures (step 16 page, the dashboard): drawn from the statistics
already computed, by ``msp_si.common.charts``."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from django.utils.translation import gettext as _

from msp_si.common.charts import Chart, bar_chart, series
from msp_si.common.typography import french_month

from .rules import SlaCell


def _month(code: str) -> str:
    """« 2027-03 » → « mars 2027 »."""
    year, month = code.split("-")
    return french_month(date(int(year), int(month), 1))


def counts_texts(values: Sequence[int]) -> list[str]:
    """Counts as the chart's table shows them."""
    return [str(v) for v in values]


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
                            counts_texts([months[m][i] for m in order])) for label, i in parts],
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
                            counts_texts([getattr(c, name) for c, _l in sla]))
                     for label, name in parts],
        stacked=True)
