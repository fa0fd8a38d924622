"""How far a project is, read from its work: per-step progress, the status move the work
proposes, the current phase and step, milestones reached or missed. Pure: no ORM.

Issue 13: a home page that counts only the statuses says « étape 2 en cours » in phase 4;
the statuses are set by hand, the work is what was actually done.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..choices import StepStatus

S = StepStatus
FINISHED: frozenset[str] = frozenset({S.DONE, S.VALIDATED})


@dataclass(frozen=True)
class StepPosition:
    """A step's number, phase and status: what the current-step rule needs."""

    number: int
    phase: int
    status: str


def step_progress(*, status: str, work_progress: int | None, tasks_done: int,
                  tasks_total: int) -> int:
    """Share of a step's work done, 0–100: 100 once finished; otherwise what its app's
    work says, or failing that the share of its calendar tasks done."""
    if status in FINISHED:
        return 100
    if work_progress is not None:
        return max(0, min(100, work_progress))
    if tasks_total:
        return round(100 * tasks_done / tasks_total)
    return 0


def proposed_move(*, status: str, progress: int) -> str | None:
    """The status the work says a step should have, when it differs from the recorded one:
    work started on a step « à faire », all the work done on a step « en cours »."""
    if status == S.TODO and progress > 0:
        return S.IN_PROGRESS
    if status == S.IN_PROGRESS and progress >= 100:
        return S.DONE
    return None


def mean_progress(progresses: Sequence[int]) -> int:
    """Mean progress of some steps (a phase, the whole project), rounded."""
    if not progresses:
        return 0
    return round(sum(progresses) / len(progresses))


def current_phase(steps: Sequence[StepPosition]) -> int:
    """The latest phase where work has started (a step out of « à faire »), else phase 1."""
    return max((s.phase for s in steps if s.status != S.TODO), default=1)


def current_step(steps: Sequence[StepPosition]) -> int | None:
    """The earliest open step of the current phase; when that phase is all finished, the
    first open step after it; None when every step is finished."""
    phase = current_phase(steps)
    ordered = sorted(steps, key=lambda s: s.number)
    for candidates in ([s for s in ordered if s.phase == phase],
                       [s for s in ordered if s.phase > phase]):
        for step in candidates:
            if step.status not in FINISHED:
                return step.number
    return None


REACHED, MISSED, UPCOMING = "reached", "missed", "upcoming"


def milestone_state(*, is_reached: bool, step_status: str | None, due_on: date,
                    today: date) -> str:
    """A milestone is reached when marked so or when its step is finished; past its date
    without that, it is missed; otherwise it is still to come."""
    if is_reached or step_status in FINISHED:
        return REACHED
    if due_on < today:
        return MISSED
    return UPCOMING
