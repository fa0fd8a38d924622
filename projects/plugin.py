"""What the projects app itself brings to the method: steps 1–3 (cadrage) and step 8's
documents page, the note de cadrage. Its permissions and history are the core ones
(``policy.CORE_PERMISSIONS``, ``history.TRACKED``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .budget.history import TRACKED as BUDGET_TRACKED
from .budget.permissions import PERMISSIONS as BUDGET_PERMISSIONS
from .choices import DocumentKind
from .dashboard.documents import DOCUMENTS as DASHBOARD_DOCUMENTS
from .documents.builders import NOTE_DE_CADRAGE_BUILDER
from .plugins import DocumentSpec, ExportedModel, Plugin, ProjectLink, StepPage, plugin_register
from .reminders.kinds import KINDS as REMINDER_KINDS
from .risks.history import TRACKED as RISK_TRACKED
from .risks.permissions import PERMISSIONS as RISK_PERMISSIONS
from .steering.documents import DOCUMENTS as COPIL_DOCUMENTS
from .steering.history import TRACKED as COPIL_TRACKED
from .steering.permissions import PERMISSIONS as COPIL_PERMISSIONS

plugin_register(Plugin(
    app_label="projects",
    step_pages=(
        StepPage(1, "projects:framing", _("Objectifs et périmètre")),
        StepPage(2, "projects:charter", _("Équipe projet")),
        StepPage(3, "projects:calendar", _("Calendrier")),
        StepPage(8, "projects:document-list", _("Documents du projet")),
    ),
    documents=(
        # Steps 1 to 3 are validated together on the note de cadrage.
        DocumentSpec(DocumentKind.NOTE_DE_CADRAGE, DocumentKind.NOTE_DE_CADRAGE.label,
                     NOTE_DE_CADRAGE_BUILDER, validated_at_steps=(1, 2, 3)),
        *COPIL_DOCUMENTS,
        *DASHBOARD_DOCUMENTS,
    ),
    exports=(
        ExportedModel("projects.Project", project_field=""),
        *(ExportedModel(f"projects.{name}") for name in (
            "Site", "ProjectProfession", "Membership", "Step", "Task", "Milestone", "Meeting",
            "DeploymentWave", "Framing", "AxisTarget", "ObjectiveSelection", "ScopeModule",
            "Contribution", "TeamCharter", "Document", "Risk", "RiskAssessment", "RiskAction",
            "BudgetLine", "FundingSource", "MeetingMinutes", "MeetingDecision",
            "MeetingAction")),
        ExportedModel("projects.DocumentComment", project_field="document__project"),
        ExportedModel("projects.StepTransition", project_field="step__project"),
        ExportedModel("projects.StepValidation", project_field="step__project"),
        # Rebuilt from the memberships' roles by the import.
        ExportedModel("projects.ProjectUserObjectPermission", project_field="content_object",
                      is_exported=False),
        ExportedModel("projects.ProjectGroupObjectPermission", project_field="content_object",
                      is_exported=False),
        # A pending invitation is a secret link of the installation that sent it.
        ExportedModel("projects.Invitation", is_exported=False),
        # An archive is made from the rest: it is not carried inside another one.
        ExportedModel("projects.ProjectArchive", is_exported=False),
        # A person's choice of reminders and the log of those sent follow the account,
        # not a project.
        ExportedModel("projects.ReminderOptOut", project_field="", is_exported=False),
        ExportedModel("projects.SentReminder", project_field="", is_exported=False),
        # The page cache's revision counter: an imported project starts its own.
        ExportedModel("projects.ProjectRevision", is_exported=False),
    ),
    home_links=(ProjectLink("projects:risk-list", _("Risques")),
                ProjectLink("projects:budget", _("Budget")),
                ProjectLink("projects:copil", _("Comités de pilotage"))),
    history=(*RISK_TRACKED, *BUDGET_TRACKED, *COPIL_TRACKED),
    permissions=(*RISK_PERMISSIONS, *BUDGET_PERMISSIONS, *COPIL_PERMISSIONS),
    demo_seed="projects.demo.risks.demo_part",
    step_progress="projects.progress.work.step_work",
    budget_feed="projects.budget.feed.budget_facts",
    reminder_kinds=REMINDER_KINDS,
    reminders="projects.reminders.sources.reminders_due",
))
