"""The chart of the survey's results (step 17 page)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from msp_si.common.charts import Chart, bar_chart, series
from msp_si.common.typography import french_number

from .rules import DimensionResult


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
