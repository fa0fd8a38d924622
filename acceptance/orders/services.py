"""Writes of step 18: draft an order, price its lines, move it along, print it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.documents.services import document_request
from projects.models import Project

from ..choices import AcceptanceDocument, OrderStatus
from . import rules
from .models import PurchaseOrder, PurchaseOrderLine
from .selectors import PRICE_LINE_BY_KEY, order_frame

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Document


def _lock(order: PurchaseOrder) -> PurchaseOrder:
    """Re-read the order under a row lock: two clicks never move it twice."""
    return PurchaseOrder.objects.select_for_update().get(pk=order.pk)


@transaction.atomic
def order_create(*, project: Project, by: User, kind: str, title: str, scope: str,
                 concerned: str = "", schedule: str = "", latest_on: date | None = None,
                 opportunity: str = "") -> PurchaseOrder:
    """Draft a bon de commande once the step 18 check allows it; numbered per project."""
    frame = order_frame(project=project)
    if frame.contract is None:
        raise DomainError(_("Aucun contrat n'est enregistré : la solution n'est pas encore "
                            "retenue (étape 11)."))
    foreseen = frame.foreseen(kind)
    if foreseen.is_refused:
        raise DomainError(foreseen.message)
    # The project row lock serialises numbering: a number is given once and never reused
    # (orders are cancelled, never deleted).
    Project.objects.select_for_update().filter(pk=project.pk).first()
    orders = PurchaseOrder.objects.filter(project=project)
    if orders.filter(status=OrderStatus.DRAFT, kind=kind, title=title, scope=scope).exists():
        raise DomainError(_("Un brouillon identique existe déjà : il n'est pas créé une "
                            "seconde fois."))
    now = clock.now()
    return PurchaseOrder.objects.create(
        project=project, number=(orders.aggregate(n=Max("number"))["n"] or 0) + 1,
        kind=kind, title=title, scope=scope, requested_by=by, concerned=concerned,
        schedule=schedule, latest_on=latest_on, opportunity=opportunity,
        is_not_foreseen=foreseen.status == rules.NOT_FORESEEN,
        created_at=now, status_changed_at=now)


def _draft_only(order: PurchaseOrder) -> None:
    if order.status != OrderStatus.DRAFT:
        raise DomainError(_("Le bon de commande n'est plus un brouillon : ses lignes ne "
                            "changent plus."))


@transaction.atomic
def order_line_add(*, order: PurchaseOrder, price_key: str, quantity: Decimal,
                   unit_price: Decimal | None = None) -> PurchaseOrderLine:
    """Add a line priced from the vendor's sheet (or its quote when the sheet is blank)."""
    order = _lock(order)
    _draft_only(order)
    item = PRICE_LINE_BY_KEY.get(price_key)
    if item is None:
        raise DomainError(_("Ce poste n'existe pas dans la grille de prix."))
    if quantity <= 0:
        raise DomainError(_("La quantité doit être positive."))
    priced = rules.line_price(sheet_price=order_frame(project=order.project).prices.get(
        price_key), entered_price=unit_price)
    if isinstance(priced, str):
        raise DomainError(priced)
    price, is_quoted = priced
    position = order.lines.aggregate(p=Max("position"))["p"]
    return PurchaseOrderLine.objects.create(
        order=order, project_id=order.project_id, price_key=price_key, label=item.label,
        unit=item.unit, quantity=quantity, unit_price=price, is_quoted=is_quoted,
        total=rules.line_total(quantity=quantity, unit_price=price),
        position=(position or 0) + 1)


@transaction.atomic
def order_line_remove(*, line: PurchaseOrderLine) -> None:
    """Remove a line of a draft (the order's history keeps it)."""
    _draft_only(_lock(line.order))
    line.delete()


@transaction.atomic
def order_justify(*, order: PurchaseOrder, reason: str) -> PurchaseOrder:
    """Write why a service step 7 did not list is ordered anyway (before approval)."""
    order = _lock(order)
    _draft_only(order)
    order.not_foreseen_reason = reason.strip()
    order.save(update_fields=["not_foreseen_reason"])
    return order


def _approval_error(order: PurchaseOrder) -> str | None:
    """What stops the chef de projet from signing a draft."""
    if not order.lines.exists():
        return _("Ajoutez au moins une ligne chiffrée avant d'approuver.")
    if order.is_not_foreseen and not order.not_foreseen_reason:
        return _("Cette prestation n'était pas prévue au cahier des charges : écrivez la "
                 "justification avant d'approuver.")
    foreseen = order_frame(project=order.project).foreseen(order.kind)
    return foreseen.message if foreseen.is_refused else None


@transaction.atomic
def order_transition(*, order: PurchaseOrder, target: str, by: User,
                     can_sign: bool) -> PurchaseOrder:
    """Move a bon de commande along its life; signing moves are the chef de projet's."""
    order = _lock(order)
    error = rules.move_error(current=order.status, target=target)
    if error is None and target in rules.SIGNING_MOVES and not can_sign:
        error = _("Seul le chef de projet approuve, envoie, réceptionne ou annule un bon de "
                  "commande.")
    if error is None and target == OrderStatus.APPROVED:
        error = _approval_error(order)
    if error:
        raise DomainError(error)
    now = clock.now()
    order.status, order.status_changed_at = target, now
    fields = ["status", "status_changed_at"]
    if target == OrderStatus.APPROVED:
        order.approved_at, order.approved_by = now, by
        fields += ["approved_at", "approved_by"]
    order.save(update_fields=fields)
    return order


@transaction.atomic
def order_document_request(*, order: PurchaseOrder, by: User) -> Document:
    """Queue the bon de commande (PDF) of an approved order."""
    order = _lock(order)
    if order.status in (OrderStatus.DRAFT, OrderStatus.CANCELLED):
        raise DomainError(_("Le bon de commande est produit une fois la commande approuvée "
                            "par le chef de projet."))
    return document_request(project=order.project, kind=AcceptanceDocument.PURCHASE_ORDER,
                            by=by, subject=str(order.number), subject_label=order.reference)
