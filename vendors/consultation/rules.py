"""Rules of step 9 « consultation », as plain data: no ORM, no request."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from decimal import Decimal

from django.utils.translation import gettext as _

from requirements.rfp.cadre import ANSWERS

from ..market.rules import MAX_KEPT, RECOMMENDED_KEPT


def consulted_count_warning(count: int) -> str | None:
    """The method's advice on how many vendors to consult (at most five, three is best)."""
    if count > MAX_KEPT:
        return _("%(n)d prestataires consultés : la méthode en conseille %(rec)d, %(max)d au "
                 "plus. Les réponses seront longues à analyser.") % {
            "n": count, "rec": RECOMMENDED_KEPT, "max": MAX_KEPT}
    return None


def deadline_end(deadline: date, zone: tzinfo) -> datetime:
    """The last instant an answer is on time: the end of the deadline day, locally."""
    return datetime.combine(deadline + timedelta(days=1), time.min, tzinfo=zone)


def is_late(received_at: datetime, deadline: date | None, zone: tzinfo) -> bool:
    """Received after the deadline day (never late when no deadline is set)."""
    return deadline is not None and received_at >= deadline_end(deadline, zone)


def link_is_open(now: datetime, deadline: date | None, zone: tzinfo) -> bool:
    """The vendor's secret link works until the end of the deadline day."""
    return deadline is not None and now < deadline_end(deadline, zone)


@dataclass(frozen=True)
class AnswersSummary:
    """A vendor's current answers counted, for the consultation page and the scoring."""

    answered: int
    missing: int
    by_answer: dict[str, int]
    # Priority code → answer → count ("" = no answer).
    by_priority: dict[str, dict[str, int]]
    price_total: Decimal
    prices: dict[str, Decimal | None] = field(default_factory=dict)


def answers_summary(answers: Iterable[Mapping[str, object]],
                    prices: Iterable[Mapping[str, object]]) -> AnswersSummary:
    """Count stored answers per answer and per priority; add up the price lines."""
    rows = list(answers)
    by_answer = Counter(str(r.get("answer") or "") for r in rows)
    by_priority: dict[str, Counter[str]] = {}
    for row in rows:
        by_priority.setdefault(str(row.get("priority") or ""), Counter())[
            str(row.get("answer") or "")] += 1
    totals: dict[str, Decimal | None] = {}
    for line in prices:
        total = line.get("total")
        totals[str(line["key"])] = None if total in (None, "") else Decimal(str(total))
    return AnswersSummary(
        answered=sum(n for a, n in by_answer.items() if a),
        missing=by_answer.get("", 0),
        by_answer={a: by_answer.get(a, 0) for a in ANSWERS},
        by_priority={p: dict(c) for p, c in by_priority.items()},
        price_total=sum((t for t in totals.values() if t is not None), Decimal(0)),
        prices=totals,
    )
