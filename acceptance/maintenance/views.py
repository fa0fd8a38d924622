"""Views of step 16 « gérer la maintenance et les évolutions ».

Every member reads; members, référents and the AMOA propose evolution requests
(REQUEST_EVOLUTION); référents and the AMOA qualify and follow them (QUALIFY_EVOLUTION); the
chef alone sends one to the vendor or refuses it (DECIDE_EVOLUTION, checked by the rule);
the AMOA plans and announces interventions (PLAN_INTERVENTION).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT

from ..choices import EvolutionStatus, Severity
from ..permissions import (
    DECIDE_EVOLUTION,
    PLAN_INTERVENTION,
    QUALIFY_EVOLUTION,
    REQUEST_EVOLUTION,
)
from . import rules, selectors, services
from .charts import sla_cells_chart
from .forms import EvolutionForm, EvolutionMoveForm, InterventionForm
from .models import EvolutionRequest, Intervention


def _requirements(access: ProjectAccess) -> Any:
    return selectors.evolution_requirements(project=access.project)


def _url(access: ProjectAccess, anchor: str) -> str:
    return reverse("acceptance:maintenance",
                   kwargs={"project_pk": access.project.pk}) + f"#{anchor}"


def _page(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
          **forms: Any) -> HttpResponse:
    page = selectors.maintenance_page(project=access.project)
    can_qualify, can_decide = access.has(QUALIFY_EVOLUTION), access.has(DECIDE_EVOLUTION)
    evolutions = [(e, [(t, EvolutionStatus(t).label) for t in rules.EVOLUTION_MOVES[e.status]
                       if can_qualify and (can_decide or t not in rules.DECISION_MOVES)])
                  for e in page.evolutions]
    sla = [(cell, str(Severity(cell.severity).label)) for cell in page.sla]
    return render(request, "acceptance/maintenance/maintenance.html", {
        "page": page, "evolutions": evolutions,
        "sla": sla, "sla_chart": sla_cells_chart(sla) if sla else None,
        "evolution_form": forms.get("evolution_form") or EvolutionForm(
            requirements=_requirements(access)),
        "intervention_form": forms.get("intervention_form") or InterventionForm(),
        "can_request": access.has(REQUEST_EVOLUTION),
        "can_plan": access.has(PLAN_INTERVENTION),
    }, status=status)


@project_view(VIEW_PROJECT)
def maintenance(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 16: evolution requests, planned interventions, SLA statistics."""
    return _page(request, access)


@project_view(REQUEST_EVOLUTION)
@require_POST
def evolution_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Log an evolution request."""
    form = EvolutionForm(request.POST, requirements=_requirements(access))
    if not form.is_valid():
        messages.error(request, _("La demande n'a pas été enregistrée : corrigez les erreurs "
                                  "signalées."))
        return _page(request, access, status=400, evolution_form=form)
    try:
        services.evolution_propose(project=access.project, by=request.user,
                                   **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, access, status=400, evolution_form=form)
    messages.success(request, _("Demande d'évolution enregistrée."))
    return redirect(_url(access, "evolutions"))


@project_view(QUALIFY_EVOLUTION)
@require_POST
def evolution_move(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """Qualify, send, plan, deliver, verify or refuse an evolution request."""
    evolution = get_object_or_404(EvolutionRequest, project=access.project, number=number)
    form = EvolutionMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Statut inconnu."))
    else:
        target = form.cleaned_data["target"]
        action_run(request, lambda: services.evolution_transition(
            evolution=evolution, target=target, can_decide=access.has(DECIDE_EVOLUTION),
            target_version=form.cleaned_data["target_version"]),
            _("%(evolution)s : %(status)s.") % {
                "evolution": evolution, "status": EvolutionStatus(target).label.lower()})
    return redirect(_url(access, "evolutions"))


@project_view(PLAN_INTERVENTION)
@require_POST
def intervention_create(request: AuthenticatedHttpRequest,
                        access: ProjectAccess) -> HttpResponse:
    """Plan an intervention."""
    form = InterventionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("L'intervention n'a pas été planifiée : corrigez les "
                                  "erreurs signalées."))
        return _page(request, access, status=400, intervention_form=form)
    try:
        services.intervention_plan(project=access.project, by=request.user,
                                   **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, access, status=400, intervention_form=form)
    messages.success(request, _("Intervention planifiée : annoncez-la aux membres."))
    return redirect(_url(access, "interventions"))


@project_view(PLAN_INTERVENTION)
@require_POST
def intervention_announce(request: HttpRequest, access: ProjectAccess,
                          pk: int) -> HttpResponse:
    """E-mail the members about an intervention."""
    intervention = get_object_or_404(Intervention, project=access.project, pk=pk)
    try:
        count = services.intervention_announce(intervention=intervention)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext("Annonce envoyée à %d membre.",
                                           "Annonce envoyée à %d membres.", count) % count)
    return redirect(_url(access, "interventions"))


_STEP = "projets/<int:project_pk>/etapes/16"
urlpatterns = [
    path(f"{_STEP}/maintenance/", maintenance, name="maintenance"),
    path(f"{_STEP}/maintenance/evolutions/", evolution_create, name="evolution-create"),
    path(f"{_STEP}/maintenance/evolutions/<int:number>/statut/", evolution_move,
         name="evolution-move"),
    path(f"{_STEP}/maintenance/interventions/", intervention_create,
         name="intervention-create"),
    path(f"{_STEP}/maintenance/interventions/<int:pk>/annonce/", intervention_announce,
         name="intervention-announce"),
]
