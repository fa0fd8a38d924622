"""Template filter for amounts: « 9 800,00 € » with French grouping and spaces."""

from __future__ import annotations

from decimal import Decimal

from django import template

from msp_si.common.formats import euros as format_euros

register = template.Library()


@register.filter
def euros(value: Decimal | None) -> str:
    """An amount in euros to the cent, or a dash when there is none."""
    return "—" if value is None else format_euros(Decimal(value))
