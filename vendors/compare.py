"""Rules of the answers comparison (steps 9 and 11), as plain data: no ORM, no request.

The vendors' answers to one requirement sit side by side; a row is a « écart » when they
differ, « non couvert » when at least one vendor cannot cover it (« Non couvert ») or did
not answer. Totals count, per vendor and per priority, each answer of the cadre de réponse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from requirements.cadre import ANSWERS

NOT_COVERED = "Non couvert"
NO_ANSWER = ""
# Every value a cell may hold, in the order the totals show them.
TOTAL_COLUMNS: tuple[str, ...] = (*ANSWERS, NO_ANSWER)
# Short labels keep five vendors' columns readable; the cadre's full wording stays the key.
SHORT_LABELS: dict[str, str] = {
    "Standard": "Standard",
    "Paramétrage": "Paramétrage",
    "Développement spécifique": "Spécifique",
    "Version ultérieure": "Ultérieure",
    "Solution tierce": "Tierce",
    NOT_COVERED: "Non couvert",
    NO_ANSWER: "Sans réponse",
}
# CSS modifier of each answer (colour is never the only carrier: the label is written).
ANSWER_CLASSES: dict[str, str] = {
    "Standard": "standard",
    "Paramétrage": "configuration",
    "Développement spécifique": "specific",
    "Version ultérieure": "later",
    "Solution tierce": "third-party",
    NOT_COVERED: "not-covered",
    NO_ANSWER: "missing",
}
COMMENT_EXCERPT_CHARS = 80


@dataclass(frozen=True)
class Cell:
    """One vendor's answer to one requirement, as stored by the import."""

    answer: str
    delay_days: int | None = None
    cost: Decimal | None = None
    comment: str = ""
    # Set by ``cells_by_code`` (computed once: the page shows thousands of cells).
    excerpt: str = ""

    @property
    def label(self) -> str:
        return SHORT_LABELS.get(self.answer, self.answer)

    @property
    def css(self) -> str:
        return ANSWER_CLASSES.get(self.answer, "other")

    @property
    def is_shortened(self) -> bool:
        return self.excerpt != self.comment

    @property
    def has_work(self) -> bool:
        """A delay or a cost was given (a specific development, a later version)."""
        return self.delay_days is not None or self.cost is not None


MISSING = Cell(answer=NO_ANSWER)


def comment_excerpt(text: str, limit: int = COMMENT_EXCERPT_CHARS) -> str:
    """The comment cut at a word boundary under ``limit`` characters, with « … »."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    # One character more, so that a word ending exactly at the limit is kept whole.
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:.") + "…"


def _decimal(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def cells_by_code(rows: Iterable[Mapping[str, object]]) -> dict[str, Cell]:
    """An imported answer set's rows (``AnswerSet.answers``) keyed by requirement code."""
    cells = {}
    for row in rows:
        delay = row.get("delay_days")
        comment = str(row.get("comment") or "")
        cells[str(row["code"])] = Cell(
            answer=str(row.get("answer") or NO_ANSWER),
            delay_days=delay if isinstance(delay, int) else None,
            cost=_decimal(row.get("cost")), comment=comment,
            excerpt=comment_excerpt(comment),
        )
    return cells


def is_gap(cells: Sequence[Cell]) -> bool:
    """The vendors' answers differ (a blank counts as an answer of its own)."""
    return len({cell.answer for cell in cells}) > 1


def is_uncovered(cells: Sequence[Cell]) -> bool:
    """At least one vendor cannot cover the need or left it unanswered."""
    return any(cell.answer in (NOT_COVERED, NO_ANSWER) for cell in cells)


def keep_row(cells: Sequence[Cell], *, only_gaps: bool, only_uncovered: bool) -> bool:
    """Whether a row passes the « écarts » and « non couverts » filters (both may apply)."""
    return (not only_gaps or is_gap(cells)) and (not only_uncovered or is_uncovered(cells))


def answer_totals(priorities: Sequence[str], columns: Sequence[Sequence[Cell]]
                  ) -> list[dict[str, dict[str, int]]]:
    """Per vendor: priority → answer (``TOTAL_COLUMNS``) → number of requirements.

    ``priorities[i]`` is the priority of row i; ``columns[v][i]`` vendor v's cell on it.
    An answer outside the cadre's list (not produced by the import) counts as no answer.
    """
    totals = []
    for cells in columns:
        counts: dict[str, dict[str, int]] = {}
        for priority, cell in zip(priorities, cells, strict=True):
            answer = cell.answer if cell.answer in ANSWERS else NO_ANSWER
            by_answer = counts.setdefault(priority, dict.fromkeys(TOTAL_COLUMNS, 0))
            by_answer[answer] += 1
        totals.append(counts)
    return totals
