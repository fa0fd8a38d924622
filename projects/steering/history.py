"""The COPIL minutes in the project's history (``Plugin.history``)."""

from __future__ import annotations

from ..history import Tracked, title_label
from ..models import Meeting, MeetingAction, MeetingDecision, MeetingMinutes

TRACKED: tuple[Tracked, ...] = (
    # Named by its meeting, never by its id (an imported project has other ids).
    Tracked("compte_rendu_copil", MeetingMinutes, "project_id",
            lambda r, refs: f"Compte rendu — {refs.get((Meeting, r.meeting_id), '')}",
            label_refs=(("meeting_id", lambda: Meeting),)),
    Tracked("decision_copil", MeetingDecision, "project_id",
            lambda r, refs: f"D{r.number} — {r.text}"),
    Tracked("action_copil", MeetingAction, "project_id", title_label("description")),
)
