"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import Tracked, title_label
from projects.plugins import Plugin, StepPage, plugin_register

from .bilan.documents import DOCUMENTS as BILAN_DOCUMENTS
from .bilan.documents import TRACKED as BILAN_TRACKED
from .maintenance.history import TRACKED as MAINTENANCE_TRACKED
from .models import AcceptanceCase, Anomaly, Contract, Obligation
from .orders.documents import DOCUMENTS as ORDER_DOCUMENTS
from .orders.documents import TRACKED as ORDER_TRACKED
from .permissions import PERMISSIONS
from .training.documents import DOCUMENTS as TRAINING_DOCUMENTS
from .training.documents import TRACKED as TRAINING_TRACKED

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
    *ORDER_TRACKED,
    *TRAINING_TRACKED,
    *MAINTENANCE_TRACKED,
    *BILAN_TRACKED,
)
STEP_PAGES = (
    StepPage(15, "acceptance:training", gettext_lazy("Formation des utilisateurs")),
    StepPage(16, "acceptance:maintenance", gettext_lazy("Maintenance et évolutions")),
    StepPage(17, "acceptance:bilan", gettext_lazy("Bilan du projet")),
    StepPage(17, "acceptance:survey-answer", gettext_lazy("Enquête de satisfaction"),
             is_working_page=False),
    StepPage(18, "acceptance:orders",
             gettext_lazy("Prestations complémentaires et bons de commande")),
)
DOCUMENTS = (*ORDER_DOCUMENTS, *TRAINING_DOCUMENTS, *BILAN_DOCUMENTS)

plugin_register(Plugin(
    app_label="acceptance",
    history=TRACKED,
    step_pages=STEP_PAGES,
    documents=DOCUMENTS,
    permissions=PERMISSIONS,
    implementation_start="acceptance.contract.services.contract_open",
))
