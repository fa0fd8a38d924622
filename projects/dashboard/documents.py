"""The « Tableau de bord » PDF: the dashboard of the home page, charts and tables, as of
the day it is generated."""

from __future__ import annotations

from ..choices import DocumentKind
from ..documents.builders import DocumentBuilder
from ..plugins import DocumentSpec
from .selectors import dashboard_document_data

DASHBOARD_SECTIONS: tuple[tuple[str, str], ...] = (
    ("avancement", "1. Avancement"),
    ("calendrier", "2. Retards et jalons"),
    ("couts", "3. Budget"),
    ("risques", "4. Principaux risques"),
    ("graphiques", "5. Graphiques et leurs données"),
)

DOCUMENTS = (
    DocumentSpec(DocumentKind.DASHBOARD, DocumentKind.DASHBOARD.label,
                 DocumentBuilder(gather=dashboard_document_data,
                                 template="projects/pdf/dashboard.html",
                                 file_stem="tableau-de-bord", sections=DASHBOARD_SECTIONS)),
)
