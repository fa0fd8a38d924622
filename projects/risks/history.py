"""The risk register's models in the project's history (``Plugin.history``)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from msp_si.common.typography import french_date

from ..history import Tracked
from ..models import Risk, RiskAction, RiskAssessment

TRACKED: tuple[Tracked, ...] = (
    Tracked("risque", Risk, "project_id", lambda r, refs: f"R{r.number} — {r.title}"),
    Tracked("evaluation_risque", RiskAssessment, "project_id",
            lambda r, refs: _("Évaluation %(p)s × %(i)s du %(d)s")
            % {"p": r.probability, "i": r.impact, "d": french_date(r.assessed_on)}),
    Tracked("action_risque", RiskAction, "project_id", lambda r, refs: r.description),
)
