"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.history import Tracked, title_label
from projects.plugins import Plugin, plugin_register

from .models import AcceptanceCase, Anomaly, Contract, Obligation
from .permissions import PERMISSIONS

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
)

plugin_register(Plugin(
    app_label="acceptance",
    history=TRACKED,
    permissions=PERMISSIONS,
    implementation_start="acceptance.contract.services.contract_open",
    demo_projects="acceptance.demo.phase4.demo_projects",
))
