"""The dossier de choix (PDF) and its analysis grid (XLSX), and the choice's history."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from projects.documents.builders import XLSX_CONTENT_TYPE, DocumentBuilder, DocumentMeta
from projects.history import Tracked
from projects.plugins import DocumentSpec
from vendors.choices import VendorsDocument

from .models import SolutionChoice
from .selectors import DOSSIER_SECTIONS, dossier_de_choix_data
from .xlsx import dossier_grid_xlsx


def _grid_attachment(data: Any, meta: DocumentMeta) -> tuple[tuple[str, bytes, str], ...]:
    """The analysis grid, embedded in the archived PDF as its source data (PDF/A-3)."""
    return (("grille-analyse-offres.xlsx", dossier_grid_xlsx(data, meta),
             str(_("Grille d'analyse des offres : les données des tableaux du dossier"))),)


# The dossier is the deliverable of step 11: its validation there freezes the version.
DOCUMENTS = (
    DocumentSpec(VendorsDocument.DOSSIER_DE_CHOIX, VendorsDocument.DOSSIER_DE_CHOIX.label,
                 DocumentBuilder(gather=dossier_de_choix_data,
                                 template="vendors/pdf/dossier_de_choix.html",
                                 file_stem="dossier-de-choix", sections=DOSSIER_SECTIONS,
                                 attachments=_grid_attachment),
                 validated_at_steps=(11,)),
    DocumentSpec(VendorsDocument.DOSSIER_DE_CHOIX_GRID,
                 VendorsDocument.DOSSIER_DE_CHOIX_GRID.label,
                 DocumentBuilder(gather=dossier_de_choix_data, write=dossier_grid_xlsx,
                                 file_stem="grille-analyse-offres", extension="xlsx",
                                 content_type=XLSX_CONTENT_TYPE)),
)
TRACKED = (
    Tracked("choix", SolutionChoice, "project_id",
            lambda record, refs: _("Dossier de choix et solution retenue")),
)
