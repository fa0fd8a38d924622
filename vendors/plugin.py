"""What the vendors app brings to the method: the market study (step 5) and phase 3
« Choix de la solution » (steps 9–11, the vote of the assemblée générale), declared once
for ``projects.plugins``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from projects.plugins import ExportedModel, Plugin, ProjectLink, StepPage, plugin_register

from .auditions.documents import DOCUMENTS as AUDITION_DOCUMENTS
from .auditions.history import TRACKED as AUDITION_TRACKED
from .consultation.documents import DOCUMENTS as CONSULTATION_DOCUMENTS
from .decision.documents import DOCUMENTS as CHOICE_DOCUMENTS
from .decision.documents import TRACKED as CHOICE_TRACKED
from .evaluation.history import TRACKED_SCORING
from .history import TRACKED as MARKET_TRACKED
from .permissions import PERMISSIONS
from .votes.documents import DOCUMENTS as VOTE_DOCUMENTS
from .votes.history import TRACKED as VOTE_TRACKED
from .votes.reminders import KINDS as VOTE_REMINDER_KINDS

plugin_register(Plugin(
    app_label="vendors",
    step_pages=(
        StepPage(5, "vendors:market-study", _("Étude de marché")),
        StepPage(9, "vendors:consultation", _("Consultation")),
        StepPage(10, "vendors:auditions", _("Auditions")),
        StepPage(11, "vendors:analysis", _("Analyse des offres")),
        StepPage(11, "vendors:vote-list", _("Votes de l'assemblée générale"),
                 is_working_page=False),
        StepPage(11, "vendors:choice", _("Dossier de choix et décision"),
                 is_working_page=False),
    ),
    home_links=(ProjectLink("vendors:vote-list", _("Votes de l'assemblée générale")),),
    home_panels=("vendors/choice/_home_panel.html",),
    documents=(*CONSULTATION_DOCUMENTS, *AUDITION_DOCUMENTS, *VOTE_DOCUMENTS,
               *CHOICE_DOCUMENTS),
    history=(*MARKET_TRACKED, *TRACKED_SCORING, *VOTE_TRACKED, *AUDITION_TRACKED,
             *CHOICE_TRACKED),
    permissions=PERMISSIONS,
    demo_seed="vendors.demo.market.demo_part",
    benchmark="vendors.demo.benchmark.benchmark_part",
    exports=(
        # The catalogue is shared by the installation: an import reuses the same product.
        ExportedModel("vendors.Vendor", match_field="lookup_key"),
        *(ExportedModel(f"vendors.{name}") for name in (
            "VendorAssessment", "Consultation", "ConsultedVendor", "AnswerSet", "Audition",
            "AuditionQuestion", "AuditionComplement", "CriteriaSettings",
            "EliminatoryCriterion", "SecondaryCriterion", "EvaluationMark",
            "EvaluationSubmission", "EliminatoryDecision", "Vote", "RoomVoter",
            "SolutionChoice")),
        *(ExportedModel(f"vendors.{name}", project_field="vote__project")
          for name in ("VoteOption", "VoteProxy", "Ballot")),
    ),
    step_progress="vendors.progress.step_work",
    budget_feed="vendors.budget.budget_facts",
    reminder_kinds=VOTE_REMINDER_KINDS,
    reminders="vendors.votes.reminders.reminders_due",
))
