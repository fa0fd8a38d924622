"""The dossier de choix's analysis grid as a workbook: one sheet per part of the analysis.

Values only (numbers as numbers, user text always as text, never a formula), so the
grid can be sorted and filtered in a spreadsheet and matches the PDF figure for figure.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from msp_si.common.typography import french_date
from projects.documents.builders import DocumentMeta
from requirements.rfp.cadre import print_setup, prose_cell, text_cell

from ..evaluation.eliminatory import Check
from .selectors import DossierData

_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
_WRAP = Alignment(wrap_text=True, vertical="top")
# Number formats are stored locale-neutral: « 9 800,00 € » in a French spreadsheet.
MONEY = '#,##0.00\\ [$€-40C]'
POINTS = "0.00"
DAY = "dd/mm/yyyy"
MOMENT = "dd/mm/yyyy hh:mm"

SHEETS = ("Classement", "Éliminatoires", "Scores", "Coût", "Auditions", "Vote")


def _outcome_label(outcome: str) -> str:
    labels: dict[str, str] = {Check.PASSED: _("satisfait"), Check.FAILED: _("non satisfait")}
    return labels.get(outcome, _("à décider"))


def _verdict_label(verdict: str) -> str:
    labels: dict[str, str] = {Check.PASSED: _("non éliminée"), Check.FAILED: _("éliminée")}
    return labels.get(verdict, _("en attente"))


class _Sheet:
    """Appends rows to a sheet: text as text, Decimals as numbers with a format."""

    def __init__(self, sheet: Worksheet, headers: Sequence[tuple[str, int]]) -> None:
        self.sheet, self.row = sheet, 1
        for column, (title, width) in enumerate(headers, start=1):
            cell = text_cell(sheet, 1, column, title)
            cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
            sheet.column_dimensions[get_column_letter(column)].width = width
        sheet.freeze_panes = "B2"
        print_setup(sheet)

    def add(self, *values: str | int | Decimal | date | None,
            money: Sequence[int] = ()) -> None:
        """One row; Decimals in the ``money`` columns (1-based) are euros, others points."""
        self.row += 1
        for column, value in enumerate(values, start=1):
            if value is None:
                continue
            if isinstance(value, str):
                prose_cell(self.sheet, self.row, column, value).alignment = _WRAP
                continue
            cell = self.sheet.cell(row=self.row, column=column)
            if isinstance(value, date):
                # openpyxl refuses aware datetimes: the Paris wall-clock time, as printed.
                if isinstance(value, datetime):
                    cell.value = timezone.localtime(value).replace(tzinfo=None, second=0,
                                                                  microsecond=0)
                    cell.number_format = MOMENT
                else:
                    cell.value, cell.number_format = value, DAY
                continue
            cell.value = float(value) if isinstance(value, Decimal) else value
            if isinstance(value, Decimal):
                cell.number_format = MONEY if column in money else POINTS


def _ranking(sheet: _Sheet, data: DossierData) -> None:
    for r in data.analysis.ranking:
        sheet.add(r.position, r.candidate.name, r.candidate.score, r.candidate.cost,
                  r.tie_break or "", money=(4,))
    for offer in data.offers:
        if offer.unranked_reason:
            sheet.add(None, str(offer.assessment.vendor), None, None, offer.unranked_reason)


def _eliminatory(sheet: _Sheet, data: DossierData) -> None:
    for offer in data.offers:
        for row in offer.checks:
            sheet.add(str(offer.assessment.vendor), row.criterion.label,
                      str(_outcome_label(row.result.outcome)),
                      str(_("les données") if row.result.is_automatic
                          else _("décision enregistrée")), row.result.reason,
                      str(_verdict_label(offer.verdict)))


def _scores(sheet: _Sheet, data: DossierData) -> None:
    for offer in data.offers:
        if offer.score is None:
            continue
        for line in offer.score.lines:
            sheet.add(str(offer.assessment.vendor), line.label, line.weight, line.value,
                      line.contribution, line.explanation)
        sheet.add(str(offer.assessment.vendor), str(_("Total sur 100")), None, None,
                  offer.score.total, "" if offer.score.total is not None
                  else str(_("incomplet")))


def _cost(sheet: _Sheet, data: DossierData) -> None:
    years = data.analysis.config.settings.horizon_years
    euros = range(3, years + 4)  # every year, then the total
    for offer in data.offers:
        if offer.cost is None:
            sheet.add(str(offer.assessment.vendor), str(_("Réponse non reçue")))
            continue
        for line in offer.cost.lines:
            sheet.add(str(offer.assessment.vendor), line.label, *line.per_year,
                      line.total, line.basis, money=euros)
        sheet.add(str(offer.assessment.vendor), str(_("Total")), *offer.cost.per_year,
                  offer.cost.total, money=euros)


def _auditions(sheet: _Sheet, data: DossierData) -> None:
    for audition in data.auditions:
        complements = "\n".join(f"{french_date(received)} : {summary}"
                                for received, summary in audition.complements)
        sheet.add(audition.vendor_label, audition.held_on, audition.synthesis, complements)


def _votes(sheet: _Sheet, data: DossierData) -> None:
    for result in data.votes:
        vote, outcome = result.vote, result.outcome
        for count in outcome.counts:
            sheet.add(vote.question, vote.closed_at,
                      count.label, count.count, count.share, outcome.participants,
                      outcome.eligible, str(_("oui") if outcome.is_quorum_reached
                                             else _("non")), outcome.reason)


def dossier_grid_xlsx(data: DossierData, meta: DocumentMeta) -> bytes:
    """The analysis grid of the dossier de choix (kind DOSSIER_DE_CHOIX_GRID)."""
    years = data.analysis.config.settings.horizon_years
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook opens on
    layout = (
        (_ranking, [(_("Rang"), 8), (_("Offre"), 36), (_("Score sur 100"), 14),
                    (_("Coût total HT"), 16), (_("Départage ou motif"), 60)]),
        (_eliminatory, [(_("Offre"), 36), (_("Critère"), 40), (_("Résultat"), 14),
                        (_("Vérifié par"), 20), (_("Motif"), 60), (_("Verdict"), 12)]),
        (_scores, [(_("Offre"), 36), (_("Critère"), 32), (_("Poids (%)"), 10),
                   (_("Valeur sur 100"), 14), (_("Apport au score"), 14),
                   (_("Explication"), 60)]),
        (_cost, [(_("Offre"), 36), (_("Poste"), 40),
                 *[(_("Année %d") % y, 14) for y in range(1, years + 1)],
                 (_("Total"), 16), (_("Calcul"), 50)]),
        (_auditions, [(_("Offre"), 36), (_("Audition le"), 14), (_("Synthèse"), 80),
                      (_("Compléments reçus"), 60)]),
        (_votes, [(_("Question"), 40), (_("Clos le"), 18), (_("Option"), 36),
                  (_("Voix"), 8), (_("Part (%)"), 10), (_("Votants"), 10),
                  (_("Ayant droit"), 12), (_("Quorum atteint"), 14), (_("Résultat"), 60)]),
    )
    for title, (fill, headers) in zip(SHEETS, layout, strict=True):
        fill(_Sheet(workbook.create_sheet(title), [(str(h), w) for h, w in headers]), data)
    workbook.properties.title = f"Dossier de choix — {data.project.name} — v{meta.version}"
    workbook.properties.creator = "MSP SI"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
