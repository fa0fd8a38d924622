"""Helpers for pages of hundreds of rows: what every row repeats is computed once per page.

Profiled on the needs grid, per-row ``{% url %}``, ``{% blocktranslate %}``, option loops
and ``{% csrf_token %}`` made most of the rendering time; the page now builds them here
once and the row template only prints strings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# An id no row has: reversed once, then replaced by each row's id.
_SENTINEL = 987_654_321_987


def row_url(name: str, *, row_kwarg: str, **kwargs: Any) -> Callable[[int], str]:
    """``reverse(name)`` for many rows: one resolution, then a replacement per row."""
    pattern = reverse(name, kwargs={**kwargs, row_kwarg: _SENTINEL})
    marker = str(_SENTINEL)

    def url(pk: int) -> str:
        return pattern.replace(marker, str(pk))

    return url


def select_options(choices: Iterable[tuple[Any, Any]], *,
                   with_empty: str = "") -> dict[str, SafeString]:
    """The ``<option>`` list of a select, once per selected value (``""``: none selected).

    ``with_empty`` adds a first, selected, empty option to the list for no value.
    """
    pairs = [(str(value), str(label)) for value, label in choices]

    def render(selected: str) -> SafeString:
        options = format_html_join(
            "", '<option value="{}"{}>{}</option>',
            ((value, " selected" if value == selected else "", label)
             for value, label in pairs))
        if selected == "" and with_empty:
            return format_html('<option value="" selected>{}</option>{}', with_empty, options)
        return options

    return {value: render(value) for value in ["", *(value for value, _ in pairs)]}
