"""What the requirements app brings to the method: phase 2 « Définition » (steps 4, 6, 7
and the documents of step 8), declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from projects.plugins import ExportedModel, Plugin, StepPage, plugin_register

from .history import TRACKED
from .permissions import PERMISSIONS
from .reminders import KINDS as REMINDER_KINDS
from .rfp.documents import DOCUMENTS

plugin_register(Plugin(
    app_label="requirements",
    step_pages=(
        StepPage(4, "requirements:existing", _("Étude de l'existant")),
        StepPage(6, "requirements:grid", _("Grille des besoins")),
        StepPage(7, "requirements:services", _("Prestations attendues")),
    ),
    documents=DOCUMENTS,
    history=TRACKED,
    permissions=PERMISSIONS,
    demo_seed="requirements.demo.definition.demo_part",
    benchmark="requirements.demo.benchmark.benchmark_part",
    exports=(
        *(ExportedModel(f"requirements.{name}") for name in (
            "ExistingState", "ProfessionProfile", "ProtocolPathology", "TerritoryPartner",
            "ServiceExpectations", "MigrationItem", "NeedsGrid", "GridDomain", "GridSubDomain",
            "Requirement", "ProfessionPriority", "TechnicalPreference")),
        ExportedModel("requirements.SiteStaffing", project_field="profile__project"),
    ),
    step_progress="requirements.progress.step_work",
    reminder_kinds=REMINDER_KINDS,
    reminders="requirements.reminders.reminders_due",
))
