"""The pure import of a filled cadre de réponse: a corpus of good and hostile files."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from requirements.cadre import GRID_SHEET, META_SHEET, PRICE_SHEET
from vendors.answers_import import (
    MAX_FILE_BYTES,
    AnswerFileError,
    answers_read,
)

from .cadre_files import (
    CODES,
    blank_cadre,
    expected,
    fill,
    filled_cadre,
    part_of,
    rezip,
    sheet_part,
)


def refused(content: bytes, **overrides: object) -> str:
    with pytest.raises(AnswerFileError) as caught:
        answers_read(content, expected(**overrides))
    assert caught.value.messages
    return " ".join(caught.value.messages)


def permute_columns(content: bytes, sheet_name: str, order: list[int]) -> bytes:
    """Move whole columns, as a user dragging them in a spreadsheet would."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook[sheet_name]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    for r, values in enumerate(rows, start=1):
        for new_column, old_index in enumerate(order, start=1):
            cell = sheet.cell(row=r, column=new_column)
            cell.value = values[old_index]  # cell(value=None) would keep the old one
            if isinstance(values[old_index], str):
                cell.data_type = "s"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- accepted files --------------------------------------------------------------------

def test_a_filled_cadre_gives_answers_in_grid_order_and_prices() -> None:
    result = answers_read(filled_cadre(), expected())
    assert [a.code for a in result.answers] == list(CODES)
    first, _, specific, uncovered, later = result.answers
    assert (first.answer, first.comment) == ("Standard", "Inclus")
    assert (specific.answer, specific.delay_days, specific.cost) == (
        "Développement spécifique", 30, Decimal(2500))
    assert uncovered.answer == "Non couvert"
    assert later.delay_days == 180
    prices = {p.key: p for p in result.prices}
    assert prices["subscription_prescriber"].total == Decimal("1074.0")
    assert result.price_total == Decimal(4000) + Decimal("1074.0") + Decimal(2850)
    assert result.missing == []


def test_blank_answers_are_listed_as_missing_with_a_warning() -> None:
    content = fill(blank_cadre(), answers={"DOS-001": ("Standard",)})
    result = answers_read(content, expected())
    assert result.missing == ["DOS-002", "COO-001", "COO-002", "SEC-001"]
    assert any("4 exigence(s) sans réponse" in w for w in result.warnings)


def test_answers_are_matched_whatever_their_case_and_spacing() -> None:
    content = fill(blank_cadre(), answers={"DOS-001": ("  STANDARD ",),
                                           "DOS-002": ("non   couvert",)})
    result = answers_read(content, expected())
    assert [a.answer for a in result.answers[:2]] == ["Standard", "Non couvert"]


def test_specific_development_without_cost_is_a_warning() -> None:
    content = fill(blank_cadre(), answers={"COO-001": ("Développement spécifique",)})
    result = answers_read(content, expected())
    assert any("COO-001" in w and "sans délai ou sans coût" in w for w in result.warnings)


def test_numbers_typed_as_french_text_are_read() -> None:
    content = fill(blank_cadre(), answers={"COO-001": ("Développement spécifique", "12",
                                                       "1 250,50", "")})
    row = answers_read(content, expected()).answers[2]
    assert (row.delay_days, row.cost) == (12, Decimal("1250.50"))


def test_reordered_columns_and_sorted_rows_are_found_by_header_and_code() -> None:
    # Answer columns swapped (Commentaire first), and the requirement rows sorted backwards.
    content = permute_columns(filled_cadre(), GRID_SHEET, [9, 1, 2, 3, 4, 5, 6, 7, 8, 0])
    workbook = load_workbook(io.BytesIO(content))
    grid = workbook[GRID_SHEET]
    rows = [[c.value for c in row] for row in grid.iter_rows(min_row=2)]
    for r, values in enumerate(reversed(rows), start=2):
        for c, value in enumerate(values, start=1):
            grid.cell(row=r, column=c).value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    content = permute_columns(buffer.getvalue(), PRICE_SHEET, [5, 1, 2, 4, 3, 0])
    result = answers_read(content, expected())
    assert result.answers[2].cost == Decimal(2500)
    assert result.answers[0].comment == "Inclus"
    assert {p.key: p.unit_price for p in result.prices}["licence"] == Decimal(4000)


SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_a_file_re_saved_by_libreoffice_is_read_the_same(tmp_path: Path) -> None:
    source = tmp_path / "cadre.xlsx"
    source.write_bytes(filled_cadre())
    out = tmp_path / "out"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(source)],
        check=True, capture_output=True, timeout=120,
    )
    resaved = (out / "cadre.xlsx").read_bytes()
    assert resaved != source.read_bytes()
    assert "docProps/app.xml" in zipfile.ZipFile(io.BytesIO(resaved)).namelist()
    original = answers_read(source.read_bytes(), expected())
    again = answers_read(resaved, expected())
    assert [(a.code, a.answer, a.delay_days, a.comment) for a in again.answers] == \
        [(a.code, a.answer, a.delay_days, a.comment) for a in original.answers]
    assert again.price_total == original.price_total


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_moved_columns_re_saved_by_libreoffice_are_found_by_header(tmp_path: Path) -> None:
    moved = permute_columns(filled_cadre(), GRID_SHEET, [0, 9, 8, 7, 6, 1, 2, 3, 4, 5])
    source = tmp_path / "moved.xlsx"
    source.write_bytes(moved)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(tmp_path / "out"),
         str(source)],
        check=True, capture_output=True, timeout=120,
    )
    result = answers_read((tmp_path / "out" / "moved.xlsx").read_bytes(), expected())
    assert result.answers == answers_read(filled_cadre(), expected()).answers


# --- refused files: the container ------------------------------------------------------

def test_not_a_spreadsheet_is_refused() -> None:
    assert "n'est pas un classeur Excel" in refused(b"%PDF-1.7 not a workbook")
    assert "vide" in refused(b"")


def test_a_truncated_workbook_is_refused() -> None:
    content = filled_cadre()
    assert refused(content[: len(content) // 2])


def test_a_file_above_the_size_limit_is_refused() -> None:
    assert "Mo" in refused(b"PK" + b"\0" * MAX_FILE_BYTES)


def test_a_zip_bomb_is_refused_before_parsing() -> None:
    bomb = rezip(filled_cadre(), add={"xl/media/padding.bin": b"\0" * (20 * 1024 * 1024)})
    assert len(bomb) < MAX_FILE_BYTES
    assert "anormalement compressé" in refused(bomb)


def test_too_many_parts_are_refused() -> None:
    many = rezip(filled_cadre(), add={f"xl/media/{n}.bin": b"x" for n in range(400)})
    assert "trop d'éléments" in refused(many)


def test_macros_are_refused() -> None:
    assert "macros" in refused(rezip(filled_cadre(), add={"xl/vbaProject.bin": b"\0" * 64}))


def test_external_links_are_refused() -> None:
    linked = rezip(filled_cadre(), add={"xl/externalLinks/externalLink1.xml": b"<x/>"})
    assert "liaisons" in refused(linked)


def test_an_xml_entity_bomb_is_refused() -> None:
    bomb = (b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><workbook>&b;</workbook>')
    assert refused(rezip(filled_cadre(), replace={"xl/workbook.xml": bomb}))


def test_a_plain_zip_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "bonjour")
    assert "n'est pas un classeur Excel" in refused(buffer.getvalue())


# --- refused files: the content --------------------------------------------------------

def test_a_formula_where_a_value_is_expected_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[GRID_SHEET]["I4"] = "=1000*3"
    buffer = io.BytesIO()
    workbook.save(buffer)
    message = refused(buffer.getvalue())
    assert "formule" in message
    assert "I4" in message


def test_a_formula_in_the_price_sheet_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[PRICE_SHEET]["E2"] = '=HYPERLINK("http://exemple.invalid","x")'
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "Prix" in refused(buffer.getvalue())


def test_an_answer_outside_the_list_is_refused() -> None:
    content = fill(blank_cadre(), answers={"DOS-001": ("Oui, bien sûr",)})
    message = refused(content)
    assert "DOS-001" in message
    assert "hors de la liste" in message


@pytest.mark.parametrize(("delay", "cost"), [("deux semaines", None), (-3, None),
                                             (2.5, None), (None, "gratuit"),
                                             (None, -10), (True, None)])
def test_numbers_that_are_not_numbers_are_refused(delay: object, cost: object) -> None:
    content = fill(blank_cadre(), answers={"COO-001": ("Développement spécifique", delay,
                                                       cost)})
    assert "COO-001" in refused(content)


def test_a_price_that_is_text_is_refused() -> None:
    content = fill(blank_cadre(), prices={"licence": ("une", "4000 €", "")})
    message = refused(content)
    assert "Licences du logiciel" in message
    assert "Quantité" in message


def test_another_project_grid_version_or_vendor_is_refused() -> None:
    content = filled_cadre()
    assert "autre projet" in refused(content, project_id=43)
    assert "autre prestataire" in refused(content, vendor_id=8)
    assert "version 3" in refused(content, grid_version=4)


def test_a_cadre_from_another_tool_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[META_SHEET]["B1"] = "autre-outil"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "généré par MSP SI" in refused(buffer.getvalue())


def test_a_deleted_row_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[GRID_SHEET].delete_rows(3)
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "DOS-002" in refused(buffer.getvalue())


def test_a_grid_that_changed_since_the_cadre_was_sent_is_refused() -> None:
    requirements = dict(expected().requirements) | {"NEW-001": "Important"}
    assert "ne correspondent plus" in refused(filled_cadre(), requirements=requirements)


def test_a_renamed_sheet_or_column_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[PRICE_SHEET].title = "Tarifs"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "Prix" in refused(buffer.getvalue())
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[GRID_SHEET]["G1"] = "Ma réponse"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "Réponse" in refused(buffer.getvalue())


def test_an_unknown_or_duplicated_code_is_refused() -> None:
    workbook = load_workbook(io.BytesIO(filled_cadre()))
    workbook[GRID_SHEET]["A3"] = "DOS-001"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "en double" in refused(buffer.getvalue())
    workbook[GRID_SHEET]["A3"] = "XXX-999"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert "XXX-999" in refused(buffer.getvalue())


def test_the_hidden_sheet_part_is_a_real_sheet_of_the_generated_file() -> None:
    content = filled_cadre()
    assert b"<f>" not in part_of(content, sheet_part(content, GRID_SHEET))
