"""Pure geometry of the calendar's timeline: no database."""

from datetime import date

import pytest

from projects.choices import StepStatus, TaskStatus
from projects.planning import gantt

TODAY = date(2026, 10, 15)


def task(label: str, start: date, end: date, status: str = TaskStatus.TODO) -> gantt.Entry:
    return gantt.Entry(kind=gantt.KIND_TASK, label=label, start_on=start, end_on=end,
                       status=status)


@pytest.mark.parametrize(
    ("day", "first", "following"),
    [
        (date(2026, 9, 17), date(2026, 9, 1), date(2026, 10, 1)),
        (date(2026, 12, 31), date(2026, 12, 1), date(2027, 1, 1)),
        (date(2027, 2, 28), date(2027, 2, 1), date(2027, 3, 1)),
    ],
)
def test_month_boundaries(day: date, first: date, following: date) -> None:
    assert gantt.month_start(day) == first
    assert gantt.next_month(day) == following


def test_range_covers_whole_months() -> None:
    assert gantt.timeline_range([date(2026, 10, 20), date(2026, 9, 10)]) == (
        date(2026, 9, 1), date(2026, 11, 1)
    )


# September + October 2026 = 61 days drawn over 610 units: 10 units a day.
RANGE = {"range_start": date(2026, 9, 1), "range_end": date(2026, 11, 1), "left": 0,
         "width": 610}


@pytest.mark.parametrize(
    ("start", "end", "x", "width"),
    [
        (date(2026, 9, 1), date(2026, 9, 30), 0, 300),      # the whole of September
        (date(2026, 10, 1), date(2026, 10, 1), 300, 10),    # one day, both ends included
        (date(2026, 9, 11), date(2026, 10, 10), 100, 300),  # across the month boundary
        (date(2026, 10, 31), date(2026, 10, 31), 600, 10),  # last day of the range
    ],
)
def test_bar_position_from_dates(start: date, end: date, x: float, width: float) -> None:
    assert gantt.bar_geometry(start, end, **RANGE) == (pytest.approx(x), pytest.approx(width))


def test_month_ticks_carry_french_labels_and_the_year_when_it_changes() -> None:
    ticks = gantt.month_ticks(date(2026, 11, 1), date(2027, 3, 1), left=0, width=120)

    assert [t.label for t in ticks] == ["nov. 2026", "déc.", "janv. 2027", "févr."]
    assert [t.on for t in ticks] == [date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1),
                                     date(2027, 2, 1)]
    # November to February: 120 days over 120 units, one unit a day.
    assert [t.x for t in ticks] == pytest.approx([0, 30, 61, 92])


@pytest.mark.parametrize(
    ("status", "end", "is_late", "css_class"),
    [
        (TaskStatus.IN_PROGRESS, date(2026, 10, 14), True, "bar-late"),
        (TaskStatus.TODO, date(2026, 10, 14), True, "bar-late"),
        (TaskStatus.DONE, date(2026, 10, 14), False, "bar-done"),
        (TaskStatus.IN_PROGRESS, date(2026, 10, 15), False, "bar-in_progress"),
        (StepStatus.VALIDATED, date(2026, 10, 1), False, "bar-done"),
    ],
)
def test_late_flag_and_colour(status: str, end: date, is_late: bool, css_class: str) -> None:
    timeline = gantt.build_timeline([task("Rédiger", date(2026, 10, 1), end, status)],
                                    today=TODAY)

    row = timeline.rows[0]
    assert (row.is_late, row.css_class) == (is_late, css_class)


def test_milestone_is_a_diamond_late_when_past_and_not_reached() -> None:
    milestone = gantt.Entry(kind=gantt.KIND_MILESTONE, label="Note de cadrage validée",
                            start_on=date(2026, 10, 1), end_on=date(2026, 10, 1),
                            status=TaskStatus.TODO)

    row = gantt.build_timeline([milestone], today=TODAY).rows[0]

    assert row.css_class == "milestone late"
    assert row.width == 0
    assert row.diamond_points.startswith(f"{row.x:.1f},")


def test_timeline_rows_stack_and_today_sits_inside_the_range() -> None:
    entries = [task("A", date(2026, 9, 10), date(2026, 9, 20)),
               task("B", date(2026, 10, 1), date(2026, 10, 20))]

    timeline = gantt.build_timeline(entries, today=TODAY)

    assert (timeline.start_on, timeline.end_on) == (date(2026, 9, 1), date(2026, 11, 1))
    assert [r.y for r in timeline.rows] == [gantt.HEADER_HEIGHT,
                                            gantt.HEADER_HEIGHT + gantt.ROW_HEIGHT]
    assert timeline.rows[0].x == pytest.approx(gantt.LABEL_WIDTH + gantt.CHART_WIDTH * 9 / 61,
                                              abs=0.01)
    assert timeline.today_x == pytest.approx(gantt.LABEL_WIDTH + gantt.CHART_WIDTH * 44 / 61,
                                              abs=0.01)
    assert timeline.height == gantt.HEADER_HEIGHT + 2 * gantt.ROW_HEIGHT


def test_today_outside_the_range_draws_no_line() -> None:
    timeline = gantt.build_timeline([task("A", date(2027, 3, 1), date(2027, 3, 5))],
                                    today=TODAY)

    assert timeline.today_x is None


def test_undated_entries_are_left_out_and_nothing_dated_means_no_timeline() -> None:
    undated = gantt.Entry(kind=gantt.KIND_STEP, label="Étape 4", start_on=None, end_on=None,
                          status=StepStatus.TODO)

    assert gantt.build_timeline([undated], today=TODAY) is None


def test_step_with_only_a_due_date_is_a_one_day_bar() -> None:
    step = gantt.Entry(kind=gantt.KIND_STEP, label="Étape 2", start_on=None,
                       end_on=date(2026, 10, 20), status=StepStatus.IN_PROGRESS)

    row = gantt.build_timeline([step], today=TODAY).rows[0]

    assert row.width == pytest.approx(gantt.CHART_WIDTH / 31, abs=0.01)
    assert row.css_class == "bar-in_progress"
