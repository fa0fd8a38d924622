"""Views of the contract page: dates, service levels, obligations and the vendor's link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from requirements.expected.models import SupportDays

from ..anomalies.selectors import anomaly_counts
from ..permissions import EDIT_CONTRACT, MANAGE_VENDOR_LINK
from . import selectors, services
from .forms import ContractForm, ObligationForm
from .models import Contract, Obligation


def _page(access: ProjectAccess) -> HttpResponse:
    return redirect("acceptance:contract", project_pk=access.project.pk)


def _contract(access: ProjectAccess) -> Contract:
    """The project's contract, or 404 before the choice is recorded."""
    return get_object_or_404(Contract, project=access.project)


@project_view(VIEW_PROJECT, post=EDIT_CONTRACT)
def contract(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The contract with the chosen vendor: what it promised and where phase 4 stands."""
    project = access.project
    record = selectors.contract_of(project=project)
    if record is None:
        return render(request, "acceptance/contract/contract.html", {"record": None})
    form = ContractForm(request.POST or None, instance=record)
    if request.method == "POST":
        if form.is_valid():
            action_run(request, lambda: services.contract_update(
                contract=record, by=request.user, values=form.cleaned_data),
                _("Le contrat est enregistré."))
            return _page(access)
        messages.error(request, _("Le contrat n'a pas été enregistré : corrigez les erreurs "
                                  "signalées."))
        record.refresh_from_db()
    started_on = selectors.warranty_start(project=project)
    today = clock.today()
    lines = selectors.obligation_lines(contract=record, today=today,
                                       is_recette_pronounced=started_on is not None)
    return render(request, "acceptance/contract/contract.html", {
        "record": record, "form": form,
        "rows": [(line, ObligationForm(instance=line.obligation, prefix=f"o{line.obligation.pk}")
                  if access.has(EDIT_CONTRACT) else None) for line in lines],
        "support_days_label": SupportDays(record.support_days).label
        if record.support_days in SupportDays.values else record.support_days,
        "dates": selectors.contract_dates(contract=record, started_on=started_on),
        "counts": anomaly_counts(project=project, now=clock.now()),
        "link_issued_at": selectors.link_issued_at(record),
    }, status=400 if form.errors else 200)


@project_view(EDIT_CONTRACT)
@require_POST
def obligation_edit(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    pk: int) -> HttpResponse:
    """Record the promised date and cost of one obligation, and the team's note."""
    obligation = get_object_or_404(Obligation, pk=pk, project=access.project)
    form = ObligationForm(request.POST, instance=obligation, prefix=f"o{obligation.pk}")
    if form.is_valid():
        action_run(request, lambda: services.obligation_update(
            obligation=obligation, by=request.user, values=form.cleaned_data),
            _("Engagement %s enregistré.") % obligation.code)
    else:
        errors = "; ".join(str(e) for field in form.errors.values() for e in field)
        messages.error(request, _("Engagement %(code)s non enregistré : %(errors)s")
                       % {"code": obligation.code, "errors": errors})
    return redirect(reverse("acceptance:contract", args=[access.project.pk])
                    + f"#engagement-{obligation.pk}")


@project_view(MANAGE_VENDOR_LINK)
@require_POST
def vendor_link(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """A new secret link for the vendor, shown on this page only (only its hash is kept)."""
    record = _contract(access)
    token = services.contract_link_issue(contract=record, by=request.user)
    url = request.build_absolute_uri(reverse("acceptance:vendor-portal",
                                             kwargs={"token": token}))
    response = render(request, "acceptance/contract/link.html", {"record": record, "url": url})
    response["Cache-Control"] = "no-store"
    return response


@project_view(MANAGE_VENDOR_LINK)
@require_POST
def vendor_link_revoke(request: AuthenticatedHttpRequest, access: ProjectAccess
                       ) -> HttpResponse:
    """Stop the vendor's link at once."""
    record = _contract(access)
    action_run(request, lambda: services.contract_link_revoke(contract=record, by=request.user),
               _("Le lien du prestataire est révoqué : il ne fonctionne plus."))
    return _page(access)


_BASE = "projets/<int:project_pk>/mise-en-oeuvre/contrat"
urlpatterns = [
    path(f"{_BASE}/", contract, name="contract"),
    path(f"{_BASE}/engagements/<int:pk>/", obligation_edit, name="obligation-edit"),
    path(f"{_BASE}/lien-prestataire/", vendor_link, name="vendor-link"),
    path(f"{_BASE}/lien-prestataire/revoquer/", vendor_link_revoke, name="vendor-link-revoke"),
]
