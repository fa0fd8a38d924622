"""The needs grid's rows as HTML, built in Python: the page of 400 rows and the htmx row.

Through the template language, each row was an include with some sixty variable lookups,
conditions and localisations: most of the grid's time. The words, links and option lists
are prepared once per page (``views.rows_prepare``, in ``row.text``); a row is then a few
string joins. One function writes the row for the page and for the htmx swap, so both
show the same markup. Every value is escaped here; the option lists and the CSRF input
are already safe.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from projects.choices import Profession

from .models import Priority
from .selectors import Row
from .services import RevisionConflict


@dataclass(frozen=True)
class RowPage:
    """What every row of one page shares, the choices' labels translated once."""

    is_frozen: bool
    show_mine: bool
    csrf_input: str
    professions: dict[str, str] = field(default_factory=dict)
    priorities: dict[str, str] = field(default_factory=dict)

    @classmethod
    def build(cls, *, is_frozen: bool, show_mine: bool, csrf_input: str) -> RowPage:
        return cls(is_frozen=is_frozen, show_mine=show_mine, csrf_input=csrf_input,
                   professions={k: str(v) for k, v in Profession.choices},
                   priorities={k: str(v) for k, v in Priority.choices})


@dataclass(frozen=True)
class RowOutcome:
    """The outcome of a save, shown on the row swapped back by htmx."""

    saved: bool = False
    conflict: RevisionConflict | None = None
    typed: str = ""
    error: str = ""
    typed_text: str = ""


NO_OUTCOME = RowOutcome()


def _conflict(outcome: RowOutcome) -> str:
    conflict = outcome.conflict
    if conflict is None:
        return f'<p class="field-error" role="alert">{escape(outcome.error)}</p>' \
            if outcome.error else ""
    parts = [f'<div class="conflict" role="alert"><p>{escape(conflict.message)}</p>']
    if conflict.changes:
        items = "".join(f"<li>{escape(c.label)} : « {escape(c.old)} » → « {escape(c.new)} »</li>"
                        for c in conflict.changes)
        parts.append(f'<ul class="compact">{items}</ul>')
    if outcome.typed:
        parts.append(f"<p><small>{escape(_('Votre saisie non enregistrée :'))} "
                     f"« {escape(outcome.typed)} »</small></p>")
    parts.append("</div>")
    return "".join(parts)


def row_html(row: Row, page: RowPage, outcome: RowOutcome = NO_OUTCOME) -> SafeString:
    """One ``<tr>`` of the grid (``row.text`` filled by ``views.rows_prepare``)."""
    r, t = row.requirement, row.text
    pk = str(r.pk)
    edit = row.can_edit and not page.is_frozen
    alert = outcome.conflict is not None or outcome.error
    css = ' class="row-alert"' if alert else (' class="row-saved"' if outcome.saved else "")
    out = [f'<tr id="req-row-{pk}"{css}><th scope="row">{escape(r.code)}</th><td>']
    if edit:
        typed = outcome.typed_text if outcome.error and outcome.typed_text else r.text
        out.append(f'<label class="visually-hidden" for="r{pk}-text">{escape(t["text_label"])}'
                   f'</label>\n<textarea id="r{pk}-text" name="r{pk}-text" form="req-{pk}" '
                   f'rows="3" maxlength="1000" required>{escape(typed)}</textarea>')
    else:
        out.append(linebreaksbr(r.text, autoescape=True))
    out.append(_conflict(outcome))
    out.append("</td><td>")
    if r.profession:
        out.append(escape(page.professions.get(r.profession, r.profession)))
    else:
        out.append(f'<span class="badge">{escape(t["transversal"])}</span>')
    out.append("</td><td>")
    if edit:
        out.append(f'<label class="visually-hidden" for="r{pk}-priority">'
                   f'{escape(t["priority_label"])}</label>\n<select id="r{pk}-priority" '
                   f'name="r{pk}-priority" form="req-{pk}">{t["priority_options"]}</select>')
    else:
        out.append(f'<span class="priority priority-{escape(r.priority)}">'
                   f"{escape(page.priorities.get(r.priority, r.priority))}</span>")
    if r.arbitration_reason:
        out.append(f"<br><small>{escape(t['arbitrated'])} {escape(r.arbitration_reason)}</small>")
    out.append("</td>")
    if page.show_mine:
        out.append("<td>")
        mine = row.my_priority
        if row.can_prioritise and not page.is_frozen:
            comment = escape(mine.comment) if mine else ""
            out.append(
                f'<label class="visually-hidden" for="r{pk}-my_priority">'
                f'{escape(t["my_priority_label"])}</label>\n<select id="r{pk}-my_priority" '
                f'name="r{pk}-my_priority" form="req-{pk}">{t["my_priority_options"]}</select>'
                f'\n<label class="visually-hidden" for="r{pk}-my_comment">'
                f'{escape(t["my_comment_label"])}</label>\n<input id="r{pk}-my_comment" '
                f'name="r{pk}-my_comment" form="req-{pk}" maxlength="300" value="{comment}" '
                f'placeholder="{escape(t["comment"])}">')
        elif mine:
            out.append(escape(page.priorities.get(mine.priority, mine.priority)))
        elif r.profession:
            out.append(f"<small>{escape(t['not_applicable'])}</small>")
        out.append("</td>")
    out.append('<td class="row-actions">')
    if row.is_editable and not page.is_frozen:
        save = escape(t["save_url"])
        status = escape(_("Enregistré")) if outcome.saved else ""
        out.append(
            f'<form id="req-{pk}" method="post" action="{save}" hx-post="{save}" '
            f'hx-trigger="submit, change from:closest tr" hx-target="closest tr" '
            f'hx-swap="outerHTML">\n{page.csrf_input}\n<input type="hidden" '
            f'name="r{pk}-revision" value="{r.revision}">\n<button id="save-{pk}" type="submit" '
            f'class="secondary outline" aria-label="{escape(t["save_label"])}">'
            f'{escape(t["save"])}</button>\n</form>\n<span class="save-status">{status}</span>\n')
    if edit:
        out.append(
            f'<form method="post" action="{escape(t["move_url"])}" class="inline-form">'
            f'\n{page.csrf_input}\n<button type="submit" name="direction" value="up" '
            f'class="secondary outline" aria-label="{escape(t["up_label"])}">↑</button>'
            f'\n<button type="submit" name="direction" value="down" class="secondary outline" '
            f'aria-label="{escape(t["down_label"])}">↓</button>\n</form>\n'
            f'<form method="post" action="{escape(t["remove_url"])}" class="inline-form">'
            f'\n{page.csrf_input}\n<button type="submit" class="secondary outline" '
            f'aria-label="{escape(t["remove_label"])}">{escape(t["remove"])}</button>\n'
            "</form>\n")
    if r.updated_by:
        when = date_filter(timezone.localtime(r.updated_at), "j/m/Y H:i")
        out.append(f'\n<small class="last-change">{escape(r.updated_by.display_name)}, '
                   f"{when}</small>")
    out.append("</td></tr>\n")
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped
