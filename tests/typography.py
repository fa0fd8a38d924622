"""Read-back checks of French typography in a generated document's text (PDF or XLSX).

Used by every document test: a bad break before « : ; ? ! % € » or inside « », an
ungrouped amount, « 1 novembre » or a month abbreviation fails the test with the excerpt.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from projects.models import Document

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre")
_BREAKING = r"[ \t\r\n]"
CHECKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("espace sécable avant une ponctuation haute",
     re.compile(rf"\w{_BREAKING}+[;:!?](?=\s|$)")),
    ("espace sécable avant % ou €", re.compile(rf"\d{_BREAKING}+[%€]")),
    ("espace sécable après «", re.compile(rf"«{_BREAKING}")),
    ("espace sécable avant »", re.compile(rf"{_BREAKING}»")),
    ("montant non groupé", re.compile(
        r"(?<![\d\u202f\u00a0.,-])\d{4,}(?:,\d+)?[\u00a0\u202f ]?(?:€|%|Mbit|patients?\b)"
        r"|(?<![\d\u202f\u00a0.,-])\d{4,},\d")),
    ("premier du mois sans « er »", re.compile(
        rf"(?<![\d\u202f])1[ \u00a0](?:{'|'.join(MONTHS)})\b")),
    ("mois abrégé ou non français", re.compile(
        r"\b\d{1,2}(?:er)?[ \u00a0](?!(?:" + "|".join(MONTHS) + r")\b)"
        r"(?:[A-ZÉa-zéû]{3,5}\.?)[ \u00a0]\d{4}\b")),
    ("heure au format 14:00 dans la prose", re.compile(r"\bà \d{1,2}:\d{2}\b")),
)


def typography_faults(text: str) -> list[str]:
    """Every typography fault in ``text``, each with its excerpt."""
    faults = []
    for label, pattern in CHECKS:
        for match in pattern.finditer(text):
            start, end = max(match.start() - 25, 0), match.end() + 25
            faults.append(f"{label} : …{text[start:end]!r}…")
    return faults


def plain(text: str) -> str:
    """``text`` with its typographic characters as ASCII, for content assertions: no-break
    spaces as spaces, typographic apostrophes as « ' »."""
    return text.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")


def pdf_text(content: bytes, *, flat: bool = False) -> str:
    """The text of a PDF, page after page; ``flat`` folds every run of blanks (line breaks
    included) into one space and makes the typographic characters ASCII (``plain``), for
    content assertions. Typography checks read the text as it is (``flat=False``)."""
    from pypdf import PdfReader

    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return plain(" ".join(text.split())) if flat else text


def document_pdf_text(document: Document, *, flat: bool = False) -> str:
    """``pdf_text`` of a stored document's file."""
    with document.file.open("rb") as handle:
        return pdf_text(handle.read(), flat=flat)
