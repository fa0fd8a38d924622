"""Step 16 rows in the project's history."""

from __future__ import annotations

from projects.history import Tracked, title_label

from .models import EvolutionRequest, EvolutionVote, Intervention

TRACKED = (
    Tracked("demande d'évolution", EvolutionRequest, "project_id", title_label("title")),
    Tracked("intervention", Intervention, "project_id", title_label("title")),
    Tracked("vote sur une évolution", EvolutionVote, "project_id",
            lambda record, refs: str(record)),
)
