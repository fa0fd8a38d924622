"""The reminders the projects app sends itself (steps 1–3 and 8, the calendar)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ..plugins import ReminderKind

STEP_DUE = "step_due"
TASK_DUE = "task_due"
CONTRIBUTION_MISSING = "contribution_missing"
REVIEW_DUE = "review_due"

KINDS = (
    ReminderKind(STEP_DUE, _("Étapes dont je suis responsable"),
                 _("Quelques jours avant l'échéance, le jour même, puis chaque semaine de "
                   "retard.")),
    ReminderKind(TASK_DUE, _("Tâches du calendrier qui me sont confiées"),
                 _("Quelques jours avant l'échéance, le jour même, puis chaque semaine de "
                   "retard.")),
    ReminderKind(CONTRIBUTION_MISSING, _("Ma contribution au cadrage pas encore écrite"),
                 _("À l'approche de l'échéance de l'étape 1, tant qu'elle manque.")),
    ReminderKind(REVIEW_DUE, _("Relectures de documents à rendre"),
                 _("À l'approche de la validation d'un document que je n'ai pas encore "
                   "commenté.")),
)
