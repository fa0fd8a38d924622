"""The budget's models in the project's history (``Plugin.history``)."""

from __future__ import annotations

from ..history import Tracked, title_label
from ..models import BudgetLine, FundingSource

TRACKED: tuple[Tracked, ...] = (
    Tracked("ligne_budget", BudgetLine, "project_id", title_label("label")),
    Tracked("financement", FundingSource, "project_id", title_label("label")),
)
