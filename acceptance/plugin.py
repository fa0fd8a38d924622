"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from projects.history import Tracked, title_label
from projects.plugins import Plugin, StepPage, StepPanel, plugin_register

from .models import AcceptanceCase, Anomaly, Contract, Obligation
from .permissions import PERMISSIONS
from .recette.documents import DOCUMENTS as RECETTE_DOCUMENTS
from .recette.models import Campaign, CampaignCase, RecetteDecision

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
    Tracked("campagne", Campaign, "project_id", title_label("name")),
    Tracked("cas de campagne", CampaignCase, "project_id", title_label("code")),
    Tracked("décision de recette", RecetteDecision, "project_id",
            lambda record, refs: _("Décision de recette")),
)
STEP_PAGES = (
    StepPage(14, "acceptance:recette", _lazy("Recette")),
    StepPage(14, "acceptance:case-list", _lazy("Cas de test"), is_working_page=False),
    StepPage(14, "acceptance:coverage", _lazy("Couverture des besoins"),
             is_working_page=False),
    StepPage(14, "acceptance:traceability", _lazy("Traçabilité"), is_working_page=False),
)
STEP_PANELS = (StepPanel(14, "acceptance/recette/_step_panel.html"),)

plugin_register(Plugin(
    app_label="acceptance",
    history=TRACKED,
    permissions=PERMISSIONS,
    step_pages=STEP_PAGES,
    step_panels=STEP_PANELS,
    documents=(*RECETTE_DOCUMENTS,),
    implementation_start="acceptance.contract.services.contract_open",
))
