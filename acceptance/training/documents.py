"""Documents of step 15: the plan de formation, a session's convocation and sign-in sheet;
the training's history."""

from __future__ import annotations

from projects.documents.builders import DocumentBuilder
from projects.history import Tracked, title_label
from projects.plugins import DocumentSpec

from ..choices import AcceptanceDocument
from .models import Attendance, Trainee, TrainingGroup, TrainingSession
from .selectors import PLAN_SECTIONS, session_sheet_data, training_plan_data

DOCUMENTS = (
    DocumentSpec(AcceptanceDocument.TRAINING_PLAN, AcceptanceDocument.TRAINING_PLAN.label,
                 DocumentBuilder(gather=training_plan_data, sections=PLAN_SECTIONS,
                                 template="acceptance/pdf/training_plan.html",
                                 file_stem="plan-de-formation")),
    # Subject: the session's id.
    DocumentSpec(AcceptanceDocument.TRAINING_CONVOCATION,
                 AcceptanceDocument.TRAINING_CONVOCATION.label,
                 DocumentBuilder(gather=session_sheet_data, takes_subject=True,
                                 template="acceptance/pdf/training_convocation.html",
                                 file_stem="convocation-formation")),
    DocumentSpec(AcceptanceDocument.TRAINING_SIGN_IN, AcceptanceDocument.TRAINING_SIGN_IN.label,
                 DocumentBuilder(gather=session_sheet_data, takes_subject=True,
                                 template="acceptance/pdf/training_sign_in.html",
                                 file_stem="feuille-emargement")),
)
TRACKED = (
    Tracked("groupe de formation", TrainingGroup, "project_id", title_label("name")),
    Tracked("personne à former", Trainee, "project_id", title_label("name")),
    Tracked("session de formation", TrainingSession, "project_id", title_label("title")),
    Tracked("présence", Attendance, "project_id", lambda record, refs: str(record)),
)
