"""Demo budget: a few lines entered by hand (one in overrun) and three funding sources;
the AMOA line is fed from step 2, the chosen offer's cost once the choice is recorded."""

from __future__ import annotations

from decimal import Decimal

from ..budget import services
from ..choices import BudgetNature, FundingKind
from .seed import LEAD, DemoContext

_LINES: tuple[tuple[str, str, str, str, str], ...] = (
    # nature, label, estimated, committed, paid (€ HT)
    (BudgetNature.INTERNAL_TIME, "Indemnisation de la cheffe de projet", "4800.00",
     "4800.00", "3200.00"),
    (BudgetNature.HARDWARE, "Tablettes des infirmières et lecteurs de carte", "6000.00",
     "6840.00", "0.00"),
    (BudgetNature.TRAINING, "Remplacement des secrétaires pendant la formation", "1500.00",
     "0.00", "0.00"),
)
_FUNDING: tuple[tuple[str, str, str, str], ...] = (
    (FundingKind.ARS_FUND, "Fonds d'intervention régional — appel à projets SI", "30000.00",
     "20000.00"),
    (FundingKind.NEW_REMUNERATION, "Forfait structure de l'accord conventionnel, axe SI",
     "12000.00", "12000.00"),
    (FundingKind.OWN_FUNDS, "Apport des associés de la SISA", "25000.00", "25000.00"),
)


def demo_part(context: DemoContext) -> None:
    """The budget of the demo project (``Plugin.demo_seed`` of the projects app)."""
    lead = context.users[LEAD.key]
    for nature, label, estimated, committed, paid in _LINES:
        services.budget_line_create(project=context.project, by=lead, nature=nature,
                                    label=label, estimated=Decimal(estimated),
                                    committed=Decimal(committed), paid=Decimal(paid))
    for kind, label, requested, granted in _FUNDING:
        services.funding_create(project=context.project, by=lead, kind=kind, label=label,
                                requested=Decimal(requested), granted=Decimal(granted))
