"""Filters of phase 4 pages and documents: French dates (« 1er décembre ») and amounts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django import template
from django.utils import timezone
from django.utils.formats import date_format

from msp_si.common.formats import euros

register = template.Library()


def _first(text: str, day: int) -> str:
    """French typography writes the first of a month « 1er »."""
    return text.replace("1 ", "1er ", 1) if day == 1 and text.startswith("1 ") else text


@register.filter
def fr_date(value: date | datetime | None) -> str:
    """« 1er décembre 2026 », « 23 novembre 2026 »; empty for no date."""
    if value is None or value == "":
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return _first(date_format(value, "j F Y"), value.day)


@register.filter
def fr_datetime(value: datetime | None) -> str:
    """« lundi 23 novembre 2026 à 12 h 30 », in Paris time."""
    if value is None or value == "":
        return ""
    local = timezone.localtime(value)
    text = _first(date_format(local, "j F Y"), local.day)
    return f"{date_format(local, 'l')} {text} à {local.hour}\u00a0h\u00a0{local.minute:02d}"


@register.filter
def fr_euros(value: Decimal | None) -> str:
    """« 12 500,00 € » with the narrow no-break spaces of the French formats."""
    return "" if value is None or value == "" else euros(Decimal(value))
