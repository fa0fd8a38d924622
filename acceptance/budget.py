"""What phase 4 feeds into the project's budget (``Plugin.budget_feed``).

Seed 003: the budget follows what was estimated, committed (orders signed) and paid.
Step 18's bons de commande, once approved by the chef de projet, are commitments; a
complementary service lies outside step 11's estimate, so its amount extends the estimate
by as much. Step 17's real costs are what was paid; the orders' own invoices are counted
there too (nature « prestations complémentaires »), never twice.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from projects.choices import BudgetNature
from projects.models import Project
from projects.plugins import BudgetFact

from .bilan.models import CostEntry
from .choices import CostNature, OrderKind, OrderStatus
from .orders.models import PurchaseOrderLine

N = BudgetNature
# A kind of complementary service → the budget's nature.
NATURE_OF_ORDER: dict[str, str] = {
    OrderKind.NEWCOMER: N.MIGRATION, OrderKind.TRAINING: N.TRAINING,
    OrderKind.SETTINGS: N.SETUP, OrderKind.MODULE: N.LICENCES,
    OrderKind.PARTIAL_REVERSIBILITY: N.MIGRATION,
}
# A real cost's nature (step 17) → the budget's nature.
NATURE_OF_COST: dict[str, str] = {
    CostNature.LICENCES: N.LICENCES, CostNature.IMPLEMENTATION: N.SETUP,
    CostNature.TRAINING: N.TRAINING, CostNature.MAINTENANCE: N.MAINTENANCE,
    CostNature.HOSTING: N.HOSTING, CostNature.HARDWARE: N.HARDWARE,
    CostNature.COMPLEMENTARY: N.SETUP, CostNature.AMOA: N.AMOA,
    CostNature.INTERNAL: N.INTERNAL_TIME,
}
# From the chef's approval on, the order binds the MSP; a cancelled one no longer does.
COMMITTED_STATUSES = (OrderStatus.APPROVED, OrderStatus.SENT, OrderStatus.DELIVERED,
                      OrderStatus.CHECKED, OrderStatus.INVOICED)


def budget_facts(project: Project) -> list[BudgetFact]:
    """Approved orders by nature (estimated and committed), real costs by nature (paid);
    two queries."""
    committed: dict[str, Decimal] = {}
    for row in (PurchaseOrderLine.objects
                .filter(project=project, order__status__in=COMMITTED_STATUSES)
                .values("order__kind").annotate(amount=Sum("total")).order_by()):
        nature = NATURE_OF_ORDER[row["order__kind"]]
        committed[nature] = committed.get(nature, Decimal(0)) + row["amount"]
    paid: dict[str, Decimal] = {}
    for cost in (CostEntry.objects.filter(project=project).values("nature")
                 .annotate(amount=Sum("amount")).order_by()):
        nature = NATURE_OF_COST[cost["nature"]]
        paid[nature] = paid.get(nature, Decimal(0)) + cost["amount"]
    facts = [BudgetFact(f"acceptance.orders.{nature}", nature,
                        _("Bons de commande approuvés (étape 18)"),
                        estimated=amount, committed=amount)
             for nature, amount in sorted(committed.items())]
    facts += [BudgetFact(f"acceptance.costs.{nature}", nature,
                         _("Coûts réels du bilan (étape 17)"),
                         estimated=Decimal(0), committed=amount, paid=amount)
              for nature, amount in sorted(paid.items())]
    return facts
