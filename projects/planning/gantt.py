"""Geometry of the calendar's timeline (step 3): where each bar, diamond and tick goes.

Pure module: no ORM, no request. It receives plain entries and returns coordinates for a
server-rendered SVG, so the drawing needs no JavaScript and is tested in microseconds.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .. import workflow
from ..choices import TaskStatus

# Abbreviated French month names, as a calendar would print them.
MONTH_LABELS: tuple[StrOrPromise, ...] = (
    _("janv."), _("févr."), _("mars"), _("avr."), _("mai"), _("juin"),
    _("juil."), _("août"), _("sept."), _("oct."), _("nov."), _("déc."),
)

# Drawing box (SVG user units); the SVG scales to the page width through CSS.
LABEL_WIDTH = 260
CHART_WIDTH = 700
ROW_HEIGHT = 24
HEADER_HEIGHT = 28
BAR_HEIGHT = 14
MIN_BAR_WIDTH = 3.0
LABEL_MAX_CHARS = 40

KIND_STEP = "step"
KIND_TASK = "task"
KIND_MILESTONE = "milestone"


@dataclass(frozen=True)
class Entry:
    """One thing to draw: a step or task (a bar) or a milestone (a diamond)."""

    kind: str
    label: str
    start_on: date | None
    end_on: date | None
    status: str
    status_label: str = ""
    step_label: str = ""
    owner_label: str = ""


@dataclass(frozen=True)
class Row:
    """An entry placed on the timeline."""

    entry: Entry
    y: float
    x: float
    width: float
    is_late: bool
    css_class: str

    @property
    def short_label(self) -> str:
        """The label cut to fit the label column (the full one is in the SVG title)."""
        label = self.entry.label
        return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"

    @property
    def text_y(self) -> float:
        """Baseline of the row's label text."""
        return self.y + ROW_HEIGHT / 2 + 4

    @property
    def bar_y(self) -> float:
        """Top of the row's bar."""
        return self.y + (ROW_HEIGHT - BAR_HEIGHT) / 2

    @property
    def diamond_points(self) -> str:
        """SVG polygon points of a milestone diamond centred on ``x``."""
        cy, r = self.y + ROW_HEIGHT / 2, BAR_HEIGHT / 2
        return f"{self.x:.1f},{cy - r:.1f} {self.x + r:.1f},{cy:.1f} " \
               f"{self.x:.1f},{cy + r:.1f} {self.x - r:.1f},{cy:.1f}"


@dataclass(frozen=True)
class Tick:
    """A month gridline with its label."""

    on: date
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    """Everything the SVG template needs."""

    start_on: date
    end_on: date
    rows: list[Row]
    ticks: list[Tick]
    today_x: float | None
    width: int
    height: int
    chart_left: int = LABEL_WIDTH

    @property
    def last_day(self) -> date:
        """Last day drawn (``end_on`` itself is excluded)."""
        return self.end_on - timedelta(days=1)


def month_start(day: date) -> date:
    """First day of the month of ``day``."""
    return day.replace(day=1)


def next_month(day: date) -> date:
    """First day of the month after the month of ``day``."""
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def timeline_range(dates: Sequence[date]) -> tuple[date, date]:
    """Whole months covering every date: [first day of the first month, first of the next)."""
    return month_start(min(dates)), next_month(max(dates))


def scale_x(day: date, *, start_on: date, end_on: date,
            left: float = LABEL_WIDTH, width: float = CHART_WIDTH) -> float:
    """Horizontal position of the start of ``day`` in a range drawn over ``width`` units."""
    total_days = (end_on - start_on).days
    # Two decimals are plenty on screen and keep the SVG short.
    return round(left + width * (day - start_on).days / total_days, 2)


def bar_geometry(start_on: date, end_on: date, *, range_start: date, range_end: date,
                 left: float = LABEL_WIDTH, width: float = CHART_WIDTH) -> tuple[float, float]:
    """(x, width) of a bar covering ``start_on`` to ``end_on``, both days included."""
    x = scale_x(start_on, start_on=range_start, end_on=range_end, left=left, width=width)
    x_end = scale_x(end_on + timedelta(days=1), start_on=range_start, end_on=range_end,
                    left=left, width=width)
    return x, max(round(x_end - x, 2), MIN_BAR_WIDTH)


def month_label(day: date, *, with_year: bool) -> str:
    """« janv. 2027 » on the first tick and in January, « févr. » elsewhere."""
    name = str(MONTH_LABELS[day.month - 1])
    return f"{name} {day.year}" if with_year else name


def month_ticks(start_on: date, end_on: date, *,
                left: float = LABEL_WIDTH, width: float = CHART_WIDTH) -> list[Tick]:
    """One gridline at the start of each month of the range."""
    ticks: list[Tick] = []
    day = month_start(start_on)
    while day < end_on:
        x = scale_x(day, start_on=start_on, end_on=end_on, left=left, width=width)
        ticks.append(Tick(on=day, x=x, label=month_label(day, with_year=not ticks
                                                          or day.month == 1)))
        day = next_month(day)
    return ticks


def entry_is_late(entry: Entry, *, today: date) -> bool:
    """Past its end and not finished (``workflow.is_late``); a milestone uses its date."""
    return workflow.is_late(status=entry.status, due_on=entry.end_on, today=today)


def bar_class(entry: Entry, *, is_late: bool) -> str:
    """CSS class of the shape: late wins over the status colour."""
    if entry.kind == KIND_MILESTONE:
        return "milestone late" if is_late else "milestone"
    if is_late:
        return "bar-late"
    # Steps have a "validated" status that tasks lack: draw it as done.
    status = TaskStatus.DONE if entry.status == "validated" else entry.status
    return f"bar-{status}"


def _dates_of(entry: Entry) -> tuple[date, date] | None:
    """Start and end of an entry; one missing date makes a one-day item, none drops it."""
    start, end = entry.start_on or entry.end_on, entry.end_on or entry.start_on
    if start is None or end is None:
        return None
    return (start, end) if start <= end else (end, start)


def build_timeline(entries: Sequence[Entry], *, today: date) -> Timeline | None:
    """Place every dated entry on one row; ``None`` when nothing has a date."""
    dated = [(e, d) for e in entries if (d := _dates_of(e)) is not None]
    if not dated:
        return None
    start_on, end_on = timeline_range([day for _e, d in dated for day in d])
    rows = []
    for index, (entry, (first, last)) in enumerate(dated):
        late = entry_is_late(entry, today=today)
        if entry.kind == KIND_MILESTONE:
            x = scale_x(first, start_on=start_on, end_on=end_on)
            width = 0.0
        else:
            x, width = bar_geometry(first, last, range_start=start_on, range_end=end_on)
        rows.append(Row(entry=entry, y=HEADER_HEIGHT + index * ROW_HEIGHT, x=x, width=width,
                        is_late=late, css_class=bar_class(entry, is_late=late)))
    today_x = (scale_x(today, start_on=start_on, end_on=end_on)
               if start_on <= today < end_on else None)
    return Timeline(
        start_on=start_on, end_on=end_on, rows=rows,
        ticks=month_ticks(start_on, end_on), today_x=today_x,
        width=LABEL_WIDTH + CHART_WIDTH, height=HEADER_HEIGHT + len(rows) * ROW_HEIGHT,
    )
