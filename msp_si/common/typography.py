"""French typography, applied once: spaces before high punctuation, quotes, units, dates.

An ARS reader or a vendor judges the MSP on its documents; French typography puts a narrow
no-break space (U+202F) before « ; : ! ? », a no-break space (U+00A0) inside « » and
between a number and « % » or « € », writes « 1er novembre » and « 14 h ». The PDF
pipeline passes every rendered document through ``french_html``; so does the template
backend for every HTML page and htmx fragment (``msp_si.common.templates``); spreadsheets
use ``french_text`` and the formatting functions below.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

NNBSP = "\u202f"  # narrow no-break space: before ; : ! ? and between groups of thousands
NBSP = "\u00a0"  # no-break space: inside « », before % and €, in « 14 h »
APOSTROPHE = "\u2019"

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

# A blank (or nothing) before high punctuation that follows a word, a closing bracket or
# a quote: « Objet : », « Pourquoi ? ». « 14:00 » and « https:// » have no blank and a
# character right after, so they are left alone.
_HIGH_PUNCTUATION = re.compile(
    r"(?:(?<=[\w\)\]»%€…])[ \t\r\n\u00a0\u202f]*|^[ \t\r\n\u00a0\u202f]+)([;:!?])(?=\s|$|<|»|\))"
)
_OPENING_QUOTE = re.compile(r"«[ \t\r\n\u00a0\u202f]*")
_CLOSING_QUOTE = re.compile(r"[ \t\r\n\u00a0\u202f]*»")
_UNIT = re.compile(r"(?<=\d)[ \t\u00a0\u202f]*([%€])")
_APOSTROPHE = re.compile(r"(?<=\w)(?:'|&#x27;|&#39;)(?=\w)")


# In escaped text, « &nbsp; » is the character itself; other entities (« &amp; »,
# « &quot; »…) are set aside while spacing is fixed, so that their « ; » is never spaced.
_NBSP_ENTITY = re.compile(r"&(?:nbsp|#160|#xa0);", re.IGNORECASE)
_ENTITY = re.compile(r"&#?\w+;")
_SET_ASIDE = 0xE000  # private-use characters stand for the entities meanwhile


def french_text(text: str, *, apostrophes: bool = True) -> str:
    """Plain (or HTML-escaped) text with French spacing and (unless told otherwise)
    typographic apostrophes."""
    text = _NBSP_ENTITY.sub(NBSP, text)
    if apostrophes:
        text = _APOSTROPHE.sub(APOSTROPHE, text)
    entities: list[str] = []

    def set_aside(match: re.Match[str]) -> str:
        entities.append(match.group())
        return chr(_SET_ASIDE + len(entities) - 1)

    text = _spacing(_ENTITY.sub(set_aside, text))
    for index, entity in enumerate(entities):
        text = text.replace(chr(_SET_ASIDE + index), entity)
    return text


def _spacing(text: str) -> str:
    """No-break spaces before high punctuation and units, inside « »."""
    text = _HIGH_PUNCTUATION.sub(NNBSP + r"\1", text)
    text = _OPENING_QUOTE.sub("«" + NBSP, text)
    text = _CLOSING_QUOTE.sub(NBSP + "»", text)
    return _UNIT.sub(NBSP + r"\1", text)


# Markup is split into tags and text; only text outside these elements is touched
# (a stylesheet's « a:hover » or a script's « x ? y : z » must stay as written).
_TAG = re.compile(r"(<[^>]*>)")
_RAW_ELEMENTS = ("style", "script", "pre", "code", "textarea")
_OPENING_RAW = re.compile(r"<({})\b".format("|".join(_RAW_ELEMENTS)), re.IGNORECASE)
_CLOSING_RAW = re.compile(r"</({})\s*>".format("|".join(_RAW_ELEMENTS)), re.IGNORECASE)


def french_html(html: str, *, apostrophes: bool = True) -> str:
    """An HTML document with ``french_text`` applied to its text nodes only.

    Idempotent: a fragment already spaced (an htmx partial inside a page) stays as it is.
    """
    parts = _TAG.split(html)
    raw_depth = 0
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            if _CLOSING_RAW.match(part):
                raw_depth = max(raw_depth - 1, 0)
            elif _OPENING_RAW.match(part) and not part.endswith("/>"):
                raw_depth += 1
        elif raw_depth == 0 and part:
            parts[index] = french_text(part, apostrophes=apostrophes)
    return "".join(parts)


def _local(value: datetime) -> datetime:
    """An aware datetime in the project's time zone (Europe/Paris); naive ones as they are."""
    return timezone.localtime(value) if timezone.is_aware(value) else value


def french_date(value: date | datetime, *, weekday: bool = False) -> str:
    """« 1er novembre 2027 », « 14 novembre 2027 », optionally « lundi 1er novembre 2027 »."""
    if isinstance(value, datetime):
        value = _local(value).date()
    day = "1er" if value.day == 1 else str(value.day)
    text = f"{day}{NBSP}{MONTHS[value.month - 1]} {value.year}"
    return f"{WEEKDAYS[value.weekday()]} {text}" if weekday else text


def french_time(value: time | datetime) -> str:
    """« 14 h », « 9 h 05 »: the hour as French prose writes it."""
    if isinstance(value, datetime):
        value = _local(value).time()
    hour = f"{value.hour}{NBSP}h"
    return f"{hour}{NBSP}{value.minute:02d}" if value.minute else hour


def french_datetime(value: datetime, *, weekday: bool = False) -> str:
    """« 1er novembre 2027 à 14 h » in Paris time."""
    local = _local(value)
    return f"{french_date(local, weekday=weekday)} à {french_time(local)}"


def french_month(value: date | datetime) -> str:
    """« novembre 2027 »."""
    if isinstance(value, datetime):
        value = _local(value).date()
    return f"{MONTHS[value.month - 1]} {value.year}"


def french_number(value: Decimal | float | int, places: int | None = None) -> str:
    """« 9 800,00 », « 1 » (not « 1.0 »): French decimals, thousands grouped (U+202F).

    Without ``places``, a Decimal keeps its significant decimals only.
    """
    number = Decimal(str(value)) if not isinstance(value, Decimal) else value
    if places is None:
        number = number.normalize()
        places = max(-number.as_tuple().exponent, 0)  # type: ignore[operator]  # finite here
    text = f"{number:,.{places}f}"
    return text.replace(",", NNBSP).replace(".", ",")


def french_euros(value: Decimal | float | int) -> str:
    """« 9 800,00 € »."""
    return f"{french_number(value, 2)}{NBSP}€"
