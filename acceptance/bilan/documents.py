"""The rapport de bilan (PDF) and the bilan's history (never the anonymous answers)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.documents.builders import DocumentBuilder
from projects.history import Tracked, title_label
from projects.plugins import DocumentSpec

from ..choices import AcceptanceDocument
from .models import Bilan, CostEntry, Survey
from .report import BILAN_SECTIONS, bilan_report_data

DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.BILAN_REPORT, AcceptanceDocument.BILAN_REPORT.label,
                 DocumentBuilder(gather=bilan_report_data, sections=BILAN_SECTIONS,
                                 template="acceptance/pdf/bilan_report.html",
                                 file_stem="rapport-de-bilan")),
)
TRACKED = (
    Tracked("coût réel", CostEntry, "project_id", title_label("label")),
    Tracked("enquête", Survey, "project_id", lambda record, refs: _("Enquête de satisfaction")),
    Tracked("bilan", Bilan, "project_id", lambda record, refs: _("Bilan du projet")),
)
