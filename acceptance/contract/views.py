"""Actions of the contract page: an obligation's promise, the vendor's link (the page
itself is acceptance.obligations.views, which also reads the recette)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view

from ..permissions import EDIT_CONTRACT, MANAGE_VENDOR_LINK
from . import services
from .forms import ObligationForm
from .models import Contract, Obligation


def _page(access: ProjectAccess) -> HttpResponse:
    return redirect("acceptance:contract", project_pk=access.project.pk)


def _contract(access: ProjectAccess) -> Contract:
    """The project's contract, or 404 before the choice is recorded."""
    return get_object_or_404(Contract, project=access.project)


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


# The page itself (acceptance.obligations.views) reads the recette too: it sits above both.
CONTRACT_BASE = "projets/<int:project_pk>/mise-en-oeuvre/contrat"
urlpatterns = [
    path(f"{CONTRACT_BASE}/engagements/<int:pk>/", obligation_edit, name="obligation-edit"),
    path(f"{CONTRACT_BASE}/lien-prestataire/", vendor_link, name="vendor-link"),
    path(f"{CONTRACT_BASE}/lien-prestataire/revoquer/", vendor_link_revoke,
         name="vendor-link-revoke"),
]
