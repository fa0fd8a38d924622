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

from requirements.rfp.cadre import GRID_SHEET, META_SHEET, PRICE_SHEET, CadreRow
from vendors.consultation import answers_import
from vendors.consultation.answers_container import MAX_CELLS, MAX_OTHER_ELEMENTS, MAX_PART_BYTES
from vendors.consultation.answers_import import (
    MAX_FILE_BYTES,
    AnswerFileError,
    answers_read,
)

from ..cadre_files import (
    CODES,
    MAIN_NS,
    OFFICE_RELS,
    SHARED_STRINGS_TYPE,
    blank_cadre,
    expected,
    fill,
    filled_cadre,
    part_of,
    rezip,
    shared_strings_bomb,
    sheet_part,
    with_declared_size,
    with_part,
    with_sheet,
)

MS_RELS = "http://schemas.microsoft.com/office/2006/relationships"


def refused(content: bytes, **overrides: object) -> str:
    with pytest.raises(AnswerFileError) as caught:
        answers_read(content, expected(**overrides))
    assert caught.value.messages
    return " ".join(caught.value.messages)


def with_formula(content: bytes, sheet_name: str, cell: str, formula: str) -> bytes:
    workbook = load_workbook(io.BytesIO(content))
    workbook[sheet_name][cell] = formula
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def openpyxl_reads(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Each file the import hands over to openpyxl."""
    reads: list[object] = []
    real = answers_import.load_workbook

    def spy(*args: object, **kwargs: object) -> object:
        reads.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(answers_import, "load_workbook", spy)
    return reads


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
    assert any("4 exigences sans réponse" in w for w in result.warnings)


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


def test_a_400_need_answer_with_long_comments_stays_well_within_the_caps() -> None:
    # The benchmark's grid size, every row commented at length (the comment limit).
    codes = [f"X-{n:04d}" for n in range(400)]
    rows = [CadreRow(code=code, domain="Domaine", subdomain="Sous-domaine",
                     text="Le logiciel permet de tracer chaque étape du parcours. " * 6,
                     priority="Important", scope="Transversal") for code in codes]
    comment = "Couvert en standard, paramétrable par site et par profession ; " * 32
    content = fill(blank_cadre(rows=rows),
                   answers=dict.fromkeys(codes, ("Standard", None, None, comment[:2000])))
    result = answers_read(content, expected(requirements=dict.fromkeys(codes, "Important")))
    assert len(result.answers) == 400
    assert result.answers[-1].comment == comment[:2000].strip()
    largest = max(entry.file_size for entry in zipfile.ZipFile(io.BytesIO(content)).infolist())
    assert largest * 4 < MAX_PART_BYTES


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


# --- refused files: parts that would cost openpyxl seconds and hundreds of MB ---------

def test_millions_of_tiny_shared_strings_are_refused_before_parsing(
        openpyxl_reads: list[object]) -> None:
    # The corpus case: ~3.5 MB on disk, 55 MB of strings, under the ratio and total caps.
    bomb = shared_strings_bomb(filled_cadre(), megabytes=55)
    assert len(bomb) < MAX_FILE_BYTES
    assert "trop volumineux" in refused(bomb)
    assert openpyxl_reads == []


def test_a_part_whose_header_understates_its_size_is_refused_before_parsing(
        openpyxl_reads: list[object]) -> None:
    # One 12 MB string (no count cap applies) declared as 1 MB: inflation stops there.
    text = b"".join(b"%07d" % (n // 4) for n in range(150_000)) * 12
    table = f'<sst xmlns="{MAIN_NS}"><si><t>'.encode() + text + b"</t></si></sst>"
    bomb = with_part(filled_cadre(), "xl/sharedStrings.xml", table,
                     content_type=SHARED_STRINGS_TYPE)
    lying = with_declared_size(bomb, "xl/sharedStrings.xml", MAX_PART_BYTES // 8)
    assert len(lying) < MAX_FILE_BYTES
    assert "endommagé" in refused(lying)
    assert openpyxl_reads == []


def test_too_many_shared_strings_are_counted_not_believed(openpyxl_reads: list[object]) -> None:
    # 2 MB, well under the part cap, but ~100 000 strings while the table claims 3.
    message = refused(shared_strings_bomb(filled_cadre(), megabytes=2))
    assert "textes différents" in message
    assert openpyxl_reads == []


def test_too_many_cells_are_refused_before_parsing(openpyxl_reads: list[object]) -> None:
    content = filled_cadre()
    part = sheet_part(content, GRID_SHEET)
    rows = b"".join(b'<row r="%d">' % r + b"".join(b'<c r="%s%d"><v>1</v></c>' % (column, r)
                                                   for column in (b"K", b"L", b"M", b"N"))
                    + b"</row>" for r in range(100, 100 + MAX_CELLS // 4))
    grid = part_of(content, part).replace(b"</sheetData>", rows + b"</sheetData>")
    assert "cellules" in refused(rezip(content, replace={part: grid}))
    assert openpyxl_reads == []


def test_a_style_table_of_too_many_entries_is_refused_before_parsing(
        openpyxl_reads: list[object]) -> None:
    content = filled_cadre()
    styles = part_of(content, "xl/styles.xml")
    formats = b"".join(b'<xf numFmtId="%d" fontId="0" fillId="0" borderId="0"/>' % (n % 50)
                       for n in range(MAX_OTHER_ELEMENTS))
    styles = styles.replace(b"</cellXfs>", formats + b"</cellXfs>")
    assert "anormalement complexe" in refused(rezip(content,
                                                    replace={"xl/styles.xml": styles}))
    assert openpyxl_reads == []


def test_a_dtd_in_any_part_is_refused() -> None:
    properties = b'<?xml version="1.0"?><!DOCTYPE p [<!ELEMENT p ANY>]><p/>'
    assert "XML refusé" in refused(rezip(filled_cadre(),
                                         replace={"docProps/app.xml": properties}))


# --- refused files: what openpyxl reads is what is checked ------------------------------

@pytest.mark.parametrize("second_title", [GRID_SHEET, GRID_SHEET.upper()])
def test_two_sheets_of_one_name_are_refused(second_title: str) -> None:
    # openpyxl reads the first « Grille », holding a formula; a clean copy comes last.
    clean = filled_cadre()
    with_cost_formula = with_formula(clean, GRID_SHEET, "I4", "=1000*3")
    hostile = with_sheet(with_cost_formula, second_title,
                         part_of(clean, sheet_part(clean, GRID_SHEET)))
    message = refused(hostile)
    assert "plusieurs feuilles nommées" in message
    assert second_title in message


def test_a_formula_in_a_sheet_stored_under_an_odd_name_is_refused() -> None:
    content = with_formula(filled_cadre(), GRID_SHEET, "H3", "=2*15")
    part = sheet_part(content, GRID_SHEET)
    moved = rezip(content, replace={
        part: b"", "xl/_rels/workbook.xml.rels": part_of(
            content, "xl/_rels/workbook.xml.rels").replace(
            f"/{part}".encode(), b"/xl/media/image1.png")},
        add={"xl/media/image1.png": part_of(content, part)})
    message = refused(moved)
    assert "formule" in message
    assert "H3" in message


def test_a_formula_whose_cached_result_is_a_valid_answer_is_refused() -> None:
    content = filled_cadre()
    part = sheet_part(content, GRID_SHEET)
    grid = part_of(content, part)
    start = grid.index(b'<c r="G2"')
    end = grid.index(b"</c>", start) + len(b"</c>")
    grid = grid[:start] + b'<c r="G2" t="str"><f>"Standard"</f><v>Standard</v></c>' + grid[end:]
    message = refused(rezip(content, replace={part: grid}))
    assert "formule" in message
    assert "G2" in message


# --- refused files: macros and links, whatever their file names -------------------------

OLE_BYTES = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504


@pytest.mark.parametrize(("content_type", "relationship"), [
    (None, f"{MS_RELS}/vbaProject"),
    ("application/vnd.ms-office.vbaProject", None),
], ids=["by-relationship", "by-content-type"])
def test_a_vba_project_under_another_file_name_is_refused(content_type: str | None,
                                                          relationship: str | None) -> None:
    hostile = with_part(filled_cadre(), "xl/media/image7.png", OLE_BYTES,
                        content_type=content_type, relationship=relationship)
    assert "macros" in refused(hostile)


def test_a_macro_enabled_workbook_is_refused() -> None:
    content = filled_cadre()
    types = part_of(content, "[Content_Types].xml").replace(
        b"spreadsheetml.sheet.main+xml", b"ms-excel.sheet.macroEnabled.main+xml")
    assert "macros" in refused(rezip(content, replace={"[Content_Types].xml": types}))


def test_an_activex_control_related_from_a_sheet_is_refused() -> None:
    content = filled_cadre()
    sheet = sheet_part(content, GRID_SHEET)
    rels = sheet.replace("worksheets/", "worksheets/_rels/") + ".rels"
    hostile = with_part(content, "xl/media/logo.png", OLE_BYTES,
                        relationship=f"{MS_RELS}/activeXControlBinary", rels_part=rels)
    assert "macros" in refused(hostile)


def test_an_external_link_under_another_file_name_is_refused() -> None:
    link = f'<externalLink xmlns="{MAIN_NS}"><externalBook/></externalLink>'.encode()
    hostile = with_part(filled_cadre(), "xl/media/data.xml", link,
                        relationship=f"{OFFICE_RELS}/externalLink")
    assert "liaisons" in refused(hostile)


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
