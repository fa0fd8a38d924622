"""Progress read from the work: pure rules, no database."""

from __future__ import annotations

from datetime import date

import pytest

from projects.choices import StepStatus as S
from projects.method import STEPS
from projects.progress import rules
from projects.progress.rules import StepPosition

TODAY = date(2026, 11, 23)


@pytest.mark.parametrize(("status", "work", "done", "total", "expected"), [
    (S.VALIDATED, 10, 0, 0, 100),   # finished is finished, whatever the report
    (S.DONE, None, 0, 3, 100),
    (S.IN_PROGRESS, 40, 3, 3, 40),  # the app's report wins over the tasks
    (S.IN_PROGRESS, None, 1, 4, 25),  # no report: the share of tasks done
    (S.TODO, None, 0, 0, 0),
    (S.TODO, 130, 0, 0, 100),       # clamped
])
def test_step_progress(status: str, work: int | None, done: int, total: int,
                       expected: int) -> None:
    assert rules.step_progress(status=status, work_progress=work, tasks_done=done,
                               tasks_total=total) == expected


@pytest.mark.parametrize(("status", "progress", "expected"), [
    (S.TODO, 0, None),
    (S.TODO, 5, S.IN_PROGRESS),
    (S.IN_PROGRESS, 99, None),
    (S.IN_PROGRESS, 100, S.DONE),
    (S.DONE, 100, None),
    (S.VALIDATED, 100, None),
])
def test_the_work_proposes_a_move(status: str, progress: int, expected: str | None) -> None:
    assert rules.proposed_move(status=status, progress=progress) == expected


def _positions(statuses: dict[int, str]) -> list[StepPosition]:
    return [StepPosition(s.number, s.phase, statuses.get(s.number, S.TODO)) for s in STEPS]


def test_the_current_step_is_the_earliest_open_one_of_the_current_phase() -> None:
    # Phase 4 has begun while step 2 was never closed: phase 4, step 12.
    steps = _positions({1: S.DONE, 2: S.IN_PROGRESS, 3: S.DONE, 11: S.VALIDATED,
                        12: S.IN_PROGRESS, 13: S.DONE})
    assert rules.current_phase(steps) == 4
    assert rules.current_step(steps) == 12


def test_a_finished_phase_leads_to_the_first_open_step_after_it() -> None:
    steps = _positions({1: S.DONE, 2: S.VALIDATED, 3: S.DONE})
    assert rules.current_phase(steps) == 1
    assert rules.current_step(steps) == 4


def test_a_new_project_starts_at_step_1_and_a_finished_one_has_no_current_step() -> None:
    assert rules.current_step(_positions({})) == 1
    assert rules.current_step(_positions({s.number: S.VALIDATED for s in STEPS})) is None


@pytest.mark.parametrize(("is_reached", "step_status", "due_on", "expected"), [
    (True, None, date(2026, 1, 1), rules.REACHED),
    (False, S.DONE, date(2026, 1, 1), rules.REACHED),  # its step is finished
    (False, S.IN_PROGRESS, date(2026, 11, 22), rules.MISSED),
    (False, None, TODAY, rules.UPCOMING),
    (False, S.TODO, date(2027, 1, 1), rules.UPCOMING),
])
def test_milestone_state(is_reached: bool, step_status: str | None, due_on: date,
                         expected: str) -> None:
    assert rules.milestone_state(is_reached=is_reached, step_status=step_status,
                                 due_on=due_on, today=TODAY) == expected


def test_mean_progress() -> None:
    assert rules.mean_progress([]) == 0
    assert rules.mean_progress([100, 50, 0]) == 50
