"""The cadre de réponse workbook, read back with openpyxl and opened by LibreOffice."""

from __future__ import annotations

import csv
import io
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from requirements.rfp.cadre import (
    ANSWERS,
    GRID_SHEET,
    META_SHEET,
    PRICE_LINES,
    PRICE_SHEET,
    CadreData,
    CadreRow,
    cadre_de_reponse_xlsx,
)

GENERATED_AT = datetime(2026, 11, 23, 9, 30, tzinfo=UTC)
# LibreOffice's CSV filter options: comma, double quote, UTF-8, …, sheet number 2.
CSV_OF_SECOND_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2"
HOSTILE = "=HYPERLINK(\"http://exemple.invalid\",\"cliquez\")"


def _data(rows: int = 3) -> CadreData:
    items = [
        CadreRow(code=f"DP-{n:03d}", domain="Dossier patient", subdomain="Synthèse",
                 text=f"Exigence numéro {n}", priority="Indispensable", scope="Transversal")
        for n in range(1, rows + 1)
    ]
    items.append(CadreRow(code="CO-001", domain="Coordination", subdomain="Agenda",
                          text=HOSTILE, priority="Souhaitable", scope="Infirmier·ère"))
    return CadreData(project_id=42, project_name="MSP des Tilleuls", grid_version=3,
                     rows=items, vendor_id=7, vendor_name="Éditeur fictif",
                     response_deadline="15/01/2027")


@pytest.fixture
def workbook_bytes() -> bytes:
    return cadre_de_reponse_xlsx(_data(), generated_at=GENERATED_AT)


def test_one_row_per_requirement_with_the_answer_columns(workbook_bytes: bytes) -> None:
    grid = load_workbook(io.BytesIO(workbook_bytes))[GRID_SHEET]
    rows = list(grid.iter_rows(values_only=True))
    assert rows[0][:7] == ("Code", "Domaine", "Sous-domaine", "Exigence", "Priorité",
                           "Portée", "Réponse")
    assert [r[0] for r in rows[1:]] == ["DP-001", "DP-002", "DP-003", "CO-001"]
    assert rows[1][1:6] == ("Dossier patient", "Synthèse", "Exigence numéro 1",
                            "Indispensable", "Transversal")


def test_answers_come_from_a_drop_down_and_numbers_are_checked(workbook_bytes: bytes) -> None:
    grid = load_workbook(io.BytesIO(workbook_bytes))[GRID_SHEET]
    validations = {str(v.sqref): v for v in grid.data_validations.dataValidation}
    assert validations["G2:G5"].type == "list"
    assert validations["G2:G5"].formula1 == '"' + ",".join(ANSWERS) + '"'
    assert (validations["H2:H5"].type, validations["I2:I5"].type) == ("whole", "decimal")


def test_structure_is_protected_and_only_answers_are_unlocked(workbook_bytes: bytes) -> None:
    grid = load_workbook(io.BytesIO(workbook_bytes))[GRID_SHEET]
    assert grid.protection.sheet is True
    assert [grid.cell(row=2, column=c).protection.locked for c in range(1, 11)] == \
        [True] * 6 + [False] * 4


def test_user_text_starting_with_equals_stays_text(workbook_bytes: bytes) -> None:
    grid = load_workbook(io.BytesIO(workbook_bytes))[GRID_SHEET]
    cell = grid["D5"]
    assert (cell.value, cell.data_type) == (HOSTILE, "s")


def test_the_hidden_sheet_carries_project_grid_vendor_and_row_keys(workbook_bytes) -> None:
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    meta = workbook[META_SHEET]
    assert meta.sheet_state == "veryHidden"
    values = {r[0]: r[1] for r in meta.iter_rows(min_row=1, max_row=8, values_only=True)}
    assert values["project_id"] == "42"
    assert values["grid_version"] == "3"
    assert values["vendor_id"] == "7"
    keys = list(meta.iter_rows(min_row=11, values_only=True))
    assert keys[:4] == [("Grille", 2, "DP-001"), ("Grille", 3, "DP-002"),
                        ("Grille", 4, "DP-003"), ("Grille", 5, "CO-001")]
    assert [k[2] for k in keys[4:]] == [line.key for line in PRICE_LINES]


def test_the_price_sheet_lists_every_priced_item(workbook_bytes: bytes) -> None:
    prices = load_workbook(io.BytesIO(workbook_bytes))[PRICE_SHEET]
    labels = [r[1] for r in prices.iter_rows(min_row=2, values_only=True)]
    assert labels == [line.label for line in PRICE_LINES]
    assert "Réversibilité partielle (départ d'un professionnel)" in labels


def test_libreoffice_opens_it_and_keeps_user_text_as_text(workbook_bytes: bytes,
                                                         tmp_path: Path) -> None:
    source = tmp_path / "cadre.xlsx"
    source.write_bytes(workbook_bytes)
    # The grid is the second sheet: LibreOffice's CSV filter exports one sheet by number.
    subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", CSV_OF_SECOND_SHEET,
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    exported = next(tmp_path.glob("cadre*.csv"))
    rows = list(csv.reader(exported.read_text(encoding="utf-8").splitlines()))
    assert rows[0][:4] == ["Code", "Domaine", "Sous-domaine", "Exigence"]
    assert rows[4][0] == "CO-001"
    assert rows[4][3] == HOSTILE  # not the formula's result, not an error
