"""The convocation to an audition (step 10), one PDF per shortlisted vendor."""

from __future__ import annotations

from projects.choices import DocumentKind
from projects.documents import DocumentBuilder, builder_register

from .audition_selectors import audition_letter_data


def register_audition_documents() -> None:
    """Make the convocation buildable (subject: the consulted vendor's id)."""
    builder_register(DocumentKind.AUDITION_LETTER, DocumentBuilder(
        gather=audition_letter_data, takes_subject=True,
        template="vendors/pdf/audition_letter.html", file_stem="convocation-audition",
    ))
