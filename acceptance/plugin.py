"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import Tracked, title_label
from projects.plugins import Plugin, StepPage, plugin_register

from .anomalies.documents import DOCUMENTS as ANOMALY_DOCUMENTS
from .migration.history import TRACKED as MIGRATION_TRACKED
from .models import AcceptanceCase, Anomaly, AnomalyComment, Contract, Obligation
from .permissions import PERMISSIONS
from .settings.documents import DOCUMENTS as SETTINGS_DOCUMENTS
from .settings.history import TRACKED as SETTINGS_TRACKED

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
    Tracked("commentaire_anomalie", AnomalyComment, "project_id",
            lambda record, refs: _("Commentaire « %s »") % record.text[:60]),
)

plugin_register(Plugin(
    app_label="acceptance",
    step_pages=(
        StepPage(12, "acceptance:settings", gettext_lazy("Paramétrage")),
        StepPage(12, "acceptance:habilitations", gettext_lazy("Matrice d'habilitation"),
                 is_working_page=False),
        StepPage(12, "acceptance:contract", gettext_lazy("Contrat et engagements du prestataire"),
                 is_working_page=False),
        StepPage(13, "acceptance:migration", gettext_lazy("Reprise des données")),
        StepPage(14, "acceptance:anomaly-list", gettext_lazy("Registre des anomalies"),
                 is_working_page=False),
        StepPage(16, "acceptance:anomaly-list", gettext_lazy("Registre des anomalies"),
                 is_working_page=False),
    ),
    documents=(*SETTINGS_DOCUMENTS, *ANOMALY_DOCUMENTS),
    history=(*TRACKED, *SETTINGS_TRACKED, *MIGRATION_TRACKED),
    permissions=PERMISSIONS,
    implementation_start="acceptance.contract.services.contract_open",
    demo_projects="acceptance.demo.phase4.demo_projects",
))
