"""The convocation to an audition (step 10), one PDF per shortlisted vendor."""

from __future__ import annotations

from projects.documents.builders import DocumentBuilder
from projects.plugins import DocumentSpec
from vendors.choices import VendorsDocument

from .selectors import audition_letter_data

# The convocation, one per audition (subject: the consulted vendor's id).
DOCUMENTS = (
    DocumentSpec(VendorsDocument.AUDITION_LETTER, VendorsDocument.AUDITION_LETTER.label,
                 DocumentBuilder(gather=audition_letter_data, takes_subject=True,
                                 template="vendors/pdf/audition_letter.html",
                                 file_stem="convocation-audition")),
)
