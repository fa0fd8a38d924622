"""The COPIL minutes in the project's history (``Plugin.history``)."""

from __future__ import annotations

from ..history import Tracked, title_label
from ..models import MeetingAction, MeetingDecision, MeetingMinutes

TRACKED: tuple[Tracked, ...] = (
    Tracked("compte_rendu_copil", MeetingMinutes, "project_id",
            lambda r, refs: f"Compte rendu de COPIL n° {r.pk}"),
    Tracked("decision_copil", MeetingDecision, "project_id",
            lambda r, refs: f"D{r.number} — {r.text}"),
    Tracked("action_copil", MeetingAction, "project_id", title_label("description")),
)
