"""What of the vendors app shows in a project's history: assessments, consultation, answers."""

from __future__ import annotations

from django.utils.translation import gettext as _

from msp_si.common.typography import french_datetime
from projects.history import Tracked, ref_label

from .consultation.models import AnswerSet, Consultation, ConsultedVendor
from .market.models import Vendor, VendorAssessment


def _answer_set_label(record: AnswerSet) -> str:
    """« cadre.xlsx, reçu le 1 octobre 2026 09:00 »: the file, as the import page names it."""
    return _("%(file)s, reçu le %(at)s") % {
        "file": record.file_name,
        "at": french_datetime(record.received_at)}

TRACKED = (
    Tracked("editeur", VendorAssessment, "project_id",
            lambda r, refs: ref_label(refs, Vendor, r.vendor_id), (("vendor_id", lambda: Vendor),)),
    Tracked("consultation", Consultation, "project_id",
            lambda r, refs: str(r.response_deadline or "—")),
    Tracked("consulte", ConsultedVendor, "project_id",
            lambda r, refs: ref_label(refs, Vendor, r.vendor_id), (("vendor_id", lambda: Vendor),)),
    Tracked("reponse-importee", AnswerSet, "project_id", lambda r, refs: _answer_set_label(r)),
)
