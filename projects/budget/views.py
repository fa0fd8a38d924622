"""Views of the budget: lines by nature with variances and overruns, funding sources."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from msp_si.common.actions import action_run
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view
from ..charts import budget_groups_chart
from ..policy import VIEW_PROJECT
from . import selectors, services
from .forms import BudgetLineForm, FundingForm
from .permissions import MANAGE_BUDGET


@project_view(VIEW_PROJECT)
def budget(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The budget: lines by group (entered or fed), variances, overruns, funding."""
    view = selectors.budget_view(project=access.project)
    return render(request, "projects/budget/budget.html",
                  {"budget": view, "chart": budget_groups_chart(view)})


def _form_page(request: HttpRequest, form: Any, title: str) -> HttpResponse:
    return render(request, "projects/budget/budget_form.html", {"form": form, "title": title})


@project_view(MANAGE_BUDGET)
def budget_line_create(request: AuthenticatedHttpRequest,
                       access: ProjectAccess) -> HttpResponse:
    """Add a budget line by hand."""
    form = BudgetLineForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and action_run(
            request, lambda: services.budget_line_create(project=access.project,
                                                         by=request.user, **form.cleaned_data),
            _("La ligne de budget est enregistrée.")):
        return redirect("projects:budget", project_pk=access.project.pk)
    return _form_page(request, form, _("Nouvelle ligne de budget"))


@project_view(MANAGE_BUDGET)
def budget_line_edit(request: HttpRequest, access: ProjectAccess, line_pk: int) -> HttpResponse:
    """Change a line's amounts: what was committed, then paid."""
    line = selectors.project_budget_line(project=access.project, pk=line_pk)
    initial = {"nature": line.nature, "label": line.label, "estimated": line.estimated,
               "committed": line.committed, "paid": line.paid, "vat_rate": line.vat_rate}
    form = BudgetLineForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and action_run(
            request, lambda: services.budget_line_update(line=line, **form.cleaned_data),
            _("La ligne de budget est enregistrée.")):
        return redirect("projects:budget", project_pk=access.project.pk)
    return _form_page(request, form, _("Modifier la ligne « %s »") % line.label)


@project_view(MANAGE_BUDGET)
def funding_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add a funding source."""
    form = FundingForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and action_run(
            request, lambda: services.funding_create(project=access.project, by=request.user,
                                                     **form.cleaned_data),
            _("Le financement est enregistré.")):
        return redirect("projects:budget", project_pk=access.project.pk)
    return _form_page(request, form, _("Nouveau financement"))


@project_view(MANAGE_BUDGET)
def funding_edit(request: HttpRequest, access: ProjectAccess, funding_pk: int) -> HttpResponse:
    """Change a funding source, e.g. the amount granted once known."""
    funding = selectors.project_funding(project=access.project, pk=funding_pk)
    initial = {"kind": funding.kind, "label": funding.label, "requested": funding.requested,
               "granted": funding.granted}
    form = FundingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid() and action_run(
            request, lambda: services.funding_update(funding=funding, **form.cleaned_data),
            _("Le financement est enregistré.")):
        return redirect("projects:budget", project_pk=access.project.pk)
    return _form_page(request, form, _("Modifier le financement « %s »") % funding.label)


urlpatterns = [
    path("projets/<int:project_pk>/budget/", budget, name="budget"),
    path("projets/<int:project_pk>/budget/lignes/nouvelle/", budget_line_create,
         name="budget-line-create"),
    path("projets/<int:project_pk>/budget/lignes/<int:line_pk>/", budget_line_edit,
         name="budget-line-edit"),
    path("projets/<int:project_pk>/budget/financements/nouveau/", funding_create,
         name="funding-create"),
    path("projets/<int:project_pk>/budget/financements/<int:funding_pk>/", funding_edit,
         name="funding-edit"),
]
