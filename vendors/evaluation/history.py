"""What of step 11 shows in a project's history: criteria, submissions, decisions.

Draft marks are deliberately absent (no history on ``EvaluationMark``): the history is
read by others, and an evaluator's marks stay private until submitted.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext as _

from projects.history import Tracked, ref_label, title_label

from .models import (
    CriteriaSettings,
    EliminatoryCriterion,
    EliminatoryDecision,
    EvaluationSubmission,
    SecondaryCriterion,
)


def _user_model() -> type[models.Model]:
    """The user model, read from a foreign key as ``projects.history`` does."""
    return EvaluationSubmission._meta.get_field("evaluator").related_model


TRACKED_SCORING = (
    Tracked("analyse", CriteriaSettings, "project_id",
            lambda r, refs: _("Paramètres de l'analyse des offres")),
    Tracked("critere-eliminatoire", EliminatoryCriterion, "project_id", title_label("label")),
    Tracked("critere-secondaire", SecondaryCriterion, "project_id",
            lambda r, refs: str(r.get_code_display())),
    Tracked("decision-eliminatoire", EliminatoryDecision, "project_id",
            lambda r, refs: ref_label(refs, EliminatoryCriterion, r.criterion_id),
            (("criterion_id", lambda: EliminatoryCriterion),)),
    Tracked("notes-soumises", EvaluationSubmission, "project_id",
            lambda r, refs: ref_label(refs, _user_model(), r.evaluator_id),
            (("evaluator_id", _user_model),)),
)
