"""What the vendors app feeds into the project's budget (``Plugin.budget_feed``): once the
AG's choice is recorded, the chosen offer's cost over the horizon (step 11), by nature.
Estimated amounts only: orders and invoices come with phase 4."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from projects.choices import BudgetNature
from projects.models import Project
from projects.plugins import BudgetFact

from .decision.models import SolutionChoice
from .evaluation.cost import CostKind
from .evaluation.selectors import analysis

N = BudgetNature
# A cost line of the offer → the budget's nature (seed 003's natures).
NATURE_OF_KEY: dict[str, str] = {
    "licence": N.LICENCES, "installation": N.SETUP, "configuration": N.SETUP,
    "start_up_support": N.SETUP, "data_migration": N.MIGRATION, "training_day": N.TRAINING,
    "hosting_year": N.HOSTING, "maintenance_year": N.MAINTENANCE, "hardware": N.HARDWARE,
}
NATURE_OF_KIND: dict[str, str] = {
    CostKind.ONE_OFF: N.SETUP, CostKind.RECURRING: N.SUBSCRIPTION,
    CostKind.HIDDEN: N.SETUP, CostKind.COMPLEMENTARY: N.MAINTENANCE,
}


def budget_facts(project: Project) -> list[BudgetFact]:
    """The chosen offer's cost over the horizon, one fact per nature; none before the
    choice is recorded."""
    choice = SolutionChoice.objects.filter(project=project, chosen_at__isnull=False,
                                           assessment__isnull=False).first()
    if choice is None or choice.assessment_id is None:
        return []
    offer = analysis(project=project, marks_visible=False).by_key.get(choice.assessment_id)
    if offer is None or offer.cost is None:
        return []
    by_nature: dict[str, Decimal] = {}
    for line in offer.cost.lines:
        nature = NATURE_OF_KEY.get(line.key) or NATURE_OF_KIND[line.kind]
        by_nature[nature] = by_nature.get(nature, Decimal(0)) + line.total
    vendor = str(offer.assessment.vendor)
    years = offer.cost.years
    return [BudgetFact(f"vendors.offer.{nature}", nature,
                       _("%(v)s — coût sur %(y)d ans (étape 11)") % {"v": vendor, "y": years},
                       estimated=amount)
            for nature, amount in by_nature.items()]
