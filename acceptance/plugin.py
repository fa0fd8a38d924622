"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import Tracked, title_label
from projects.plugins import Plugin, StepPage, plugin_register

from .migration.history import TRACKED as MIGRATION_TRACKED
from .models import AcceptanceCase, Anomaly, Contract, Obligation
from .permissions import PERMISSIONS
from .settings.documents import DOCUMENTS as SETTINGS_DOCUMENTS
from .settings.history import TRACKED as SETTINGS_TRACKED

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
)

plugin_register(Plugin(
    app_label="acceptance",
    step_pages=(
        StepPage(12, "acceptance:settings", gettext_lazy("Paramétrage")),
        StepPage(12, "acceptance:habilitations", gettext_lazy("Matrice d'habilitation"),
                 is_working_page=False),
        StepPage(13, "acceptance:migration", gettext_lazy("Reprise des données")),
    ),
    documents=(*SETTINGS_DOCUMENTS,),
    history=(*TRACKED, *SETTINGS_TRACKED, *MIGRATION_TRACKED),
    permissions=PERMISSIONS,
    implementation_start="acceptance.contract.services.contract_open",
))
