"""French long dates for the recette's pages and documents: « 1er décembre 2026»."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils.dateformat import format as date_format

register = template.Library()


@register.filter
def long_date(value: date | None) -> str:
    """« 1er décembre 2026 », « 18 décembre 2026 »; empty for no date."""
    if not value:
        return ""
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day} {date_format(value, 'F Y')}"
