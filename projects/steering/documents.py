"""The « Compte rendu de COPIL » PDF, one per recorded minutes (subject: their id)."""

from __future__ import annotations

from ..choices import DocumentKind
from ..documents.builders import DocumentBuilder
from ..plugins import DocumentSpec
from .selectors import minutes_document_data

MINUTES_SECTIONS: tuple[tuple[str, str], ...] = (
    ("presents", "1. Présents et ordre du jour"),
    ("tableau", "2. Tableau de bord à la date du comité"),
    ("decisions", "3. Décisions"),
    ("actions", "4. Actions"),
    ("risques", "5. Risques revus"),
)

DOCUMENTS = (
    DocumentSpec(DocumentKind.COPIL_MINUTES, DocumentKind.COPIL_MINUTES.label,
                 DocumentBuilder(gather=minutes_document_data,
                                 template="projects/pdf/copil_minutes.html",
                                 file_stem="compte-rendu-copil", takes_subject=True,
                                 sections=MINUTES_SECTIONS)),
)
