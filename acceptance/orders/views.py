"""Views of step 18 « commander des prestations complémentaires».

Every member reads; the chef de projet, the AMOA and the référents draft orders and price
their lines (PREPARE_ORDER); only the chef de projet signs them (SIGN_ORDER, checked by the
service for approve, send, accept and cancel).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT

from ..choices import OrderKind, OrderStatus
from ..permissions import PREPARE_ORDER, SIGN_ORDER
from . import rules, selectors, services
from .forms import JustifyForm, LineForm, MoveForm, OrderForm
from .models import PurchaseOrder, PurchaseOrderLine


def _order(access: ProjectAccess, number: int) -> PurchaseOrder:
    return get_object_or_404(PurchaseOrder.objects.select_related("requested_by"),
                             project=access.project, number=number)


def _detail_url(access: ProjectAccess, order: PurchaseOrder) -> str:
    return reverse("acceptance:order-detail", kwargs={"project_pk": access.project.pk,
                                                      "number": order.number})


@project_view(VIEW_PROJECT, post=PREPARE_ORDER)
def orders(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 18: what the cahier des charges foresaw, the vendor's prices, the orders."""
    frame = selectors.order_frame(project=access.project)
    form = OrderForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                order = services.order_create(project=access.project, by=request.user,
                                              **form.cleaned_data)
            except DomainError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Bon de commande %s créé en brouillon : ajoutez "
                                            "ses lignes.") % order.reference)
                return redirect(_detail_url(access, order))
        else:
            messages.error(request, _("La demande n'a pas été enregistrée : corrigez les "
                                      "erreurs signalées."))
    return render(request, "acceptance/orders/orders.html", {
        "frame": frame, "form": form,
        "summaries": selectors.order_summaries(project=access.project),
        "foreseen": [(label, frame.foreseen(kind)) for kind, label in OrderKind.choices],
        "can_prepare": access.has(PREPARE_ORDER),
    }, status=400 if form.errors or (request.method == "POST") else 200)


def _moves(order: PurchaseOrder, access: ProjectAccess) -> list[tuple[str, str]]:
    """The status moves this person may make now, with their labels."""
    return [(target, str(OrderStatus(target).label))
            for target in rules.ORDER_MOVES[order.status]
            if access.has(SIGN_ORDER) or target not in rules.SIGNING_MOVES]


def _detail(request: HttpRequest, access: ProjectAccess, order: PurchaseOrder, *,
            status: int = 200, **forms: Any) -> HttpResponse:
    """The order page; ``forms`` replaces a blank form by the one just refused."""
    frame = selectors.order_frame(project=access.project)
    can_prepare = access.has(PREPARE_ORDER)
    document = selectors.order_document(order=order)
    return render(request, "acceptance/orders/order_detail.html", {
        "summary": selectors.order_summary(order=order), "order": order, "frame": frame,
        "foreseen": frame.foreseen(order.kind), "document": document,
        "line_form": forms.get("line_form") or LineForm(frame=frame),
        "justify_form": forms.get("justify_form") or JustifyForm(
            initial={"reason": order.not_foreseen_reason}),
        "moves": _moves(order, access) if can_prepare else [],
        "can_edit": can_prepare and order.status == OrderStatus.DRAFT,
        "can_print": can_prepare and order.status not in (OrderStatus.DRAFT,
                                                          OrderStatus.CANCELLED),
    }, status=status)


@project_view(VIEW_PROJECT)
def order_detail(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """One bon de commande: request, check, lines and totals, status, document."""
    return _detail(request, access, _order(access, number))


@project_view(PREPARE_ORDER)
@require_POST
def order_line_add(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """Price a line from the vendor's sheet."""
    order = _order(access, number)
    form = LineForm(request.POST, frame=selectors.order_frame(project=access.project))
    if not form.is_valid():
        messages.error(request, _("La ligne n'a pas été ajoutée : corrigez les erreurs "
                                  "signalées."))
        return _detail(request, access, order, status=400, line_form=form)
    ok = action_run(request, lambda: services.order_line_add(order=order, **form.cleaned_data),
                    _("Ligne ajoutée au bon de commande."))
    if not ok:
        return _detail(request, access, order, status=400, line_form=form)
    return redirect(_detail_url(access, order) + "#lignes")


@project_view(PREPARE_ORDER)
@require_POST
def order_line_remove(request: HttpRequest, access: ProjectAccess, number: int,
                      line_pk: int) -> HttpResponse:
    """Remove a line of a draft."""
    order = _order(access, number)
    line = get_object_or_404(PurchaseOrderLine, pk=line_pk, order=order)
    action_run(request, lambda: services.order_line_remove(line=line),
               _("Ligne « %s » retirée.") % line.label)
    return redirect(_detail_url(access, order) + "#lignes")


@project_view(PREPARE_ORDER)
@require_POST
def order_justify(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """Write why a service the cahier des charges did not list is ordered."""
    order = _order(access, number)
    form = JustifyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La justification est vide ou trop longue."))
        return _detail(request, access, order, status=400, justify_form=form)
    action_run(request, lambda: services.order_justify(order=order,
                                                       reason=form.cleaned_data["reason"]),
               _("Justification enregistrée."))
    return redirect(_detail_url(access, order))


@project_view(PREPARE_ORDER)
@require_POST
def order_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
               number: int) -> HttpResponse:
    """Approve, send, record delivery, check, invoice or cancel."""
    order = _order(access, number)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Statut inconnu."))
        return redirect(_detail_url(access, order))
    target = form.cleaned_data["target"]
    action_run(request, lambda: services.order_transition(
        order=order, target=target, by=request.user, can_sign=access.has(SIGN_ORDER)),
        _("Bon de commande %(ref)s : %(status)s.") % {
            "ref": order.reference, "status": OrderStatus(target).label.lower()})
    return redirect(_detail_url(access, order))


@project_view(PREPARE_ORDER)
@require_POST
def order_document(request: AuthenticatedHttpRequest, access: ProjectAccess,
                   number: int) -> HttpResponse:
    """Queue the bon de commande (PDF) of an approved order."""
    order = _order(access, number)
    action_run(request, lambda: services.order_document_request(order=order, by=request.user),
               _("Bon de commande demandé : il apparaît ci-dessous dès qu'il est prêt."))
    return redirect(_detail_url(access, order) + "#document")


_STEP = "projets/<int:project_pk>/etapes/18"
_ONE = f"{_STEP}/commandes/<int:number>"
urlpatterns = [
    path(f"{_STEP}/commandes/", orders, name="orders"),
    path(f"{_ONE}/", order_detail, name="order-detail"),
    path(f"{_ONE}/lignes/", order_line_add, name="order-line-add"),
    path(f"{_ONE}/lignes/<int:line_pk>/retrait/", order_line_remove, name="order-line-remove"),
    path(f"{_ONE}/justification/", order_justify, name="order-justify"),
    path(f"{_ONE}/statut/", order_move, name="order-move"),
    path(f"{_ONE}/bon/", order_document, name="order-document"),
]
