"""Reads of step 18: what the cahier des charges foresaw, the price sheet, the orders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Prefetch
from django.utils import timezone

from msp_si.common import clock
from projects.choices import Role
from projects.models import Document, Project
from requirements.expected.selectors import service_expectations
from requirements.rfp.cadre import PRICE_LINES, PriceLine
from vendors.decision.selectors import chosen_offer

from ..choices import AcceptanceDocument
from ..contract.models import Contract
from . import rules
from .models import PurchaseOrder, PurchaseOrderLine

PRICE_LINE_BY_KEY: dict[str, PriceLine] = {line.key: line for line in PRICE_LINES}
COMPLEMENTARY_GROUP = "Prestations complémentaires"


@dataclass(frozen=True)
class OrderFrame:
    """What binds an order: the contract, step 7's foreseen services, the vendor's prices."""

    contract: Contract | None
    vendor_name: str
    complementary_text: str
    partial_reversibility_text: str
    pricing_label: str
    commitment_years: int
    commitment_ends_on: date | None
    prices: dict[str, Decimal]

    def foreseen(self, kind: str) -> rules.Foreseen:
        """The step 18 check of a kind of service against this frame, today."""
        return rules.foreseen_check(
            kind=kind, complementary_text=self.complementary_text,
            partial_reversibility_text=self.partial_reversibility_text,
            commitment_ends_on=self.commitment_ends_on, today=clock.today())

    @property
    def price_lines(self) -> list[tuple[PriceLine, Decimal | None]]:
        """Every price-sheet item, complementary services first, with the vendor's price."""
        ordered = sorted(PRICE_LINES, key=lambda line: line.group != COMPLEMENTARY_GROUP)
        return [(line, self.prices.get(line.key)) for line in ordered]


def order_frame(*, project: Project) -> OrderFrame:
    """Step 7's complementary services and the chosen offer's price sheet (three queries)."""
    contract = Contract.objects.filter(project=project).first()
    expectations = service_expectations(project=project)
    offer = chosen_offer(project=project)
    # The commitment runs from the contract's signature, or else from the recorded choice.
    start = contract.signed_on if contract and contract.signed_on else (
        timezone.localdate(offer.chosen_at) if offer else None)
    return OrderFrame(
        contract=contract,
        vendor_name=contract.vendor_name if contract else (offer.vendor_name if offer else ""),
        complementary_text=expectations.complementary_services,
        partial_reversibility_text=expectations.partial_reversibility,
        pricing_label=str(expectations.get_complementary_pricing_display()),
        commitment_years=expectations.commitment_years,
        commitment_ends_on=(rules.add_years(start, expectations.commitment_years)
                            if start else None),
        prices=rules.sheet_prices(offer.prices) if offer else {},
    )


@dataclass(frozen=True)
class OrderSummary:
    """A bon de commande with its totals."""

    order: PurchaseOrder
    lines: list[PurchaseOrderLine]
    amounts: rules.Amounts


def _summary(order: PurchaseOrder) -> OrderSummary:
    lines = list(order.lines.all())
    return OrderSummary(order, lines, rules.order_amounts(
        line_totals=[line.total for line in lines], vat_percent=order.vat_percent))


def _orders(project: Project) -> list[PurchaseOrder]:
    return list(PurchaseOrder.objects.filter(project=project)
                .select_related("requested_by")
                .prefetch_related(Prefetch("lines", PurchaseOrderLine.objects.order_by(
                    "position", "id"))))


def order_summaries(*, project: Project) -> list[OrderSummary]:
    """The project's orders, newest first, with their totals (two queries)."""
    return [_summary(order) for order in _orders(project)]


def order_summary(*, order: PurchaseOrder) -> OrderSummary:
    """One order with its lines and totals."""
    return _summary(order)


def order_document(*, order: PurchaseOrder) -> Document | None:
    """The latest version of the order's bon de commande, if one was asked for."""
    return (Document.objects.filter(project_id=order.project_id,
                                    kind=AcceptanceDocument.PURCHASE_ORDER,
                                    subject=str(order.number))
            .order_by("-version").first())


def committed_total(*, project: Project) -> Decimal:
    """HT amount of the orders approved and not cancelled: what step 18 commits (step 17)."""
    summaries = order_summaries(project=project)
    return sum((s.amounts.excluding_vat for s in summaries
                if s.order.status not in ("draft", "cancelled")), Decimal("0.00"))


@dataclass(frozen=True)
class PurchaseOrderData:
    """Everything the bon de commande (PDF) shows."""

    project: Project
    summary: OrderSummary
    frame: OrderFrame
    foreseen: rules.Foreseen
    lead_name: str


def purchase_order_data(project: Project, subject: str) -> PurchaseOrderData:
    """The bon de commande of one order (subject: the order's number)."""
    order = PurchaseOrder.objects.select_related("requested_by", "approved_by").get(
        project=project, number=int(subject))
    frame = order_frame(project=project)
    lead = (project.memberships.filter(role=Role.PROJECT_LEAD).select_related("user")
            .order_by("id").first())
    return PurchaseOrderData(project=project, summary=order_summary(order=order), frame=frame,
                             foreseen=frame.foreseen(order.kind),
                             lead_name=lead.user.display_name if lead else "")
