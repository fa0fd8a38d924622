"""Read a vendor's filled cadre de réponse: check the file, then parse its answers.

Pure: bytes and the expected keys in, an ``ImportedAnswers`` out, or ``AnswerFileError``
with French messages; no ORM, nothing recorded. The file is distrusted from the first
byte: its container (sizes part by part, counts of strings and cells, macros and external
links) is checked by ``answers_container`` before openpyxl opens it; openpyxl then reads
it without formulas evaluated or links kept (``read_only``, ``keep_links=False``; defusedxml
parses the XML), and the sheets it actually resolves are the ones checked for formulas,
through its own cell types. Columns are found by their header text and rows by the
requirement code / the price label, so a workbook re-saved by LibreOffice or Excel with
moved columns or sorted rows still reads.
"""

from __future__ import annotations

import io
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import load_workbook

from requirements.rfp.cadre import (
    ANSWERS,
    FORMAT_NAME,
    GRID_SHEET,
    META_SHEET,
    PRICE_LINES,
    PRICE_SHEET,
    PriceLine,
)

from .answers_container import MAX_FILE_BYTES, AnswerFileError, container_check

__all__ = ["MAX_FILE_BYTES", "AnswerFileError", "ExpectedCadre", "ImportedAnswers",
           "PriceAnswer", "RowAnswer", "answers_read"]

MAX_ROWS = 5000
MAX_COLUMNS = 40
MAX_DELAY_DAYS = 3650
MAX_AMOUNT = Decimal("100000000")
MAX_COMMENT = 2000

# Answers that announce work to come: a delay and a cost are expected with them.
ANSWERS_WITH_COST = ("Développement spécifique", "Version ultérieure")

GRID_COLUMNS = {"code": "Code", "answer": "Réponse", "delay": "Délai (jours)",
                "cost": "Coût HT (€)", "comment": "Commentaire"}
PRICE_COLUMNS = {"label": "Poste", "quantity": "Quantité",
                 "unit_price": "Prix unitaire HT (€)", "comment": "Commentaire"}

_NUMBER_TEXT = re.compile(r"^[+]?\d{1,12}(?:[.,]\d{1,6})?$")


@dataclass(frozen=True)
class ExpectedCadre:
    """What the file must match: project, grid version, vendor and every requirement."""

    project_id: int
    grid_version: int
    vendor_id: int
    # Requirement code → priority label, in grid order.
    requirements: Mapping[str, str]
    price_lines: Sequence[PriceLine] = field(default=PRICE_LINES)


@dataclass(frozen=True)
class RowAnswer:
    """A vendor's answer to one requirement ("" when left blank)."""

    code: str
    answer: str
    delay_days: int | None
    cost: Decimal | None
    comment: str


@dataclass(frozen=True)
class PriceAnswer:
    """One line of the price sheet as the vendor filled it."""

    key: str
    quantity: Decimal | None
    unit_price: Decimal | None
    comment: str

    @property
    def total(self) -> Decimal | None:
        """Unit price × quantity (a price without quantity counts once)."""
        if self.unit_price is None:
            return None
        return self.unit_price * (self.quantity if self.quantity is not None else 1)


@dataclass(frozen=True)
class ImportedAnswers:
    """Everything read from an accepted file."""

    answers: tuple[RowAnswer, ...]
    prices: tuple[PriceAnswer, ...]
    warnings: tuple[str, ...]

    @property
    def missing(self) -> list[str]:
        """Codes of the requirements left without an answer."""
        return [a.code for a in self.answers if not a.answer]

    @property
    def price_total(self) -> Decimal:
        return sum((p.total for p in self.prices if p.total is not None), Decimal(0))


# --- values ----------------------------------------------------------------------------

def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _fold(text: str) -> str:
    """Compare labels whatever their case, spacing or Unicode normal form."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


_ANSWER_BY_FOLD = {_fold(a): a for a in ANSWERS}


def _number(value: Any) -> Decimal | None:
    """A cell as a number: None when blank; ValueError when it is not a number."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError
        number = Decimal(repr(value))
    elif isinstance(value, Decimal):
        number = value
    elif isinstance(value, str):
        compact = value.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
        if not _NUMBER_TEXT.match(compact):
            raise ValueError
        try:
            number = Decimal(compact.replace(",", "."))
        except InvalidOperation:
            raise ValueError from None
    else:
        raise ValueError
    if not number.is_finite() or number < 0 or number > MAX_AMOUNT:
        raise ValueError
    return number


def _comment(value: Any, warnings: list[str], where: str) -> str:
    text = _text(value)
    if len(text) > MAX_COMMENT:
        warnings.append(_("%(where)s : commentaire tronqué à %(n)d caractères.")
                        % {"where": where, "n": MAX_COMMENT})
        text = text[:MAX_COMMENT]
    return text


# --- sheets ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Sheet:
    """A sheet's values, and the first cell holding a formula (openpyxl's own type)."""

    rows: list[tuple[Any, ...]]
    formula_at: str | None


def _read_sheet(sheet: Any) -> _Sheet:
    rows = []
    formula_at = None
    for index, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS)):
        if index >= MAX_ROWS:
            raise AnswerFileError([_("La feuille « %s » a bien trop de lignes pour un cadre "
                                     "de réponse.") % sheet.title])
        if formula_at is None:
            formula_at = next((c.coordinate for c in cells if c.data_type == "f"), None)
        rows.append(tuple(c.value for c in cells))
    return _Sheet(rows=rows, formula_at=formula_at)


def _read_sheets(workbook: Any) -> dict[str, _Sheet]:
    """The three sheets of the cadre, as openpyxl resolves them, free of formulas."""
    folded = [_fold(name) for name in workbook.sheetnames]
    twice = sorted({_fold(n): n for n in workbook.sheetnames if folded.count(_fold(n)) > 1}
                   .values())
    if twice:
        # Two sheets of one name: a reader could take either; only one is ever checked.
        raise AnswerFileError([_("Le classeur contient plusieurs feuilles nommées « %s » : "
                                 "renvoyez le cadre de réponse sans feuille en double.") % n
                               for n in twice])
    missing = [s for s in (GRID_SHEET, PRICE_SHEET, META_SHEET) if s not in workbook.sheetnames]
    if missing:
        raise AnswerFileError([_("Feuille « %s » introuvable : ne renommez ni ne supprimez les "
                                 "feuilles du cadre.") % s for s in missing])
    sheets = {name: _read_sheet(workbook[name]) for name in (META_SHEET, GRID_SHEET,
                                                             PRICE_SHEET)}
    # Values are expected: a formula's result is whatever the vendor's tool last computed.
    formulas = [_("La feuille « %(sheet)s » contient une formule (cellule %(cell)s) : "
                  "saisissez des valeurs, pas des formules.")
                % {"sheet": name, "cell": sheet.formula_at}
                for name, sheet in sheets.items() if sheet.formula_at]
    if formulas:
        raise AnswerFileError(formulas)
    return sheets


def _columns(header: Sequence[Any], wanted: Mapping[str, str], sheet: str) -> dict[str, int]:
    """Column index of each wanted header, found by its text."""
    found: dict[str, int] = {}
    folded = [_fold(_text(h)) for h in header]
    missing = []
    for key, title in wanted.items():
        matches = [i for i, h in enumerate(folded) if h == _fold(title)]
        if len(matches) != 1:
            missing.append(title)
        else:
            found[key] = matches[0]
    if missing:
        raise AnswerFileError([_("Feuille « %(sheet)s » : colonne « %(col)s » introuvable ou "
                                 "en double. Ne renommez ni ne supprimez les colonnes.")
                               % {"sheet": sheet, "col": m} for m in missing])
    return found


def _cell(row: Sequence[Any], index: int) -> Any:
    return row[index] if index < len(row) else None


def _check_meta(rows: list[tuple[Any, ...]], expected: ExpectedCadre) -> None:
    values = {_text(_cell(r, 0)): _text(_cell(r, 1)) for r in rows[:20] if r}
    if values.get("format") != FORMAT_NAME:
        raise AnswerFileError([_("Ce classeur n'est pas un cadre de réponse généré par "
                                 "MSP SI.")])
    errors = []
    if values.get("project_id") != str(expected.project_id):
        errors.append(_("Ce cadre de réponse appartient à un autre projet."))
    if values.get("vendor_id") != str(expected.vendor_id):
        errors.append(_("Ce cadre de réponse a été envoyé à un autre prestataire."))
    if values.get("grid_version") != str(expected.grid_version):
        errors.append(_("Ce cadre de réponse porte sur la version %(got)s de la grille ; la "
                        "grille actuelle est en version %(now)d : envoyez le nouveau cadre.")
                      % {"got": values.get("grid_version") or "?",
                         "now": expected.grid_version})
    if errors:
        raise AnswerFileError(errors)
    keyed = {(_text(_cell(r, 0)), _text(_cell(r, 2))) for r in rows[9:]
             if r and _text(_cell(r, 0)) in (GRID_SHEET, PRICE_SHEET)}
    codes = {k for s, k in keyed if s == GRID_SHEET}
    if codes != set(expected.requirements):
        raise AnswerFileError([_("Les exigences de ce cadre ne correspondent plus à la grille "
                                 "du projet : envoyez le nouveau cadre.")])


def _parse_grid(rows: list[tuple[Any, ...]], expected: ExpectedCadre,
                warnings: list[str]) -> tuple[RowAnswer, ...]:
    if not rows:
        raise AnswerFileError([_("La feuille « %s » est vide.") % GRID_SHEET])
    columns = _columns(rows[0], GRID_COLUMNS, GRID_SHEET)
    errors: list[str] = []
    seen: dict[str, RowAnswer] = {}
    for number, row in enumerate(rows[1:], start=2):
        code = _text(_cell(row, columns["code"]))
        if not code:
            if any(_text(v) for v in row):
                errors.append(_("Feuille « %(sheet)s », ligne %(row)d : code d'exigence "
                                "manquant.") % {"sheet": GRID_SHEET, "row": number})
            continue
        if code not in expected.requirements:
            errors.append(_("Exigence « %s » inconnue de la grille.") % code[:40])
            continue
        if code in seen:
            errors.append(_("Exigence %s en double.") % code)
            continue
        raw = _text(_cell(row, columns["answer"]))
        answer = _ANSWER_BY_FOLD.get(_fold(raw), "") if raw else ""
        if raw and not answer:
            errors.append(_("Exigence %(code)s : réponse « %(got)s » hors de la liste "
                            "(%(allowed)s).") % {"code": code, "got": raw[:60],
                                                  "allowed": ", ".join(ANSWERS)})
        delay = cost = None
        try:
            delay_number = _number(_cell(row, columns["delay"]))
            if delay_number is not None and (delay_number != delay_number.to_integral_value()
                                             or delay_number > MAX_DELAY_DAYS):
                raise ValueError
            delay = None if delay_number is None else int(delay_number)
        except ValueError:
            errors.append(_("Exigence %s : le délai doit être un nombre entier de jours "
                            "(0 à 3650).") % code)
        try:
            cost = _number(_cell(row, columns["cost"]))
        except ValueError:
            errors.append(_("Exigence %s : le coût doit être un montant positif, sans "
                            "texte.") % code)
        if answer in ANSWERS_WITH_COST and (delay is None or cost is None):
            warnings.append(_("Exigence %(code)s : « %(answer)s » sans délai ou sans coût.")
                            % {"code": code, "answer": answer})
        seen[code] = RowAnswer(code=code, answer=answer, delay_days=delay, cost=cost,
                               comment=_comment(_cell(row, columns["comment"]), warnings,
                                                code))
    absent = [c for c in expected.requirements if c not in seen]
    if absent:
        errors.append(_("Lignes supprimées du cadre : %s. Renvoyez le cadre complet.")
                      % ", ".join(absent[:10]) + (" …" if len(absent) > 10 else ""))
    if errors:
        raise AnswerFileError(errors)
    return tuple(seen[c] for c in expected.requirements)


def _parse_prices(rows: list[tuple[Any, ...]], expected: ExpectedCadre,
                  warnings: list[str]) -> tuple[PriceAnswer, ...]:
    if not rows:
        raise AnswerFileError([_("La feuille « %s » est vide.") % PRICE_SHEET])
    columns = _columns(rows[0], PRICE_COLUMNS, PRICE_SHEET)
    by_label = {_fold(line.label): line for line in expected.price_lines}
    errors: list[str] = []
    seen: dict[str, PriceAnswer] = {}
    for row in rows[1:]:
        line = by_label.get(_fold(_text(_cell(row, columns["label"]))))
        if line is None:
            if any(_text(_cell(row, columns[k])) for k in ("quantity", "unit_price")):
                errors.append(_("Feuille « %s » : un prix est saisi sur une ligne qui n'est "
                                "pas un poste du cadre.") % PRICE_SHEET)
            continue
        if line.key in seen:
            errors.append(_("Poste « %s » en double.") % line.label)
            continue
        values: dict[str, Decimal | None] = {}
        for key in ("quantity", "unit_price"):
            try:
                values[key] = _number(_cell(row, columns[key]))
            except ValueError:
                values[key] = None
                errors.append(_("Poste « %(label)s » : « %(col)s » doit être un nombre "
                                "positif, sans texte ni symbole.")
                              % {"label": line.label, "col": PRICE_COLUMNS[key]})
        seen[line.key] = PriceAnswer(key=line.key, quantity=values["quantity"],
                                     unit_price=values["unit_price"],
                                     comment=_comment(_cell(row, columns["comment"]),
                                                      warnings, line.label))
    absent = [line.label for line in expected.price_lines if line.key not in seen]
    if absent:
        errors.append(_("Postes de prix supprimés du cadre : %s.") % ", ".join(absent))
    if errors:
        raise AnswerFileError(errors)
    if all(p.unit_price is None for p in seen.values()):
        warnings.append(_("Aucun prix n'est renseigné dans la feuille « %s ».") % PRICE_SHEET)
    return tuple(seen[line.key] for line in expected.price_lines)


def _blank_priority_warnings(answers: Iterable[RowAnswer], expected: ExpectedCadre,
                             warnings: list[str]) -> None:
    blank = [a.code for a in answers if not a.answer]
    if blank:
        warnings.append(ngettext("%(n)d exigence sans réponse : %(codes)s.",
                                 "%(n)d exigences sans réponse : %(codes)s.", len(blank))
                        % {"n": len(blank), "codes": ", ".join(blank[:15])
                           + (" …" if len(blank) > 15 else "")})


def answers_read(content: bytes, expected: ExpectedCadre) -> ImportedAnswers:
    """Check and parse a filled cadre de réponse, or raise ``AnswerFileError``."""
    container_check(content)
    try:
        # Formulas are kept (not replaced by cached results) so that their type shows.
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False,
                                 keep_links=False)
    except Exception:  # openpyxl raises many kinds on a damaged file
        raise AnswerFileError([_("Le classeur est endommagé : il ne peut pas être "
                                 "lu.")]) from None
    try:
        sheets = _read_sheets(workbook)
        warnings: list[str] = []
        _check_meta(sheets[META_SHEET].rows, expected)
        answers = _parse_grid(sheets[GRID_SHEET].rows, expected, warnings)
        prices = _parse_prices(sheets[PRICE_SHEET].rows, expected, warnings)
    except AnswerFileError:
        raise
    except Exception:
        raise AnswerFileError([_("Le classeur est endommagé : il ne peut pas être "
                                 "lu.")]) from None
    finally:
        workbook.close()
    _blank_priority_warnings(answers, expected, warnings)
    return ImportedAnswers(answers=answers, prices=prices, warnings=tuple(warnings))
