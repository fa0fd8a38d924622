"""Phase 4 in the project's budget: approved bons de commande are committed, the bilan's
real costs are paid; drafts and cancelled orders count for nothing."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from acceptance.bilan import services as bilan_services
from acceptance.choices import CostNature, OrderKind, OrderStatus
from acceptance.orders.models import PurchaseOrder, PurchaseOrderLine
from msp_si.common import clock
from projects.budget.selectors import budget_view
from projects.choices import BudgetNature

pytestmark = pytest.mark.django_db


def _order(team, number: int, kind: str, status: str, *totals: D) -> PurchaseOrder:
    now = clock.now()
    order = PurchaseOrder.objects.create(
        project=team.project, number=number, kind=kind, title=f"Commande {number}",
        scope="Périmètre", requested_by=team.amoa, status=status, status_changed_at=now,
        created_at=now)
    for position, total in enumerate(totals):
        PurchaseOrderLine.objects.create(
            order=order, project=team.project, price_key="extra_training_day",
            label="Journée", unit="jour", quantity=D(1), unit_price=total, total=total,
            position=position)
    return order


def _fed(project) -> dict[str, tuple[str, D, D, D]]:
    view = budget_view(project=project)
    return {line.fact.key: (line.nature, line.amounts.estimated, line.amounts.committed,
                            line.amounts.paid)
            for group in view.groups for line in group.lines
            if line.fact is not None and line.fact.key.startswith("acceptance.")}


def test_orders_are_committed_from_their_approval_and_costs_are_paid(team) -> None:
    _order(team, 1, OrderKind.TRAINING, OrderStatus.APPROVED, D("650.00"), D("325.00"))
    _order(team, 2, OrderKind.TRAINING, OrderStatus.INVOICED, D("100.00"))
    _order(team, 3, OrderKind.MODULE, OrderStatus.DRAFT, D("9999.00"))
    _order(team, 4, OrderKind.NEWCOMER, OrderStatus.CANCELLED, D("500.00"))
    bilan_services.cost_add(project=team.project, by=team.lead, nature=CostNature.LICENCES,
                            label="Abonnement annuel", amount=D("4200.00"),
                            spent_on=date(2026, 11, 2))
    bilan_services.cost_add(project=team.project, by=team.lead, nature=CostNature.LICENCES,
                            label="Licence secrétariat", amount=D("300.00"),
                            spent_on=date(2026, 11, 3))
    fed = _fed(team.project)
    assert fed == {
        f"acceptance.orders.{BudgetNature.TRAINING}": (
            BudgetNature.TRAINING, D("1075.00"), D("1075.00"), D(0)),
        f"acceptance.costs.{BudgetNature.LICENCES}": (
            BudgetNature.LICENCES, D(0), D("4500.00"), D("4500.00")),
    }
    view = budget_view(project=team.project)
    assert view.total.committed == D("5575.00")
    assert view.total.paid == D("4500.00")
    # The real costs have no estimate of their own: set against the estimates in the
    # totals (here none, so the total is over), never flagged as an overrun line.
    assert view.overruns == 0
    assert view.total.is_overrun


def test_nothing_is_fed_before_any_order_or_cost(team) -> None:
    _order(team, 1, OrderKind.MODULE, OrderStatus.DRAFT, D("800.00"))
    assert _fed(team.project) == {}
