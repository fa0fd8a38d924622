"""What the acceptance app brings to the method: phase 4 « Mise en œuvre » (steps 12–18),
declared once for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.history import Tracked, title_label
from projects.plugins import ExportedModel, Plugin, StepPage, StepPanel, plugin_register

from .anomalies.documents import DOCUMENTS as ANOMALY_DOCUMENTS
from .bilan.documents import DOCUMENTS as BILAN_DOCUMENTS
from .bilan.documents import TRACKED as BILAN_TRACKED
from .maintenance.documents import DOCUMENTS as MAINTENANCE_DOCUMENTS
from .maintenance.history import TRACKED as MAINTENANCE_TRACKED
from .migration.history import TRACKED as MIGRATION_TRACKED
from .models import AcceptanceCase, Anomaly, AnomalyComment, Contract, Obligation
from .orders.documents import DOCUMENTS as ORDER_DOCUMENTS
from .orders.documents import TRACKED as ORDER_TRACKED
from .permissions import PERMISSIONS
from .recette.documents import DOCUMENTS as RECETTE_DOCUMENTS
from .recette.models import Campaign, CampaignCase, RecetteDecision
from .reminders import KINDS as REMINDER_KINDS
from .settings.documents import DOCUMENTS as SETTINGS_DOCUMENTS
from .settings.history import TRACKED as SETTINGS_TRACKED
from .training.documents import DOCUMENTS as TRAINING_DOCUMENTS
from .training.documents import TRACKED as TRAINING_TRACKED

TRACKED = (
    Tracked("contrat", Contract, "project_id", lambda record, refs: str(record)),
    Tracked("engagement", Obligation, "project_id",
            lambda record, refs: _("Engagement %s") % record.code),
    Tracked("cas", AcceptanceCase, "project_id", title_label("title")),
    Tracked("anomalie", Anomaly, "project_id", title_label("title")),
    Tracked("commentaire_anomalie", AnomalyComment, "project_id",
            lambda record, refs: _("Commentaire « %s »") % record.text[:60]),
    Tracked("campagne", Campaign, "project_id", title_label("name")),
    Tracked("cas de campagne", CampaignCase, "project_id", title_label("code")),
    Tracked("décision de recette", RecetteDecision, "project_id",
            lambda record, refs: _("Décision de recette")),
)
STEP_PAGES = (
    StepPage(12, "acceptance:settings", gettext_lazy("Paramétrage")),
    StepPage(12, "acceptance:habilitations", gettext_lazy("Matrice d'habilitation"),
             is_working_page=False),
    StepPage(12, "acceptance:contract", gettext_lazy("Contrat et engagements du prestataire"),
             is_working_page=False),
    StepPage(13, "acceptance:migration", gettext_lazy("Reprise des données")),
    StepPage(14, "acceptance:recette", gettext_lazy("Recette")),
    StepPage(14, "acceptance:case-list", gettext_lazy("Cas de test"), is_working_page=False),
    StepPage(14, "acceptance:coverage", gettext_lazy("Couverture des besoins"),
             is_working_page=False),
    StepPage(14, "acceptance:traceability", gettext_lazy("Traçabilité"),
             is_working_page=False),
    StepPage(14, "acceptance:anomaly-list", gettext_lazy("Registre des anomalies"),
             is_working_page=False),
    StepPage(15, "acceptance:training", gettext_lazy("Formation des utilisateurs")),
    StepPage(16, "acceptance:maintenance", gettext_lazy("Maintenance et évolutions")),
    StepPage(16, "acceptance:anomaly-list", gettext_lazy("Registre des anomalies"),
             is_working_page=False),
    StepPage(17, "acceptance:bilan", gettext_lazy("Bilan du projet")),
    StepPage(17, "acceptance:survey-answer", gettext_lazy("Enquête de satisfaction"),
             is_working_page=False),
    StepPage(18, "acceptance:orders",
             gettext_lazy("Prestations complémentaires et bons de commande")),
)
STEP_PANELS = (StepPanel(14, "acceptance/recette/_step_panel.html"),)

plugin_register(Plugin(
    app_label="acceptance",
    step_pages=STEP_PAGES,
    step_panels=STEP_PANELS,
    documents=(*SETTINGS_DOCUMENTS, *RECETTE_DOCUMENTS, *ANOMALY_DOCUMENTS,
               *TRAINING_DOCUMENTS, *ORDER_DOCUMENTS, *BILAN_DOCUMENTS,
               *MAINTENANCE_DOCUMENTS),
    history=(*TRACKED, *SETTINGS_TRACKED, *MIGRATION_TRACKED, *ORDER_TRACKED,
             *TRAINING_TRACKED, *MAINTENANCE_TRACKED, *BILAN_TRACKED),
    permissions=PERMISSIONS,
    implementation_start="acceptance.contract.services.contract_open",
    demo_projects="acceptance.demo.phase4.demo_projects",
    load_pages="acceptance.demo.load.load_pages",
    benchmark="acceptance.demo.benchmark.benchmark_part",
    budget_feed="acceptance.budget.budget_facts",
    dashboard_charts="acceptance.pilotage.dashboard_charts",
    portfolio_figures="acceptance.pilotage.portfolio_figures",
    # Every model of phase 4 hangs off its project; the archive orders them by their keys.
    exports=(*(ExportedModel(f"acceptance.{name}") for name in (
        "Contract", "Obligation", "AcceptanceCase", "HabilitationMatrix",
        "HabilitationProfile", "HabilitationValidation", "PatientInformation", "SettingItem",
        "MigrationNote", "MigrationLine", "SampleCheck", "MigrationDecision", "Campaign",
        "CampaignCase", "Execution", "TraceCheck", "RecetteDecision", "Anomaly",
        "AnomalyComment", "TrainingGroup", "Trainee", "TrainingSession", "Attendance",
        "EvolutionRequest", "EvolutionVote", "Intervention", "CostEntry", "Survey",
        "SurveyParticipation", "SurveyResponse", "Bilan", "PurchaseOrder", "PurchaseOrderLine")),
        # Personal survey links are secrets of the installation that issued them.
        ExportedModel("acceptance.SurveyInvitation", is_exported=False)),
    reminder_kinds=REMINDER_KINDS,
    reminders="acceptance.reminders.reminders_due",
))
