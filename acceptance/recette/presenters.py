"""What the campaign page shows of each case, written in Python: with 400 cases the page
must render in a few tens of milliseconds, and the template language spends that on the
two dozen variables of a row. Every value goes through ``format_html`` (escaped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
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


def campaign_rows(items: Sequence[CampaignCase], *, base_url: str, user_id: int,
                  can_prepare: bool, can_execute: bool,
                  anomaly_url: str | None) -> list[CampaignRow]:
    """Rows of the campaign page; the record form only where this member may record."""
    labels = dict(ExecutionResult.choices)
    unassigned, pending = _("à désigner"), _("À exécuter")
    rows = []
    for item in items:
        state = str(pending)
        if item.result and item.executed_at and item.executed_by:
            state = _("%(result)s — %(who)s, %(when)s") % {
                "result": labels.get(item.result, item.result),
                "who": item.executed_by.display_name,
                "when": french_datetime(item.executed_at)}
        rows.append(CampaignRow(
            pk=str(item.pk), code=item.code,
            title=item.title if len(item.title) <= 120 else item.title[:119] + "…",
            steps=item.steps, expected_result=item.expected_result,
            tester=item.tester.display_name if item.tester else unassigned,
            state=state, comment=item.comment, is_ko=item.result == ExecutionResult.KO,
            version=str(item.version), execute_url=f"{base_url}cas/{item.pk}/resultat/",
            anomaly_url=f"{anomaly_url}?case={item.case_id}" if anomaly_url else "",
            can_record=can_execute and (can_prepare or item.tester_id == user_id)))
    return rows


def result_options() -> SafeString:
    """The <option>s of the result list, written once for every row."""
    return format_html_join("", "<option value=\"{}\">{}</option>", ExecutionResult.choices)


ROW = (
    '<tr id="cas-{pk}"><th scope="row">{code}<br><small>{title}</small></th>'
    '<td><details><summary>{steps_label}<span class="visually-hidden"> — {code}</span>'
    '</summary><p class="pre-line">{steps}</p></details><p>{expected}</p></td>'
    '<td>{choose}{tester}</td><td>{state}{comment}{anomaly}{record}</td></tr>'
)
CHOOSE = ('<label><input type="checkbox" form="attribution" name="items" value="{}">'
          '<span class="visually-hidden">{} {}</span></label> ')
ANOMALY = '<br><a href="{}">{}<span class="visually-hidden"> — {}</span></a>'
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
    """The table body of the campaign page, every value escaped."""
    words = {"steps_label": _("Étapes"), "choose": _("Choisir"), "report": _("Signaler une "
             "anomalie"), "result_of": _("Résultat de"), "comment_on": _("Commentaire sur"),
             "record": _("Enregistrer")}
    options = result_options()
    parts = []
    for r in rows:
        record = format_html(
            RECORD, url=r.execute_url, csrf=csrf_token, version=r.version, pk=r.pk,
            code=r.code, result_of=words["result_of"], options=options,
            comment_on=words["comment_on"], record=words["record"]) if r.can_record else ""
        parts.append(format_html(
            ROW, pk=r.pk, code=r.code, title=r.title, steps_label=words["steps_label"],
            steps=r.steps, expected=r.expected_result,
            choose=format_html(CHOOSE, r.pk, words["choose"], r.code) if can_prepare else "",
            tester=r.tester, state=r.state,
            comment=format_html("<br>{}", r.comment) if r.comment else "",
            anomaly=format_html(ANOMALY, r.anomaly_url, words["report"], r.code)
            if r.is_ko and r.anomaly_url else "",
            record=record))
    return mark_safe("".join(parts))  # noqa: S308  (each part built by format_html)
