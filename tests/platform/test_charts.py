"""The charts' geometry (msp_si.common.charts): pure, no database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from msp_si.common import charts


def test_bars_are_proportional_to_their_values_on_a_fixed_scale() -> None:
    chart = charts.bar_chart(key="k", title="T", description="D", categories=["A", "B"],
                             series_list=[charts.series("%", [25, 100], ["25 %", "100 %"])],
                             maximum=100)
    quarter, full = (rect.width for rect in chart.rects)
    assert full == pytest.approx(4 * quarter)
    assert full == pytest.approx(chart.plot_right - chart.plot_left)
    assert chart.rows == [("A", ["25 %"]), ("B", ["100 %"])]


def test_grouped_bars_sit_side_by_side_and_get_a_legend() -> None:
    chart = charts.bar_chart(
        key="k", title="T", description="D", categories=["Investissement"],
        series_list=[charts.series("Estimé", [Decimal("1000")]),
                     charts.series("Payé", [Decimal("400")])])
    estimated, paid = chart.rects
    assert estimated.x == paid.x
    assert paid.y > estimated.y
    assert estimated.fill != paid.fill
    assert [item.label for item in chart.legend] == ["Estimé", "Payé"]
    assert chart.ticks[-1].text == "1\u202f000"  # the scale ends on a round value


def test_stacked_segments_follow_each_other() -> None:
    chart = charts.bar_chart(key="k", title="T", description="D", categories=["mars"],
                             series_list=[charts.series("OK", [3]), charts.series("KO", [1])],
                             stacked=True)
    first, second = chart.rects
    assert second.x == pytest.approx(first.x + first.width)
    assert first.y == second.y


def test_a_line_places_its_points_by_date() -> None:
    days = [date(2026, 1, 1), date(2026, 1, 11), date(2026, 1, 31)]
    chart = charts.line_chart(key="k", title="T", description="D", days=days,
                              day_texts=["a", "b", "c"], values=[4, 8, 16],
                              value_texts=["4", "8", "16"], value_label="Criticité",
                              maximum=16)
    (x1, y1), (x2, y2), (x3, y3) = chart.points
    assert (x2 - x1) * 3 == pytest.approx(x3 - x1)  # 10 days of 30
    assert y3 == pytest.approx(chart.plot_top)
    assert y1 > y2 > y3
    assert chart.rows == [("a", ["4"]), ("b", ["8"]), ("c", ["16"])]


def test_values_and_texts_must_match() -> None:
    with pytest.raises(ValueError, match="one text per value"):
        charts.series("x", [1, 2], ["1"])
    with pytest.raises(ValueError, match="one value per category"):
        charts.bar_chart(key="k", title="T", description="D", categories=["a", "b"],
                         series_list=[charts.series("x", [1])])


@pytest.mark.parametrize(("value", "ceiling"), [(0, 1), (7, 10), (12, 20), (2100, 2500),
                                                (0.3, 0.5)])
def test_the_scale_ends_on_a_round_value(value: float, ceiling: float) -> None:
    assert charts.nice_ceiling(value) == pytest.approx(ceiling)
