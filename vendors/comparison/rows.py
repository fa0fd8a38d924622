"""The comparison's rows as HTML, built in Python once per page.

Five offers × 400 needs are 2,000 cells: through the template language each cell cost a
dozen variable lookups, conditions and a localisation, most of the page's time. The words
are translated once per page; each row is then a few string joins. The markup is the
one the template wrote (same classes, same headers), so the page reads the same.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import floatformat, linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .rules import Cell
from .selectors import CompareRow


def _cell(cell: Cell, delay_word: str) -> str:
    """One vendor's answer: label, then delay and cost, then the comment."""
    parts = [f'<td class="answer answer-{cell.css}">{escape(cell.label)}']
    if cell.has_work:
        parts.append("<br><small>")
        if cell.delay_days is not None:
            parts.append(f"{delay_word} {cell.delay_days} j")
        if cell.cost is not None:
            parts.append(f" · {floatformat(cell.cost, '0g')} € HT")
        parts.append("</small>")
    if cell.comment:
        if cell.is_shortened:
            parts.append(f"<details><summary>{escape(cell.excerpt)}</summary>"
                         f"<p>{linebreaksbr(cell.comment, autoescape=True)}</p></details>")
        else:
            parts.append(f"<br><small>{escape(cell.comment)}</small>")
    parts.append("</td>")
    return "".join(parts)


def rows_html(rows: list[CompareRow]) -> SafeString:
    """The ``<tr>`` of each row, every value escaped."""
    delay_word = escape(_("délai"))
    html = []
    for row in rows:
        gap = ' class="compare-gap"' if row.is_gap else ""
        cells = "".join(_cell(cell, delay_word) for cell in row.cells)
        html.append(f'<tr{gap}><th scope="row">{escape(row.code)}</th>'
                    f"<td>{escape(row.subdomain)}</td><td>{escape(row.text)}</td>"
                    f"<td>{escape(row.priority_label)}</td>{cells}</tr>\n    ")
    return mark_safe("".join(html))  # noqa: S308 — every value above is escaped
