"""The cadre de réponse workbook: its format, and the writer (step 8 annex, step 9).

Pure: plain data in, XLSX bytes out, no ORM. The format is shared with the import of
vendors' answers (phase 3), which finds the project, the grid version and each row's
requirement code on the hidden sheet, so it never trusts the order or the labels of the
visible columns. Every cell holding user text is written as a string: a requirement that
starts with « = » stays text in Excel and LibreOffice (formula injection).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from msp_si.common.typography import french_datetime, french_text

FORMAT_NAME = "msp-si/cadre-de-reponse"
FORMAT_VERSION = 1
META_SHEET = "msp_si"
GRID_SHEET = "Grille"
PRICE_SHEET = "Prix"
README_SHEET = "Mode d'emploi"

# Seed 001 step 9 and domain.md §5: the vendor's answer for each requirement.
ANSWERS: tuple[str, ...] = (
    "Standard",
    "Paramétrage",
    "Développement spécifique",
    "Version ultérieure",
    "Solution tierce",
    "Non couvert",
)


@dataclass(frozen=True)
class PriceLine:
    """One line of the price sheet: a stable key, what is priced and per which unit."""

    key: str
    label: str
    unit: str
    group: str


PRICE_LINES: tuple[PriceLine, ...] = (
    PriceLine("licence", "Licences du logiciel (achat)", "forfait", "Logiciel"),
    PriceLine("subscription_prescriber", "Abonnement, utilisateur prescripteur",
              "€ par utilisateur et par mois", "Logiciel"),
    PriceLine("subscription_other", "Abonnement, autre utilisateur",
              "€ par utilisateur et par mois", "Logiciel"),
    PriceLine("installation", "Installation", "forfait", "Mise en œuvre"),
    PriceLine("configuration", "Paramétrage", "forfait", "Mise en œuvre"),
    PriceLine("data_migration", "Reprise des données", "forfait", "Mise en œuvre"),
    PriceLine("training_day", "Formation", "€ par jour", "Mise en œuvre"),
    PriceLine("start_up_support", "Assistance au démarrage", "forfait", "Mise en œuvre"),
    PriceLine("hardware", "Matériel requis (serveur, postes, réseau)", "forfait",
              "Mise en œuvre"),
    PriceLine("maintenance_year", "Maintenance et support", "€ par an", "Récurrent"),
    PriceLine("hosting_year", "Hébergement certifié (HDS)", "€ par an", "Récurrent"),
    PriceLine("new_professional", "Arrivée d'un professionnel (reprise et paramétrage)",
              "€ par professionnel", "Prestations complémentaires"),
    PriceLine("extra_training_day", "Formation complémentaire", "€ par jour",
              "Prestations complémentaires"),
    PriceLine("new_configuration_day", "Nouveau paramétrage (indicateurs, protocoles)",
              "€ par jour", "Prestations complémentaires"),
    PriceLine("partial_reversibility", "Réversibilité partielle (départ d'un professionnel)",
              "€ par professionnel", "Prestations complémentaires"),
    PriceLine("full_reversibility", "Réversibilité totale en fin de contrat", "forfait",
              "Prestations complémentaires"),
)

GRID_HEADERS: tuple[tuple[str, int], ...] = (
    ("Code", 11), ("Domaine", 22), ("Sous-domaine", 22), ("Exigence", 60),
    ("Priorité", 14), ("Portée", 18),
    ("Réponse", 24), ("Délai (jours)", 12), ("Coût HT (€)", 13), ("Commentaire", 45),
)
FIRST_ANSWER_COLUMN = 7  # « Réponse »: the columns from here on are the vendor's
PRICE_HEADERS: tuple[tuple[str, int], ...] = (
    ("Rubrique", 26), ("Poste", 48), ("Unité", 28), ("Quantité", 11),
    ("Prix unitaire HT (€)", 18), ("Commentaire", 45),
)
FIRST_PRICE_ANSWER_COLUMN = 4


@dataclass(frozen=True)
class CadreRow:
    """A requirement as the vendor reads it."""

    code: str
    domain: str
    subdomain: str
    text: str
    priority: str
    scope: str


@dataclass(frozen=True)
class CadreData:
    """Everything the workbook shows, and the keys the import checks."""

    project_id: int
    project_name: str
    grid_version: int
    rows: Sequence[CadreRow]
    vendor_id: int | None = None
    vendor_name: str = ""
    response_deadline: str = ""
    price_lines: Sequence[PriceLine] = field(default=PRICE_LINES)


_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
_ANSWER_FILL = PatternFill("solid", fgColor="FFF8DC")
_WRAP = Alignment(wrap_text=True, vertical="top")
_UNLOCKED = Protection(locked=False)


def text_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Write user text that can never become a formula, whatever it starts with."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"  # openpyxl would otherwise store « =… » as a formula
    return cell


def prose_cell(sheet: Worksheet, row: int, column: int, value: str) -> Cell:
    """Text for a reader (instructions, explanations) with French typography, never a formula."""
    return text_cell(sheet, row, column, french_text(value))


def print_setup(sheet: Worksheet) -> None:
    """A4 landscape, one page wide, the header row repeated on every printed page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def _header(sheet: Worksheet, headers: Sequence[tuple[str, int]]) -> None:
    for column, (title, width) in enumerate(headers, start=1):
        cell = text_cell(sheet, 1, column, title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    print_setup(sheet)


def _protect(sheet: Worksheet) -> None:
    """Locked structure; the answer cells alone are unlocked (no password: a convenience,
    the import re-checks every value)."""
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _grid_sheet(sheet: Worksheet, data: CadreData) -> None:
    _header(sheet, GRID_HEADERS)
    last = len(data.rows) + 1
    for index, item in enumerate(data.rows, start=2):
        for column, value in enumerate((item.code, item.domain, item.subdomain, item.text,
                                        item.priority, item.scope), start=1):
            text_cell(sheet, index, column, value).alignment = _WRAP
        for column in range(FIRST_ANSWER_COLUMN, len(GRID_HEADERS) + 1):
            cell = sheet.cell(row=index, column=column)
            cell.protection, cell.fill, cell.alignment = _UNLOCKED, _ANSWER_FILL, _WRAP
    if len(data.rows):
        answer = DataValidation(
            type="list", formula1='"' + ",".join(ANSWERS) + '"', allow_blank=True,
            showErrorMessage=True, errorTitle="Réponse",
            error="Choisissez une réponse dans la liste.",
        )
        answer.add(f"G2:G{last}")
        delay = DataValidation(type="whole", operator="between", formula1="0",
                               formula2="3650", allow_blank=True, showErrorMessage=True,
                               error="Un nombre entier de jours (0 à 3650).")
        delay.add(f"H2:H{last}")
        cost = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                              allow_blank=True, showErrorMessage=True,
                              error="Un montant positif en euros, sans texte.")
        cost.add(f"I2:I{last}")
        for validation in (answer, delay, cost):
            sheet.add_data_validation(validation)
    _protect(sheet)


def _price_sheet(sheet: Worksheet, data: CadreData) -> None:
    _header(sheet, PRICE_HEADERS)
    for index, line in enumerate(data.price_lines, start=2):
        for column, value in enumerate((line.group, line.label, line.unit), start=1):
            text_cell(sheet, index, column, value).alignment = _WRAP
        for column in range(FIRST_PRICE_ANSWER_COLUMN, len(PRICE_HEADERS) + 1):
            cell = sheet.cell(row=index, column=column)
            cell.protection, cell.fill, cell.alignment = _UNLOCKED, _ANSWER_FILL, _WRAP
    last = len(data.price_lines) + 1
    numbers = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0",
                             allow_blank=True, showErrorMessage=True,
                             error="Un nombre positif, sans texte ni symbole.")
    numbers.add(f"D2:E{last}")
    sheet.add_data_validation(numbers)
    _protect(sheet)


def _readme_sheet(sheet: Worksheet, data: CadreData, generated_at: datetime) -> None:
    lines = [
        ("Cadre de réponse", ""),
        ("Projet", data.project_name),
        ("Prestataire consulté", data.vendor_name or "—"),
        ("Date limite de réponse", data.response_deadline or "—"),
        ("Version de la grille", str(data.grid_version)),
        ("Généré le", french_datetime(generated_at)),  # Paris time, as in the PDFs
        ("", ""),
        ("Comment répondre", ""),
        ("Feuille « Grille »", "Pour chaque exigence, choisissez une réponse dans la liste "
         "(colonne Réponse). Pour un développement spécifique ou une version ultérieure, "
         "indiquez le délai en jours et le coût hors taxes. Le commentaire précise la "
         "réponse."),
        ("Feuille « Prix »", "Indiquez les quantités et prix unitaires hors taxes, en "
         "nombres. Laissez vide ce qui ne s'applique pas et expliquez-le en commentaire."),
        ("À ne pas faire", "Ne renommez pas les feuilles, ne déplacez, n'ajoutez ni ne "
         "supprimez de lignes ou de colonnes, et n'écrivez pas de formules : le fichier "
         "est relu automatiquement à son retour."),
    ]
    for row, (label, value) in enumerate(lines, start=1):
        text_cell(sheet, row, 1, label).font = Font(bold=True)
        prose_cell(sheet, row, 2, value).alignment = _WRAP
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 90
    _protect(sheet)


def _meta_sheet(sheet: Worksheet, data: CadreData, generated_at: datetime) -> None:
    """Keys the import checks: format, project, grid version, vendor, row → code."""
    header = [
        ("format", FORMAT_NAME), ("format_version", str(FORMAT_VERSION)),
        ("project_id", str(data.project_id)), ("grid_version", str(data.grid_version)),
        ("vendor_id", "" if data.vendor_id is None else str(data.vendor_id)),
        ("generated_at", generated_at.isoformat(timespec="seconds")),
        ("requirement_rows", str(len(data.rows))), ("price_rows", str(len(data.price_lines))),
    ]
    for row, (key, value) in enumerate(header, start=1):
        text_cell(sheet, row, 1, key)
        text_cell(sheet, row, 2, value)
    start = len(header) + 2
    text_cell(sheet, start, 1, "sheet")
    text_cell(sheet, start, 2, "row")
    text_cell(sheet, start, 3, "key")
    keyed = [(GRID_SHEET, item.code) for item in data.rows] \
        + [(PRICE_SHEET, line.key) for line in data.price_lines]
    counters = {GRID_SHEET: 2, PRICE_SHEET: 2}
    for offset, (sheet_name, key) in enumerate(keyed, start=start + 1):
        text_cell(sheet, offset, 1, sheet_name)
        sheet.cell(row=offset, column=2, value=counters[sheet_name])
        counters[sheet_name] += 1
        text_cell(sheet, offset, 3, key)
    sheet.sheet_state = "veryHidden"
    _protect(sheet)


def cadre_de_reponse_xlsx(data: CadreData, *, generated_at: datetime) -> bytes:
    """The workbook a vendor fills: instructions, the grid, the prices, hidden keys."""
    workbook = Workbook()
    readme = cast(Worksheet, workbook.active)  # a new workbook opens on one worksheet
    readme.title = README_SHEET
    _readme_sheet(readme, data, generated_at)
    _grid_sheet(workbook.create_sheet(GRID_SHEET), data)
    _price_sheet(workbook.create_sheet(PRICE_SHEET), data)
    _meta_sheet(workbook.create_sheet(META_SHEET), data, generated_at)
    workbook.properties.title = f"Cadre de réponse — {data.project_name}"
    workbook.properties.creator = "MSP SI"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
