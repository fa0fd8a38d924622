"""The contract page: dates, service levels, and each obligation with its state from the
recette. It lives above the contract and the recette because it reads both."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from requirements.expected.models import SupportDays

from ..anomalies.selectors import anomaly_counts
from ..contract import selectors as contract_selectors
from ..contract import services as contract_services
from ..contract.forms import ContractForm, ObligationForm
from ..contract.views import CONTRACT_BASE
from ..permissions import EDIT_CONTRACT
from . import selectors


@project_view(VIEW_PROJECT, post=EDIT_CONTRACT)
def contract(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The contract with the chosen vendor: what it promised and where phase 4 stands."""
    project = access.project
    record = contract_selectors.contract_of(project=project)
    if record is None:
        return render(request, "acceptance/contract/contract.html", {"record": None})
    form = ContractForm(request.POST or None, instance=record)
    if request.method == "POST":
        if form.is_valid():
            action_run(request, lambda: contract_services.contract_update(
                contract=record, by=request.user, values=form.cleaned_data),
                _("Le contrat est enregistré."))
            return redirect("acceptance:contract", project_pk=project.pk)
        messages.error(request, _("Le contrat n'a pas été enregistré : corrigez les erreurs "
                                  "signalées."))
        record.refresh_from_db()
    started_on = contract_selectors.warranty_start(project=project)
    lines = selectors.obligation_lines(contract=record, today=clock.today(),
                                       is_recette_pronounced=started_on is not None)
    return render(request, "acceptance/contract/contract.html", {
        "record": record, "form": form,
        "rows": [(line, ObligationForm(instance=line.obligation, prefix=f"o{line.obligation.pk}")
                  if access.has(EDIT_CONTRACT) else None) for line in lines],
        "support_days_label": SupportDays(record.support_days).label
        if record.support_days in SupportDays.values else record.support_days,
        "dates": contract_selectors.contract_dates(contract=record, started_on=started_on),
        "counts": anomaly_counts(project=project, now=clock.now()),
        "link_issued_at": contract_selectors.link_issued_at(record),
    }, status=400 if form.errors else 200)


urlpatterns = [
    path(f"{CONTRACT_BASE}/", contract, name="contract"),
]
