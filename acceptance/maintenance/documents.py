"""Documents of step 16: the list of evolution requests (XLSX, for the vendor and the
référents' meeting) and the avis d'intervention (PDF, posted in the MSP)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from projects.documents.builders import XLSX_CONTENT_TYPE, DocumentBuilder, DocumentMeta
from projects.plugins import DocumentSpec
from requirements.rfp.cadre import text_cell

from ..choices import AcceptanceDocument
from ..training.selectors import lead_name
from .models import EvolutionRequest, EvolutionVote, Intervention
from .rules import VoteResult, vote_results

if TYPE_CHECKING:
    from projects.models import Project

COLUMNS: tuple[tuple[str, int], ...] = (
    ("N°", 10), ("Titre", 40), ("Besoin", 12), ("Origine", 16), ("Priorité", 12),
    ("Statut", 22), ("Version visée", 14), ("Demandée par", 24), ("Proposée le", 14),
    ("Pour", 8), ("Contre", 8), ("Abstention", 11), ("Description", 60),
)
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_FILL = PatternFill("solid", fgColor="0B4F8A")
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class EvolutionListData:
    """Every evolution request of the project with the référents' votes."""

    project: Project
    evolutions: list[EvolutionRequest]
    votes: dict[int, VoteResult]


def evolution_list_data(project: Project) -> EvolutionListData:
    """The requests, oldest first, and their votes (two queries)."""
    evolutions = list(EvolutionRequest.objects.filter(project=project)
                      .select_related("requested_by", "requirement").order_by("number"))
    votes = vote_results(EvolutionVote.objects.filter(project=project)
                         .values_list("evolution_id", "choice"))
    return EvolutionListData(project, evolutions, votes)


def evolution_list_xlsx(data: EvolutionListData, meta: DocumentMeta) -> bytes:
    """One row per request; user text is never read as a formula."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Évolutions")
    for column, (title, width) in enumerate(COLUMNS, start=1):
        cell = text_cell(sheet, 1, column, title)
        cell.font, cell.fill, cell.alignment = _HEADER_FONT, _HEADER_FILL, _WRAP
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "B2"
    for row, e in enumerate(data.evolutions, start=2):
        votes = data.votes.get(e.pk, VoteResult())
        texts = (f"EV-{e.number:03d}", e.title, e.requirement.code if e.requirement else "",
                 e.get_origin_display(), e.get_priority_display(), e.get_status_display(),
                 e.target_version, e.requested_by.display_name)
        for column, value in enumerate(texts, start=1):
            text_cell(sheet, row, column, str(value)).alignment = _WRAP
        day = sheet.cell(row=row, column=9, value=timezone.localdate(e.created_at))
        day.number_format = "DD/MM/YYYY"
        for column, count in ((10, votes.in_favour), (11, votes.against),
                              (12, votes.abstentions)):
            sheet.cell(row=row, column=column, value=count)
        text_cell(sheet, row, 13, e.description).alignment = _WRAP
    last = get_column_letter(len(COLUMNS))
    sheet.auto_filter.ref = f"A1:{last}{max(len(data.evolutions) + 1, 1)}"
    book.properties.title = _("Demandes d'évolution — %s") % data.project.name
    book.properties.creator = meta.author.display_name
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@dataclass(frozen=True)
class InterventionNoticeData:
    """One intervention (subject: its id), in the MSP's time, and who to contact."""

    project: Project
    intervention: Intervention
    starts_at: datetime
    ends_at: datetime
    lead_name: str


def intervention_notice_data(project: Project, subject: str) -> InterventionNoticeData:
    """The intervention of the project named by ``subject``."""
    intervention = get_object_or_404(
        Intervention.objects.select_related("recette_campaign", "training_session"),
        project=project, pk=int(subject))
    starts = timezone.localtime(intervention.starts_at)
    return InterventionNoticeData(
        project, intervention, starts,
        starts + timedelta(minutes=intervention.downtime_minutes), lead_name(project))


DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.EVOLUTION_LIST, AcceptanceDocument.EVOLUTION_LIST.label,
                 DocumentBuilder(gather=evolution_list_data, write=evolution_list_xlsx,
                                 file_stem="demandes-evolution", extension="xlsx",
                                 content_type=XLSX_CONTENT_TYPE)),
    # Subject: the intervention's id.
    DocumentSpec(AcceptanceDocument.INTERVENTION_NOTICE,
                 AcceptanceDocument.INTERVENTION_NOTICE.label,
                 DocumentBuilder(gather=intervention_notice_data, takes_subject=True,
                                 template="acceptance/pdf/intervention_notice.html",
                                 file_stem="avis-intervention")),
)
