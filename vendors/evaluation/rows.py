"""Rows of the step 11 analysis written in Python, once per page.

The eliminatory checks (offers × criteria, each with its decision form) and the cost
tables (offers × lines × years) were the page's repeated template work: a dozen
translations, a ``{% url %}`` and a ``{% csrf_token %}`` per check, a loop over the cost
kinds and a ``floatformat`` per amount. Words are translated once per page, the link
reversed once per offer; every value is escaped. Same markup as the template wrote.
"""

from __future__ import annotations

from html import escape

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from msp_si.common.rows import row_url

from .cost import COST_KIND_LABELS, CostResult
from .eliminatory import Check
from .selectors import OfferAnalysis


def checks_html(offer: OfferAnalysis, *, project_pk: int, can_decide: bool,
                csrf: str) -> SafeString:
    """The ``<tr>`` of each eliminatory criterion of ``offer``."""
    outcomes = {Check.PASSED: escape(_("satisfait")), Check.FAILED: escape(_("non satisfait")),
                Check.PENDING: escape(_("à décider"))}
    data, recorded = escape(_("les données")), escape(_("décision enregistrée"))
    record, revise = escape(_("Enregistrer la décision")), escape(_("Réviser la décision"))
    decision, met, not_met = (escape(_("Décision")), escape(_("Critère satisfait")),
                              escape(_("Critère non satisfait : offre éliminée")))
    reason, save = escape(_("Motif")), escape(_("Enregistrer"))
    assessment = offer.assessment.pk
    decide = row_url("vendors:eliminatory-decide", row_kwarg="criterion_pk",
                     project_pk=project_pk, assessment_pk=assessment)
    out = []
    for row in offer.checks:
        result, criterion = row.result, row.criterion
        outcome = escape(str(result.outcome))
        who = data if result.is_automatic else ("—" if result.outcome == Check.PENDING
                                                else recorded)
        out.append(f'<tr class="check-row-{outcome}">\n<th scope="row">'
                   f"{escape(criterion.label)}</th>\n"
                   f'<td><span class="check check-{outcome}">'
                   f"{outcomes.get(result.outcome, outcomes[Check.PENDING])}</span></td>\n"
                   f"<td>{who}</td>\n<td>{escape(result.reason)}\n")
        if can_decide and not result.is_automatic:
            key = f"{assessment}-{criterion.pk}"
            summary = record if result.outcome == Check.PENDING else revise
            out.append(
                f"<details>\n<summary>{summary}</summary>\n"
                f'<form method="post" action="{escape(decide(criterion.pk))}">\n{csrf}\n'
                f'<label for="met-{key}">{decision}</label>\n'
                f'<select name="is_met" id="met-{key}" required>\n'
                f'<option value="yes">{met}</option>\n<option value="no">{not_met}</option>\n'
                f"</select>\n"
                f'<label for="reason-{key}">{reason}</label>\n'
                f'<textarea name="reason" id="reason-{key}" rows="2" maxlength="1000" required>'
                f"</textarea>\n"
                f'<button type="submit">{save}</button>\n</form>\n</details>\n')
        out.append("</td>\n</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped


def cost_html(cost: CostResult) -> SafeString:
    """The ``<tr>`` of each cost line: its kind, amount per year, total and basis."""
    kinds = {kind: escape(str(label)) for kind, label in COST_KIND_LABELS.items()}
    out = []
    for line in cost.lines:
        years = "".join(f"<td>{floatformat(amount, '2g')}</td>" for amount in line.per_year)
        out.append(f'<tr>\n<th scope="row">{escape(line.label)}</th>\n'
                   f"<td>{kinds.get(line.kind, '')}</td>\n{years}\n"
                   f"<td>{floatformat(line.total, '2g')}</td>\n"
                   f"<td>{escape(line.basis)}</td>\n</tr>\n")
    return mark_safe("".join(out))  # noqa: S308 — every value above is escaped
