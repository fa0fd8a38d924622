"""What of the requirements app shows in a project's history (steps 4, 6 §2 and 7)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.history import Tracked, ref_label, title_label

from .existing.models import ExistingState, ProfessionProfile, ProtocolPathology, TerritoryPartner
from .existing.rules import PATHOLOGY_BY_CODE
from .expected.models import MigrationItem, ServiceExpectations
from .needs.models import GridDomain, NeedsGrid, ProfessionPriority, Requirement
from .technical.models import TechnicalPreference

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
    Tracked("grille", NeedsGrid, "project_id",
            lambda r, refs: _("Grille des besoins, version %s") % r.version),
    Tracked("domaine", GridDomain, "project_id", lambda r, refs: f"{r.code} — {r.title}"),
    Tracked("besoin", Requirement, "project_id", lambda r, refs: f"{r.code} — {r.text[:80]}"),
    Tracked("priorite", ProfessionPriority, "project_id",
            lambda r, refs: f"{ref_label(refs, Requirement, r.requirement_id)} "
                            f"({r.get_profession_display()})",
            (("requirement_id", lambda: Requirement),)),
)
