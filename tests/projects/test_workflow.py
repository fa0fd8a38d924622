"""Pure rules of the step workflow: the table of allowed moves."""

from datetime import date

import pytest

from projects import workflow
from projects.choices import StepStatus as S


@pytest.mark.parametrize(
    ("from_status", "to_status", "allowed"),
    [
        (S.TODO, S.IN_PROGRESS, True),
        (S.TODO, S.DONE, False),
        (S.TODO, S.VALIDATED, False),
        (S.IN_PROGRESS, S.DONE, True),
        (S.IN_PROGRESS, S.TODO, True),
        (S.DONE, S.IN_PROGRESS, True),
        (S.DONE, S.VALIDATED, True),
        (S.VALIDATED, S.IN_PROGRESS, True),
        (S.VALIDATED, S.TODO, False),
    ],
)
def test_can_move_follows_the_table(from_status: str, to_status: str, allowed: bool) -> None:
    assert workflow.can_move(from_status, to_status) is allowed


def test_validation_is_never_a_manual_move() -> None:
    assert workflow.manual_targets(S.DONE, can_reopen=True) == [S.IN_PROGRESS]


def test_only_a_lead_reopens_a_validated_step() -> None:
    assert workflow.manual_targets(S.VALIDATED, can_reopen=True) == [S.IN_PROGRESS]
    assert workflow.manual_targets(S.VALIDATED, can_reopen=False) == []


def test_manual_targets_are_in_status_order() -> None:
    assert workflow.manual_targets(S.IN_PROGRESS, can_reopen=False) == [S.TODO, S.DONE]


@pytest.mark.parametrize(
    ("status", "due_on", "late"),
    [
        (S.IN_PROGRESS, date(2026, 1, 1), True),
        (S.TODO, date(2026, 1, 1), True),
        (S.DONE, date(2026, 1, 1), False),
        (S.VALIDATED, date(2026, 1, 1), False),
        (S.IN_PROGRESS, date(2026, 3, 1), False),
        (S.IN_PROGRESS, None, False),
    ],
)
def test_is_late(status: str, due_on: date | None, late: bool) -> None:
    assert workflow.is_late(status=status, due_on=due_on, today=date(2026, 2, 1)) is late


def test_phase_progress_counts_done_and_validated() -> None:
    assert workflow.phase_progress([S.DONE, S.VALIDATED, S.TODO, S.IN_PROGRESS]) == 50
    assert workflow.phase_progress([]) == 0
