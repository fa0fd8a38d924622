"""What of step 10 shows in a project's history: auditions, their questions, complements."""

from __future__ import annotations

from projects.history import Tracked, ref_label

from ..market.models import Vendor
from .models import Audition, AuditionComplement, AuditionQuestion


def _short(text: str) -> str:
    return text if len(text) <= 80 else f"{text[:79]}…"


# The auditions in the chef de projet's history page.
TRACKED = (
    Tracked("audition", Audition, "project_id",
            lambda r, refs: ref_label(refs, Vendor, r.vendor_id),
            (("vendor_id", lambda: Vendor),)),
    Tracked("question-audition", AuditionQuestion, "project_id",
            lambda r, refs: _short(r.text)),
    Tracked("complement-offre", AuditionComplement, "project_id",
            lambda r, refs: _short(r.summary)),
)
