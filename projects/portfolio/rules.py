"""Sorting the portfolio by one of its columns. Pure: no ORM, no request."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")

ASCENDING, DESCENDING = "asc", "desc"


@dataclass(frozen=True)
class SortOrder:
    """The column the rows are sorted by and in which direction."""

    key: str
    descending: bool

    @property
    def direction(self) -> str:
        return DESCENDING if self.descending else ASCENDING


def sort_order(*, key: str, direction: str, allowed: Sequence[str], default: str) -> SortOrder:
    """The requested order, or the default column ascending when the request names an
    unknown column (a hand-edited link is not an error worth a message)."""
    if key not in allowed:
        return SortOrder(default, descending=False)
    return SortOrder(key, descending=direction == DESCENDING)


def next_direction(*, column: str, current: SortOrder) -> str:
    """A column's link: reverses the order of the current column, else ascending."""
    if column == current.key and not current.descending:
        return DESCENDING
    return ASCENDING


def sorted_rows(rows: Sequence[T], *, value: Callable[[T], Any], name: Callable[[T], str],
                descending: bool) -> list[T]:
    """Rows by ``value``; rows without a value last whatever the direction, equal values
    by name (deterministic)."""
    present = sorted((r for r in rows if value(r) is not None), key=name)
    present.sort(key=value, reverse=descending)
    missing = sorted((r for r in rows if value(r) is None), key=name)
    return present + missing
