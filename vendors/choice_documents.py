"""The dossier de choix (PDF) and its analysis grid (XLSX), and the choice's history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.choices import DocumentKind
from projects.documents import XLSX_CONTENT_TYPE, DocumentBuilder, builder_register
from projects.history import Tracked, history_track

from .choice_models import SolutionChoice
from .choice_selectors import DOSSIER_SECTIONS, dossier_de_choix_data
from .choice_xlsx import dossier_grid_xlsx


def choice_register() -> None:
    """Called once from ``VendorsConfig.ready``: the two documents and the history."""
    builder_register(DocumentKind.DOSSIER_DE_CHOIX, DocumentBuilder(
        gather=dossier_de_choix_data, template="vendors/pdf/dossier_de_choix.html",
        file_stem="dossier-de-choix", sections=DOSSIER_SECTIONS,
    ))
    builder_register(DocumentKind.DOSSIER_DE_CHOIX_GRID, DocumentBuilder(
        gather=dossier_de_choix_data, write=dossier_grid_xlsx,
        file_stem="grille-analyse-offres", extension="xlsx", content_type=XLSX_CONTENT_TYPE,
    ))
    history_track(Tracked("choix", SolutionChoice, "project_id",
                          lambda record, refs: _("Dossier de choix et solution retenue")))
