"""What of the requirements app shows in a project's history (steps 4, 6 §2 and 7)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.history import Tracked, title_label

from .existing_rules import PATHOLOGY_BY_CODE
from .models import (
    ExistingState,
    MigrationItem,
    ProfessionProfile,
    ProtocolPathology,
    ServiceExpectations,
    TechnicalPreference,
    TerritoryPartner,
)

TRACKED = (
    Tracked("existant", ExistingState, "project_id",
            lambda r, refs: _("Étude de l'existant")),
    Tracked("existant_profession", ProfessionProfile, "project_id",
            lambda r, refs: str(r.get_profession_display())),
    Tracked("pathologie", ProtocolPathology, "project_id",
            lambda r, refs: str(PATHOLOGY_BY_CODE[r.code].label)
            if r.code in PATHOLOGY_BY_CODE else r.code),
    Tracked("partenaire", TerritoryPartner, "project_id", title_label("name")),
    Tracked("preferences_techniques", TechnicalPreference, "project_id",
            lambda r, refs: _("Préférences techniques")),
    Tracked("prestations", ServiceExpectations, "project_id",
            lambda r, refs: _("Prestations attendues")),
    Tracked("reprise", MigrationItem, "project_id", title_label("data")),
)
