"""Charts of the project's dashboard, its budget page and a risk's page, built from data
already read (no ORM): the geometry comes from ``msp_si.common.charts``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from msp_si.common.charts import Chart, bar_chart, line_chart, series
from msp_si.common.typography import french_date, french_euros, french_number

if TYPE_CHECKING:
    from .budget.selectors import BudgetView
    from .core.selectors import PhaseSummary
    from .models import RiskAssessment


def _percent(value: int) -> str:
    return f"{french_number(value)}\u00a0%"


def progress_chart(phases: Sequence[PhaseSummary]) -> Chart:
    """Share of the work done in each of the four phases."""
    values = [summary.progress for summary in phases]
    return bar_chart(
        key="avancement", title=_("Avancement par phase"),
        description=_("Part du travail réalisé dans chacune des quatre phases, de 0 à 100 %."),
        categories=[f"{s.phase.number}. {s.phase.title}" for s in phases],
        series_list=[series(_("Travail réalisé"), values, [_percent(v) for v in values])],
        maximum=100)


def budget_chart(budget: BudgetView) -> Chart:
    """The budget's total: estimated, committed and paid (€ HT)."""
    total = budget.total
    values = [total.estimated, total.committed, total.paid]
    return bar_chart(
        key="budget", title=_("Budget : estimé, engagé, payé (€ HT)"),
        description=_("Montants hors taxes de l'ensemble du budget du projet."),
        categories=[_("Estimé"), _("Engagé"), _("Payé")],
        series_list=[series(_("Montant HT"), values, [french_euros(v) for v in values])])


def budget_groups_chart(budget: BudgetView) -> Chart:
    """Investment, operation and total, each estimated, committed and paid (€ HT)."""
    groups = [(g.label, g.total) for g in budget.groups] + [(_("Total"), budget.total)]
    columns = ((_("Estimé"), "estimated"), (_("Engagé"), "committed"), (_("Payé"), "paid"))
    return bar_chart(
        key="budget-groupes", title=_("Budget par nature de dépense (€ HT)"),
        description=_("Pour l'investissement, le fonctionnement et le total : montants "
                      "estimés, engagés et payés hors taxes."),
        categories=[str(label) for label, _amounts in groups],
        series_list=[series(label, [getattr(a, name) for _l, a in groups],
                            [french_euros(getattr(a, name)) for _l, a in groups])
                     for label, name in columns])


def criticality_chart(assessments: Sequence[RiskAssessment]) -> Chart:
    """A risk's criticality (probability × impact, 1 to 16) at each rating."""
    values = [a.criticality for a in assessments]
    return line_chart(
        key="criticite", title=_("Criticité du risque au fil des évaluations"),
        description=_("Criticité (probabilité × impact, de 1 à 16) à chaque évaluation, "
                      "de la plus ancienne à la plus récente."),
        days=[a.assessed_on for a in assessments],
        day_texts=[french_date(a.assessed_on) for a in assessments],
        values=values, value_texts=[str(v) for v in values],
        value_label=_("Criticité"), maximum=16)
