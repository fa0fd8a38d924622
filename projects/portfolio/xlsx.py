"""The portfolio as a spreadsheet: the rows as the page shows them, in the same order,
with numbers as numbers (amounts in euros, percentages) so that they can be summed."""

from __future__ import annotations

import io
from datetime import datetime
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from msp_si.common.typography import french_datetime

from .selectors import Portfolio, PortfolioRow

EURO_FORMAT = '#,##0.00\\ "€"'
WIDTHS = {"msp": 32, "role": 20, "phase": 28, "jalon": 36, "risques": 48}


def _risks(row: PortfolioRow) -> str:
    return " ; ".join(f"{risk} ({risk.criticality})" for risk in row.top_risks)


def _cells(row: PortfolioRow, keys: list[str]) -> list[object]:
    milestone = row.next_milestone
    base: dict[str, object] = {
        "msp": row.project.name, "role": row.role_label,
        "phase": f"{row.phase.number}. {row.phase.title}", "avancement": row.progress / 100,
        "retard": row.late_steps,
        "jalon": f"{milestone.title} — {milestone.due_on.isoformat()}" if milestone else "",
        "engage": row.committed, "paye": row.paid, "risques": _risks(row),
    }
    for key, figure in row.figures.items():
        base[key] = figure.value
    return [base.get(key) for key in keys]


def portfolio_xlsx(portfolio: Portfolio, *, generated_at: datetime, owner: str) -> bytes:
    """One sheet: a title line, the header, one line per project."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook always has its first sheet
    sheet.title = _("Portefeuille")
    sheet.append([_("Portefeuille de %(who)s au %(when)s") % {
        "who": owner, "when": french_datetime(generated_at)}])
    sheet["A1"].font = Font(bold=True, size=13)
    keys = ["msp", "role", *[c.key for c in portfolio.columns if c.key != "msp"]]
    labels = {c.key: str(c.label) for c in portfolio.columns}
    labels["role"] = _("Rôle")
    sheet.append([labels[key] for key in keys])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in portfolio.rows:
        sheet.append(_cells(row, keys))
    for index, key in enumerate(keys, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = WIDTHS.get(key, 16)
        for (cell,) in sheet.iter_rows(min_row=3, min_col=index, max_col=index):
            if key in ("engage", "paye"):
                cell.number_format = EURO_FORMAT
            elif key == "avancement":
                cell.number_format = "0 %"
            elif key == "recette" and isinstance(cell.value, Decimal):
                cell.value = cell.value / 100
                cell.number_format = "0.0 %"
    sheet.freeze_panes = "B3"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
