"""The periodic list of non-blocking anomalies sent to the vendor (step 16): PDF and XLSX.

Method, step 16: blocking anomalies are reported at once; the non-blocking ones are
gathered in a document sent to the vendor at an agreed frequency. Both files carry only
what the vendor may see: no internal comment.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from msp_si.common import clock
from projects.documents.builders import XLSX_CONTENT_TYPE, DocumentBuilder, DocumentMeta
from projects.plugins import DocumentSpec
from requirements.rfp.cadre import text_cell

from ..choices import AcceptanceDocument, Severity
from . import rules
from .models import Anomaly, AnomalyComment
from .selectors import contract_of, is_late

if TYPE_CHECKING:
    from projects.models import Project

    from ..contract.models import Contract

SECTIONS: tuple[tuple[str, str], ...] = (
    ("synthese", "1. Synthèse"),
    ("anomalies", "2. Anomalies non bloquantes en cours"),
)
COLUMNS: tuple[tuple[str, int], ...] = (
    ("N°", 10), ("Titre", 40), ("Gravité", 12), ("Statut", 16), ("Signalée le", 18),
    ("Prise en compte attendue avant", 22), ("Hors délai", 10), ("Besoin", 14),
    ("Description", 60), ("Étapes pour reproduire", 50), ("Commentaires partagés", 60),
)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class ListLine:
    """One anomaly of the list, with its shared comments."""

    anomaly: Anomaly
    late: bool
    comments: list[AnomalyComment]


@dataclass(frozen=True)
class AnomalyListData:
    """What the periodic list shows."""

    project: Project
    contract: Contract | None
    lines: list[ListLine]
    # The day of the situation: a list asked for again the same day with the same anomalies
    # is the same list (its input fingerprint does not move with the clock's seconds).
    as_of: date
    sections: tuple[tuple[str, str], ...] = SECTIONS

    @property
    def late_count(self) -> int:
        return sum(line.late for line in self.lines)

    def count(self, severity: str) -> int:
        return sum(line.anomaly.severity == severity for line in self.lines)

    @property
    def major_count(self) -> int:
        return self.count(Severity.MAJOR)

    @property
    def minor_count(self) -> int:
        return self.count(Severity.MINOR)


def anomaly_list_data(project: Project) -> AnomalyListData:
    """The non-blocking anomalies still standing, oldest first, with shared comments only."""
    now = clock.now()
    shared = AnomalyComment.objects.filter(is_internal=False).order_by("created_at", "id")
    anomalies = (Anomaly.objects.filter(project=project, status__in=rules.OPEN_STATUSES)
                 .exclude(severity=Severity.BLOCKING).select_related("requirement")
                 .prefetch_related(Prefetch("comments", queryset=shared, to_attr="shared"))
                 .order_by("number"))
    lines = [ListLine(a, is_late(a, now), a.shared)
             for a in anomalies]
    return AnomalyListData(project=project,
                           contract=contract_of(project=project),
                           lines=lines, as_of=timezone.localdate(now))


def _naive(value: datetime | None) -> datetime | None:
    """openpyxl refuses aware datetimes: Paris wall-clock time, as the reader expects."""
    return timezone.localtime(value).replace(tzinfo=None) if value else None


def anomaly_list_xlsx(data: AnomalyListData, meta: DocumentMeta) -> bytes:
    """The same list as a workbook: one row per anomaly, user text never a formula."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Anomalies")
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = text_cell(sheet, 1, column, title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    for row, line in enumerate(data.lines, start=2):
        a = line.anomaly
        comments = "\n".join(
            f"{timezone.localtime(c.created_at):%d/%m/%Y} "
            f"{_('Prestataire') if c.is_from_vendor else _('Équipe projet')} : {c.text}"
            for c in line.comments)
        texts = (f"AN-{a.number:03d}", a.title, a.get_severity_display(),
                 a.get_status_display())
        for column, value in enumerate(texts, start=1):
            text_cell(sheet, row, column, str(value)).alignment = _WRAP
        for column, moment in ((5, a.reported_at), (6, a.due_at)):
            cell = sheet.cell(row=row, column=column, value=_naive(moment))
            cell.number_format = "DD/MM/YYYY HH:MM"
        text_cell(sheet, row, 7, _("oui") if line.late else _("non"))
        for column, value in ((8, a.requirement.code if a.requirement else ""),
                              (9, a.description), (10, a.reproduction), (11, comments)):
            text_cell(sheet, row, column, value).alignment = _WRAP
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(len(data.lines) + 1, 1)}"
    book.properties.title = f"{_('Liste périodique des anomalies')} — {data.project.name}"
    book.properties.creator = meta.author.display_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.ANOMALY_LIST, AcceptanceDocument.ANOMALY_LIST.label,
                 DocumentBuilder(gather=anomaly_list_data,
                                 template="acceptance/pdf/anomaly_list.html",
                                 file_stem="liste-anomalies", sections=SECTIONS)),
    DocumentSpec(AcceptanceDocument.ANOMALY_LIST_GRID,
                 AcceptanceDocument.ANOMALY_LIST_GRID.label,
                 DocumentBuilder(gather=anomaly_list_data, write=anomaly_list_xlsx,
                                 file_stem="liste-anomalies", extension="xlsx",
                                 content_type=XLSX_CONTENT_TYPE)),
)
