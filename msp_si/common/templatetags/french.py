"""Template filters for French dates, times and typography (built in: no ``{% load %}``).

One format per context: ``jour`` (« 1er novembre 2027 ») wherever a date is shown,
``jour_heure`` (« 1er novembre 2027 à 14 h ») for a moment, ``heure`` (« 14 h »).
"""

from __future__ import annotations

from datetime import date, datetime, time

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from msp_si.common import typography

register = template.Library()


@register.filter
def jour(value: date | datetime | None, arg: str = "") -> str:
    """« 1er novembre 2027 »; ``jour:"semaine"`` adds the weekday (« lundi 1er … »)."""
    if not value:
        return ""
    return typography.french_date(value, weekday=arg == "semaine")


@register.filter
def jour_heure(value: datetime | None, arg: str = "") -> str:
    """« 1er novembre 2027 à 14 h » (Paris time); ``jour_heure:"semaine"`` adds the weekday."""
    if not value:
        return ""
    return typography.french_datetime(value, weekday=arg == "semaine")


@register.filter
def heure(value: time | datetime | None) -> str:
    """« 14 h », « 9 h 05 »."""
    if not value:
        return ""
    return typography.french_time(value)


@register.filter
def mois(value: date | datetime | None) -> str:
    """« novembre 2027 »."""
    if not value:
        return ""
    return typography.french_month(value)


@register.filter(is_safe=True)
def typo(value: object) -> SafeString:
    """Escaped text with French spacing before « ; : ! ? », inside « » and before units."""
    escaped = conditional_escape(value if isinstance(value, str) else str(value))
    return mark_safe(typography.french_text(str(escaped)))  # noqa: S308  (escaped first)
