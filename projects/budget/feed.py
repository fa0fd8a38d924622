"""The projects app's own budget facts (``Plugin.budget_feed``): the AMOA's estimated
cost from step 2, when the team decided to use one."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..choices import AmoaDecision, BudgetNature
from ..models import Project, TeamCharter
from ..plugins import BudgetFact


def budget_facts(project: Project) -> list[BudgetFact]:
    """Step 2: the AMOA's estimated cost, as the estimate of the « AMOA » line."""
    charter = TeamCharter.objects.filter(project=project).first()
    if (charter is None or charter.amoa_decision != AmoaDecision.YES
            or charter.amoa_cost_estimate is None):
        return []
    label = _("AMOA (étape 2)")
    if charter.amoa_provider:
        label = _("AMOA (étape 2) — %s") % charter.amoa_provider
    return [BudgetFact("projects.amoa", BudgetNature.AMOA, label,
                       estimated=charter.amoa_cost_estimate)]
