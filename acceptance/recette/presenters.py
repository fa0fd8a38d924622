"""What the campaign page shows of each case, written in Python: with 400 cases the page
must render in a few tens of milliseconds, and the template language spends that on the
two dozen variables of a row. Every value is escaped once with the standard library's
``html.escape`` (Django's ``format_html`` costs a lazy-string check per value, 8,000 of them
on a 400-case page); the fixed words are translated once per page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from msp_si.common.typography import french_datetime

from .choices import ExecutionResult
from .models import CampaignCase


@dataclass(frozen=True)
class CampaignRow:
    """One case of the campaign page, ready to print."""

    pk: str
    code: str
    title: str
    steps: str
    expected_result: str
    tester: str
    state: str
    comment: str
    is_ko: bool
    version: str
    execute_url: str
    anomaly_url: str
    can_record: bool


def campaign_rows(items: Sequence[CampaignCase], *, names: Mapping[int, str], base_url: str,
                  user_id: int, can_prepare: bool, can_execute: bool,
                  anomaly_url: str | None) -> list[CampaignRow]:
    """Rows of the campaign page; the record form only where this member may record.

    ``names`` gives each tester's and executor's name by user id (read once per page).
    """
    labels = {code: str(label) for code, label in ExecutionResult.choices}
    unassigned, pending = _("à désigner"), _("À exécuter")
    state_text = _("%(result)s — %(who)s, %(when)s")
    when_text: dict[datetime, str] = {}  # results recorded in the same minute share it
    rows = []
    for item in items:
        state = pending
        if item.result and item.executed_at and item.executed_by_id:
            moment = item.executed_at.replace(second=0, microsecond=0)
            if moment not in when_text:
                when_text[moment] = french_datetime(moment)
            state = state_text % {"result": labels.get(item.result, item.result),
                                  "who": names.get(item.executed_by_id, ""),
                                  "when": when_text[moment]}
        rows.append(CampaignRow(
            pk=str(item.pk), code=item.code,
            title=item.title if len(item.title) <= 120 else item.title[:119] + "…",
            steps=item.steps, expected_result=item.expected_result,
            tester=names.get(item.tester_id, "") if item.tester_id else unassigned,
            state=state, comment=item.comment, is_ko=item.result == ExecutionResult.KO,
            version=str(item.version), execute_url=f"{base_url}cas/{item.pk}/resultat/",
            anomaly_url=f"{anomaly_url}?case={item.case_id}" if anomaly_url else "",
            can_record=can_execute and (can_prepare or item.tester_id == user_id)))
    return rows


def result_options() -> str:
    """The <option>s of the result list, written once for every row."""
    return "".join(f'<option value="{escape(code)}">{escape(str(label))}</option>'
                   for code, label in ExecutionResult.choices)


ROW = (
    '<tr id="cas-{pk}"><th scope="row">{code}<br><small>{title}</small></th>'
    '<td><details><summary>{steps_label}<span class="visually-hidden"> — {code}</span>'
    '</summary><p class="pre-line">{steps}</p></details><p>{expected}</p></td>'
    '<td>{choose}{tester}</td><td>{state}{comment}{anomaly}{record}</td></tr>'
)
CHOOSE = ('<label><input type="checkbox" form="attribution" name="items" value="{pk}">'
          '<span class="visually-hidden">{choose} {code}</span></label> ')
ANOMALY = '<br><a href="{url}">{report}<span class="visually-hidden"> — {code}</span></a>'
RECORD = (
    '<form method="post" action="{url}"><input type="hidden" name="csrfmiddlewaretoken" '
    'value="{csrf}"><input type="hidden" name="version" value="{version}">'
    '<label for="resultat-{pk}">{result_of} {code}</label>'
    '<select id="resultat-{pk}" name="result">{options}</select>'
    '<label for="commentaire-{pk}">{comment_on} {code}</label>'
    '<input id="commentaire-{pk}" name="comment" maxlength="2000">'
    '<button type="submit">{record}<span class="visually-hidden"> {code}</span></button>'
    '</form>'
)


def rows_html(rows: Sequence[CampaignRow], *, csrf_token: str, can_prepare: bool
              ) -> SafeString:
    """The table body of the campaign page, every value escaped (``html.escape``)."""
    words = {key: escape(str(text)) for key, text in (
        ("steps_label", _("Étapes")), ("choose", _("Choisir")),
        ("report", _("Signaler une anomalie")), ("result_of", _("Résultat de")),
        ("comment_on", _("Commentaire sur")), ("record", _("Enregistrer")))}
    options, csrf = result_options(), escape(csrf_token)
    parts = []
    for r in rows:
        pk, code = escape(r.pk), escape(r.code)
        record = RECORD.format(
            url=escape(r.execute_url), csrf=csrf, version=escape(r.version), pk=pk, code=code,
            result_of=words["result_of"], options=options, comment_on=words["comment_on"],
            record=words["record"]) if r.can_record else ""
        parts.append(ROW.format(
            pk=pk, code=code, title=escape(r.title), steps_label=words["steps_label"],
            steps=escape(r.steps), expected=escape(r.expected_result),
            choose=CHOOSE.format(pk=pk, choose=words["choose"], code=code)
            if can_prepare else "",
            tester=escape(r.tester), state=escape(r.state),
            comment=f"<br>{escape(r.comment)}" if r.comment else "",
            anomaly=ANOMALY.format(url=escape(r.anomaly_url), report=words["report"],
                                   code=code) if r.is_ko and r.anomaly_url else "",
            record=record))
    return mark_safe("".join(parts))  # noqa: S308  (every value escaped above)
