"""What of the vendors app shows in a project's history: its assessments of vendors."""

from __future__ import annotations

from projects.history import Tracked, ref_label

from .consultation_models import Consultation, ConsultedVendor
from .models import Vendor, VendorAssessment

TRACKED = (
    Tracked("editeur", VendorAssessment, "project_id",
            lambda r, refs: ref_label(refs, Vendor, r.vendor_id), (("vendor_id", lambda: Vendor),)),
    Tracked("consultation", Consultation, "project_id",
            lambda r, refs: str(r.response_deadline or "—")),
    Tracked("consulte", ConsultedVendor, "project_id",
            lambda r, refs: ref_label(refs, Vendor, r.vendor_id), (("vendor_id", lambda: Vendor),)),
)
