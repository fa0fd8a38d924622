"""What the contract carries over from the choice: pure rules, no ORM.

Step 11 (001, « Contenu des travaux »): the contract must carry the structuring needs of the
cahier des charges and the answers to the offer's weak points. Every Indispensable or
Important need the chosen offer does not cover in standard becomes an obligation of the
vendor, with the delay and cost it stated in its answer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

# Priorities of the needs grid that bind the vendor (requirements Priority values).
BINDING_PRIORITIES = ("essential", "important")
# The answer of the cadre de réponse that needs nothing more from the vendor.
NATIVE_ANSWER = "Standard"
# Method, step 14 recommendations: a contractual period of heightened responsiveness after
# the user recette.
REACTIVITY_MONTHS = 2


@dataclass(frozen=True)
class NeedLine:
    """A need of the frozen grid as the contract sees it."""

    requirement_id: int
    code: str
    text: str
    priority: str


@dataclass(frozen=True)
class ObligationDraft:
    """An obligation proposed from the chosen answer to one need."""

    requirement_id: int
    code: str
    text: str
    priority: str
    answer: str
    promised_on: date | None
    promised_cost: Decimal | None
    vendor_comment: str


def _cost(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def obligation_drafts(needs: Iterable[NeedLine], answers: Iterable[Mapping[str, object]],
                      *, chosen_on: date) -> list[ObligationDraft]:
    """Binding needs not answered « Standard » (a blank answer binds too), in grid order.

    The promised date is the choice date plus the delay the vendor stated in days.
    """
    by_code = {str(a.get("code")): a for a in answers}
    drafts = []
    for need in needs:
        if need.priority not in BINDING_PRIORITIES:
            continue
        answer = by_code.get(need.code, {})
        label = str(answer.get("answer") or "")
        if label == NATIVE_ANSWER:
            continue
        delay = answer.get("delay_days")
        promised_on = chosen_on + timedelta(days=int(str(delay))) \
            if isinstance(delay, int) or (isinstance(delay, str) and delay.isdigit()) else None
        drafts.append(ObligationDraft(
            requirement_id=need.requirement_id, code=need.code, text=need.text,
            priority=need.priority, answer=label, promised_on=promised_on,
            promised_cost=_cost(answer.get("cost")),
            vendor_comment=str(answer.get("comment") or "")[:500],
        ))
    return drafts


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the month's last day (31 Jan + 1 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # unreachable: every month has a 28th


def contract_ends_on(signed_on: date | None, duration_months: int | None) -> date | None:
    """The end of the contract, or None while its signature or duration is unknown."""
    if signed_on is None or not duration_months:
        return None
    return add_months(signed_on, duration_months)


def is_link_open(*, ends_on: date | None, today: date) -> bool:
    """The vendor's link works during the contract (an open-ended one: until revoked)."""
    return ends_on is None or today < ends_on
