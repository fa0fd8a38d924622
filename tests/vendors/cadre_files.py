"""Build cadre de réponse files for the import tests: generated, filled, then damaged."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from requirements.cadre import (
    GRID_SHEET,
    PRICE_LINES,
    PRICE_SHEET,
    CadreData,
    CadreRow,
    cadre_de_reponse_xlsx,
)
from vendors.answers_import import ExpectedCadre

GENERATED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
PROJECT_ID, GRID_VERSION, VENDOR_ID = 42, 3, 7
CODES = ("DOS-001", "DOS-002", "COO-001", "COO-002", "SEC-001")
PRIORITIES = ("Indispensable", "Indispensable", "Important", "Souhaitable", "Important")


def cadre_data(**overrides: Any) -> CadreData:
    rows = [CadreRow(code=c, domain="Domaine", subdomain="Sous-domaine",
                     text=f"Exigence {c}", priority=p, scope="Transversal")
            for c, p in zip(CODES, PRIORITIES, strict=True)]
    values: dict[str, Any] = {"project_id": PROJECT_ID, "project_name": "MSP des Tilleuls",
                              "grid_version": GRID_VERSION, "rows": rows,
                              "vendor_id": VENDOR_ID, "vendor_name": "Éditeur fictif",
                              "response_deadline": "15/01/2027"}
    values.update(overrides)
    return CadreData(**values)


def expected(**overrides: Any) -> ExpectedCadre:
    values: dict[str, Any] = {"project_id": PROJECT_ID, "grid_version": GRID_VERSION,
                              "vendor_id": VENDOR_ID,
                              "requirements": dict(zip(CODES, PRIORITIES, strict=True))}
    values.update(overrides)
    return ExpectedCadre(**values)


def blank_cadre(**overrides: Any) -> bytes:
    return cadre_de_reponse_xlsx(cadre_data(**overrides), generated_at=GENERATED_AT)


DEFAULT_ANSWERS: dict[str, tuple[Any, Any, Any, Any]] = {
    "DOS-001": ("Standard", None, None, "Inclus"),
    "DOS-002": ("Paramétrage", 5, None, ""),
    "COO-001": ("Développement spécifique", 30, 2500, "Sur devis"),
    "COO-002": ("Non couvert", None, None, None),
    "SEC-001": ("Version ultérieure", 180, 0, "Prévu en 2027"),
}
DEFAULT_PRICES: dict[str, tuple[Any, Any, Any]] = {
    "licence": (1, 4000, "Licence perpétuelle"),
    "subscription_prescriber": (12, 89.5, ""),
    "training_day": (3, 950, "Sur site"),
}


def fill(content: bytes, answers: Mapping[str, Sequence[Any]] | None = None,
         prices: Mapping[str, Sequence[Any]] | None = None) -> bytes:
    """Type the vendor's answers into a generated cadre (by code and by price label)."""
    answers = DEFAULT_ANSWERS if answers is None else answers
    prices = DEFAULT_PRICES if prices is None else prices
    workbook = load_workbook(io.BytesIO(content))
    grid = workbook[GRID_SHEET]
    for row in range(2, grid.max_row + 1):
        values = answers.get(grid.cell(row=row, column=1).value)
        if values is not None:
            for offset, value in enumerate(values):
                cell = grid.cell(row=row, column=7 + offset)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
    sheet = workbook[PRICE_SHEET]
    labels = {line.label: line.key for line in PRICE_LINES}
    for row in range(2, sheet.max_row + 1):
        values = prices.get(labels.get(sheet.cell(row=row, column=2).value, ""))
        if values is not None:
            for offset, value in enumerate(values):
                cell = sheet.cell(row=row, column=4 + offset)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filled_cadre(**overrides: Any) -> bytes:
    return fill(blank_cadre(**overrides))


def rezip(content: bytes, *, replace: Mapping[str, bytes] | None = None,
          add: Mapping[str, bytes] | None = None,
          compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """The same workbook with parts replaced or added at the zip level."""
    replace = replace or {}
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item)))
        for name, data in (add or {}).items():
            target.writestr(name, data)
    return buffer.getvalue()


def part_of(content: bytes, name: str) -> bytes:
    return zipfile.ZipFile(io.BytesIO(content)).read(name)


def sheet_part(content: bytes, sheet_name: str) -> str:
    """The zip part of a sheet (openpyxl writes sheet1.xml… in workbook order)."""
    workbook = load_workbook(io.BytesIO(content))
    return f"xl/worksheets/sheet{workbook.sheetnames.index(sheet_name) + 1}.xml"
