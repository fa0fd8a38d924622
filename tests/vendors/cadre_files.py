"""Build cadre de réponse files for the import tests: generated, filled, then damaged."""

from __future__ import annotations

import io
import posixpath
import struct
import zipfile
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from openpyxl import load_workbook

from requirements.rfp.cadre import (
    GRID_SHEET,
    PRICE_LINES,
    PRICE_SHEET,
    CadreData,
    CadreRow,
    cadre_de_reponse_xlsx,
)
from vendors.consultation.answers_import import ExpectedCadre

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
SHARED_STRINGS_TYPE = ("application/vnd.openxmlformats-officedocument.spreadsheetml."
                       "sharedStrings+xml")
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


def with_part(content: bytes, name: str, data: bytes, *, content_type: str | None = None,
              relationship: str | None = None,
              rels_part: str = "xl/_rels/workbook.xml.rels") -> bytes:
    """A part added as a tool would: declared in [Content_Types].xml and related from a
    .rels part (its target written relative to the part that relates it)."""
    replace, add = {}, {name: data}
    if content_type is not None:
        replace["[Content_Types].xml"] = part_of(content, "[Content_Types].xml").replace(
            b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/>'
            "</Types>".encode())
    if relationship is not None:
        source = rels_part.replace("_rels/", "").removesuffix(".rels")
        target = posixpath.relpath(name, posixpath.dirname(source) or ".")
        names = zipfile.ZipFile(io.BytesIO(content)).namelist()
        rels = part_of(content, rels_part) if rels_part in names else (
            f'<Relationships xmlns="{PACKAGE_RELS}"></Relationships>'.encode())
        rels = rels.replace(b"</Relationships>", f'<Relationship Id="rIdHostile" '
                            f'Type="{relationship}" Target="{target}"/></Relationships>'.encode())
        (replace if rels_part in names else add)[rels_part] = rels
    return rezip(content, replace=replace, add=add)


def with_sheet(content: bytes, title: str, sheet_xml: bytes) -> bytes:
    """One more sheet, listed last in the workbook, its part and relationship added."""
    content = with_part(content, "xl/worksheets/sheet99.xml", sheet_xml,
                        content_type=WORKSHEET_TYPE, relationship=f"{OFFICE_RELS}/worksheet")
    workbook = part_of(content, "xl/workbook.xml").replace(
        b"</sheets>", f'<sheet name="{title}" sheetId="99" r:id="rIdHostile"/></sheets>'.encode())
    return rezip(content, replace={"xl/workbook.xml": workbook})


def shared_strings_bomb(content: bytes, megabytes: int) -> bytes:
    """A table of millions of tiny strings, varied enough to stay under the compression
    ratio cap: 55 MB make a file of ~2 MB (the corpus of hostile files had one of 3 MB)."""
    # A 1 MB block repeated: deflate looks back 32 KB only, so the ratio stays ~25.
    block = b"".join(b"<si><t>%07d</t></si>" % (n // 4) for n in range(52_000))
    # The counts it declares are the attacker's: the import never believes them.
    table = (f'<sst xmlns="{MAIN_NS}" count="3" uniqueCount="3">'.encode()
             + block * megabytes + b"</sst>")
    return with_part(content, "xl/sharedStrings.xml", table, content_type=SHARED_STRINGS_TYPE,
                     relationship=f"{OFFICE_RELS}/sharedStrings")


def with_declared_size(content: bytes, name: str, size: int) -> bytes:
    """The same zip, its headers lying about a part's uncompressed size."""
    archive = zipfile.ZipFile(io.BytesIO(content))
    entry = archive.getinfo(name)
    patched = bytearray(content)
    struct.pack_into("<I", patched, entry.header_offset + 22, size)  # local header
    offset = archive.start_dir  # type: ignore[attr-defined]
    while patched[offset:offset + 4] == b"PK\x01\x02":  # central directory records
        name_length, extra_length, comment_length = struct.unpack_from("<HHH", patched,
                                                                       offset + 28)
        if patched[offset + 46:offset + 46 + name_length] == name.encode():
            struct.pack_into("<I", patched, offset + 24, size)
        offset += 46 + name_length + extra_length + comment_length
    return bytes(patched)


def sheet_part(content: bytes, sheet_name: str) -> str:
    """The zip part of a sheet (openpyxl writes sheet1.xml… in workbook order)."""
    workbook = load_workbook(io.BytesIO(content))
    return f"xl/worksheets/sheet{workbook.sheetnames.index(sheet_name) + 1}.xml"
