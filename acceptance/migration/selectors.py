"""Reads of step 13, always scoped by project."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Prefetch

from . import rules
from .choices import GoDecision, MigrationState
from .models import MigrationDecision, MigrationLine, MigrationNote, SampleCheck

if TYPE_CHECKING:
    from projects.models import Project


@dataclass(frozen=True)
class LineView:
    """A checklist line with its checks (newest first) and the moves it allows."""

    line: MigrationLine
    checks: list[SampleCheck]
    moves: list[tuple[str, str]]

    @property
    def last_check(self) -> SampleCheck | None:
        return self.checks[0] if self.checks else None


@dataclass
class MigrationState_:
    """Everything the step 13 page shows."""

    lines: list[LineView]
    notes: list[MigrationNote]
    decisions: list[MigrationDecision]
    go_refusal: str | None

    @property
    def decision(self) -> MigrationDecision | None:
        return self.decisions[0] if self.decisions else None

    @property
    def is_go(self) -> bool:
        return self.decision is not None and self.decision.decision == GoDecision.GO


def line_statuses(lines: list[LineView]) -> list[rules.LineStatus]:
    """What the go decision looks at, line by line."""
    return [rules.LineStatus(label=lv.line.data, state=lv.line.state,
                             last_check_failed=lv.last_check.is_failed if lv.last_check
                             else None) for lv in lines]


def migration_overview(*, project: Project) -> MigrationState_:
    """Checklist, method notes, decisions and whether « go » may be recorded (four queries)."""
    checks = SampleCheck.objects.select_related("checked_by", "case").order_by(
        "-created_at", "-id")
    lines = [LineView(line=line, checks=list(line.checks.all()),
                      moves=[(s, str(MigrationState(s).label))
                             for s in rules.line_moves(line.state)])
             for line in MigrationLine.objects.filter(project=project)
             .select_related("owner__user").prefetch_related(Prefetch("checks", checks))]
    notes = list(MigrationNote.objects.filter(project=project).select_related("uploaded_by"))
    decisions = list(MigrationDecision.objects.filter(project=project)
                     .select_related("decided_by"))
    refusal = rules.go_refusal(decision=GoDecision.GO, has_method_note=bool(notes),
                               lines=line_statuses(lines))
    return MigrationState_(lines=lines, notes=notes, decisions=decisions, go_refusal=refusal)
