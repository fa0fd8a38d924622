"""What of the AG votes shows in a project's history: each vote, opened then closed.

Ballots have no history at all (a secret ballot must leave no trace of successive
choices); options and pouvoirs keep theirs in the database but hang off the vote, not
the project, so the history page does not list them.
"""

from __future__ import annotations

from projects.history import Tracked, title_label

from .models import RoomVoter, Vote

# The votes in the chef de projet's history page.
TRACKED = (
    Tracked("vote", Vote, "project_id", title_label("question")),
    # Who listed a professional voting in the room, who recorded their ballot and how
    # (paper or show of hands); never the option chosen.
    Tracked("votant-salle", RoomVoter, "project_id", title_label("name")),
)
