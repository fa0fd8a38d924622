"""Demo of step 18: one bon de commande for a newcomer, approved by the chef de projet."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.demo import seed as demo
from projects.models import Project

from ..choices import OrderKind, OrderStatus
from ..orders import services
from ..orders.models import PurchaseOrder


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill step 18 of a project in phase 4 (its contract recorded); once."""
    if PurchaseOrder.objects.filter(project=project).exists():
        return
    lead = people[demo.LEAD.key]
    order = services.order_create(
        project=project, by=people[demo.AMOA.key], kind=OrderKind.NEWCOMER,
        title="Arrivée de la Dre Anaïs Lemoine (fictive)",
        scope="Reprise des dossiers de son ancien cabinet, paramétrage de son agenda et une "
              "journée de formation.", concerned="Médecin généraliste",
        schedule="Avant son installation", latest_on=clock.today() + timedelta(days=45),
        opportunity="Sa patientèle rejoint la maison de santé : la reprise évite une "
                    "double saisie.")
    services.order_line_add(order=order, price_key="new_professional", quantity=Decimal(1))
    services.order_line_add(order=order, price_key="extra_training_day", quantity=Decimal(1))
    services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead,
                              can_sign=True)
