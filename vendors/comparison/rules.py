"""Rules of the answers comparison (steps 9 and 11), as plain data: no ORM, no request.

The vendors' answers to one requirement sit side by side; a row is a « écart » when they
differ, « non couvert » when at least one vendor cannot cover it (« Non couvert ») or did
not answer. Totals count, per vendor and per priority, each answer of the cadre de réponse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from requirements.rfp.cadre import ANSWERS

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


def cell_from(row: Mapping[str, object] | None) -> Cell:
    """One stored answer row (``AnswerSet.answers`` item) as a cell; None: no answer."""
    if row is None:
        return MISSING
    delay = row.get("delay_days")
    comment = str(row.get("comment") or "")
    return Cell(answer=str(row.get("answer") or NO_ANSWER),
                delay_days=delay if isinstance(delay, int) else None,
                cost=_decimal(row.get("cost")), comment=comment,
                excerpt=comment_excerpt(comment))


def cells_by_code(rows: Iterable[Mapping[str, object]]) -> dict[str, Cell]:
    """An imported answer set's rows keyed by requirement code."""
    return {str(row["code"]): cell_from(row) for row in rows}


# The filters and totals read the answers alone (strings): the page builds full cells
# only for the rows it shows, a few hundred objects instead of thousands per request.

def is_gap(answers: Sequence[str]) -> bool:
    """The vendors' answers differ (a blank counts as an answer of its own)."""
    return len(set(answers)) > 1


def is_uncovered(answers: Sequence[str]) -> bool:
    """At least one vendor cannot cover the need or left it unanswered."""
    return any(answer in (NOT_COVERED, NO_ANSWER) for answer in answers)


def keep_row(answers: Sequence[str], *, only_gaps: bool, only_uncovered: bool) -> bool:
    """Whether a row passes the « écarts » and « non couverts » filters (both may apply)."""
    return ((not only_gaps or is_gap(answers))
            and (not only_uncovered or is_uncovered(answers)))


def answer_totals(priorities: Sequence[str], columns: Sequence[Sequence[str]]
                  ) -> list[dict[str, dict[str, int]]]:
    """Per vendor: priority → answer (``TOTAL_COLUMNS``) → number of requirements.

    ``priorities[i]`` is the priority of row i; ``columns[v][i]`` vendor v's answer to it.
    An answer outside the cadre's list (not produced by the import) counts as no answer.
    """
    totals = []
    for answers in columns:
        counts: dict[str, dict[str, int]] = {}
        for priority, answer in zip(priorities, answers, strict=True):
            by_answer = counts.setdefault(priority, dict.fromkeys(TOTAL_COLUMNS, 0))
            by_answer[answer if answer in ANSWERS else NO_ANSWER] += 1
        totals.append(counts)
    return totals
