"""Step status workflow: the allowed moves as a plain table. Pure: no ORM."""

from __future__ import annotations

from datetime import date

from .choices import StepStatus

S = StepStatus

# "validated" is reached only through a recorded collegial validation (see
# ``step_validation_record``); reopening a validated step needs its own permission
# (``policy.REOPEN_STEP``, held by the chef de projet).
ALLOWED_MOVES: dict[str, frozenset[str]] = {
    S.TODO: frozenset({S.IN_PROGRESS}),
    S.IN_PROGRESS: frozenset({S.TODO, S.DONE}),
    S.DONE: frozenset({S.IN_PROGRESS, S.VALIDATED}),
    S.VALIDATED: frozenset({S.IN_PROGRESS}),
}
MOVES_NEEDING_VALIDATION: frozenset[tuple[str, str]] = frozenset({(S.DONE, S.VALIDATED)})
MOVES_NEEDING_REOPEN: frozenset[tuple[str, str]] = frozenset({(S.VALIDATED, S.IN_PROGRESS)})


def can_move(from_status: str, to_status: str) -> bool:
    """Whether the table allows this move at all."""
    return to_status in ALLOWED_MOVES.get(from_status, frozenset())


def manual_targets(from_status: str, *, can_reopen: bool) -> list[str]:
    """Statuses a user may pick by hand from ``from_status`` (validation excluded)."""
    targets = []
    for to_status in ALLOWED_MOVES.get(from_status, frozenset()):
        move = (from_status, to_status)
        if move in MOVES_NEEDING_VALIDATION:
            continue
        if move in MOVES_NEEDING_REOPEN and not can_reopen:
            continue
        targets.append(to_status)
    order = list(S.values)
    return sorted(targets, key=order.index)


def is_late(*, status: str, due_on: date | None, today: date) -> bool:
    """A step or task is late when its due date has passed and it is not finished."""
    if due_on is None:
        return False
    return status not in (S.DONE, S.VALIDATED) and due_on < today


def phase_progress(statuses: list[str]) -> int:
    """Percent of a phase's steps that are finished (done or validated)."""
    if not statuses:
        return 0
    finished = sum(1 for s in statuses if s in (S.DONE, S.VALIDATED))
    return round(100 * finished / len(statuses))
