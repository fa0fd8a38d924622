"""Charts drawn on the server as SVG: the geometry of bar and line charts, as plain data.

No JavaScript and no chart library: ``templates/includes/charts/chart.html`` draws what
these functions compute, with ``role="img"``, a title and a description, and the same
figures as a table next to the picture (a chart alone says nothing to a screen reader,
nor to someone who needs the exact amount). WeasyPrint renders the same SVG in the PDFs.
Colours are written on the shapes, not in a stylesheet, so that a PDF keeps them.
Pure module: no ORM, no request; the caller gives the texts of the values.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .typography import french_number

Number = int | float | Decimal

# Each colour stands out at 3:1 or more against white (WCAG 1.4.11, non-text contrast).
PALETTE: tuple[str, ...] = ("#1f5fa8", "#b45309", "#2f7d4f", "#7b3fb8", "#b3261e")
TEXT_COLOUR = "#1f2933"
GRID_COLOUR = "#c5ccd3"

WIDTH = 640
LABEL_WIDTH = 200          # room on the left for the categories' names
VALUE_ROOM = 96            # room on the right for the value written after a bar
BAR_HEIGHT = 14
BAND_GAP = 12
TOP = 28                   # room above the plot for the scale
LINE_HEIGHT = 240


@dataclass(frozen=True)
class Series:
    """One set of values across the categories, with the text each value is shown as."""

    label: str
    values: tuple[Number | None, ...]
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Rect:
    """A bar (or a segment of a stacked bar) and the text of its value."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    text: str


@dataclass(frozen=True)
class Label:
    """A text placed on the chart."""

    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Tick:
    """A graduation of the value axis: where its grid line goes and its text."""

    position: float
    text: str


@dataclass(frozen=True)
class LegendItem:
    x: float
    y: float
    fill: str
    label: str


@dataclass(frozen=True)
class Chart:
    """Everything a template needs to draw a chart and write its data table."""

    key: str
    kind: str  # « bars », « stacked » or « line »
    title: str
    description: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    width: int
    height: int
    rects: tuple[Rect, ...] = ()
    labels: tuple[Label, ...] = ()
    ticks: tuple[Tick, ...] = ()
    legend: tuple[LegendItem, ...] = ()
    points: tuple[tuple[float, float], ...] = ()
    plot_left: float = 0
    plot_right: float = 0
    plot_top: float = 0
    plot_bottom: float = 0

    @property
    def polyline(self) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in self.points)

    @property
    def rows(self) -> list[tuple[str, list[str]]]:
        """The data table: one row per category, one column per series."""
        return [(category, [s.texts[i] for s in self.series])
                for i, category in enumerate(self.categories)]

    @property
    def is_empty(self) -> bool:
        return not any(v for s in self.series for v in s.values)


def series(label: str, values: Sequence[Number | None], texts: Sequence[str] | None = None
           ) -> Series:
    """A series whose texts default to the plain values (« — » when missing)."""
    shown = texts if texts is not None else ["—" if v is None else str(v) for v in values]
    if len(shown) != len(values):
        raise ValueError("one text per value")
    return Series(label, tuple(values), tuple(shown))


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above ``value`` (1 for nothing)."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return float(step * power)
    return float(10 * power)  # pragma: no cover — the loop always returns


def _ticks(maximum: float, count: int = 4) -> list[float]:
    return [maximum * i / count for i in range(count + 1)]


def _tick_text(value: float) -> str:
    return french_number(Decimal(str(round(value, 1))))


def _legend(series_list: Sequence[Series], y: float) -> tuple[LegendItem, ...]:
    items, x = [], float(LABEL_WIDTH)
    for index, item in enumerate(series_list):
        items.append(LegendItem(x, y, PALETTE[index % len(PALETTE)], item.label))
        x += 24 + 7 * len(item.label)
    return tuple(items)


def bar_chart(*, key: str, title: str, description: str, categories: Sequence[str],
              series_list: Sequence[Series], stacked: bool = False,
              maximum: float | None = None) -> Chart:
    """Horizontal bars, one band per category: side by side for several series, or one
    bar cut into segments when ``stacked``. ``maximum`` fixes the scale (100 for %)."""
    count = len(categories)
    if any(len(s.values) != count for s in series_list):
        raise ValueError("each series needs one value per category")
    per_band = 1 if stacked else max(1, len(series_list))
    band = per_band * BAR_HEIGHT + BAND_GAP
    left, right = float(LABEL_WIDTH), float(WIDTH - VALUE_ROOM)

    def value(s: Series, i: int) -> float:
        v = s.values[i]
        return float(v) if v is not None and v > 0 else 0.0

    totals = [sum(value(s, i) for s in series_list) if stacked
              else max((value(s, i) for s in series_list), default=0.0) for i in range(count)]
    top_value = maximum if maximum is not None else nice_ceiling(max(totals, default=0.0))
    scale = (right - left) / top_value
    rects, labels = [], []
    for i, category in enumerate(categories):
        y0 = TOP + i * band
        labels.append(Label(left - 8, y0 + per_band * BAR_HEIGHT / 2 + 4, category, "end"))
        x = left
        for index, s in enumerate(series_list):
            width = value(s, i) * scale
            y = y0 if stacked else y0 + index * BAR_HEIGHT
            fill = PALETTE[index % len(PALETTE)]
            rects.append(Rect(x if stacked else left, y, width, BAR_HEIGHT - 2, fill,
                              f"{category} — {s.label} : {s.texts[i]}"))
            if stacked:
                x += width
            else:
                labels.append(Label(left + width + 4, y + BAR_HEIGHT - 4, s.texts[i]))
        if stacked:
            total_text = " + ".join(s.texts[i] for s in series_list if value(s, i))
            labels.append(Label(x + 4, y0 + BAR_HEIGHT - 4, total_text or "0"))
    bottom = TOP + count * band
    height = int(bottom + (28 if len(series_list) > 1 else 8))
    return Chart(
        key=key, kind="stacked" if stacked else "bars", title=title,
        description=description, categories=tuple(categories), series=tuple(series_list),
        width=WIDTH, height=height, rects=tuple(rects), labels=tuple(labels),
        ticks=tuple(Tick(left + t * scale, _tick_text(t)) for t in _ticks(top_value)),
        legend=_legend(series_list, bottom + 14) if len(series_list) > 1 else (),
        plot_left=left, plot_right=right, plot_top=TOP - 6, plot_bottom=bottom)


def line_chart(*, key: str, title: str, description: str, days: Sequence[date],
               day_texts: Sequence[str], values: Sequence[Number], value_texts: Sequence[str],
               value_label: str, maximum: float | None = None) -> Chart:
    """A value over time: points placed by their date, joined by a line (one point is
    drawn alone). ``days`` in order."""
    if not (len(days) == len(day_texts) == len(values) == len(value_texts)):
        raise ValueError("one date, one value and their texts per point")
    left, right, top, bottom = 56.0, float(WIDTH - 24), 16.0, float(LINE_HEIGHT - 40)
    top_value = maximum if maximum is not None else nice_ceiling(
        max((float(v) for v in values), default=0.0))
    first = days[0].toordinal() if days else 0
    span = (days[-1].toordinal() - first) if days else 0
    points = []
    for day, v in zip(days, values, strict=True):
        x = left + ((day.toordinal() - first) / span * (right - left) if span else 0)
        points.append((x, bottom - float(v) / top_value * (bottom - top)))
    # Dates under the axis: all of them when few, else the first and the last.
    shown = range(len(days)) if len(days) <= 6 else (0, len(days) - 1)
    labels = [Label(points[i][0], bottom + 18, day_texts[i], "middle") for i in shown]
    labels += [Label(x, y - 8, value_texts[i], "middle") for i, (x, y) in enumerate(points)]
    return Chart(
        key=key, kind="line", title=title, description=description,
        categories=tuple(day_texts), series=(series(value_label, values, value_texts),),
        width=WIDTH, height=LINE_HEIGHT, labels=tuple(labels), points=tuple(points),
        ticks=tuple(Tick(bottom - t / top_value * (bottom - top), _tick_text(t))
                    for t in _ticks(top_value)),
        plot_left=left, plot_right=right, plot_top=top, plot_bottom=bottom)
