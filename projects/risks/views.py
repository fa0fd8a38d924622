"""Views of the risk register: the register with its matrix, a risk and its ratings,
and the chef de projet's (or the AMOA's) writes."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view
from ..charts import criticality_chart
from ..choices import RiskStatus
from ..policy import VIEW_PROJECT
from . import rules, selectors, services
from .forms import ActionForm, KnownRiskForm, RatingForm, RiskForm, StatusForm
from .permissions import MANAGE_RISKS, PROPOSE_RISK


@project_view(VIEW_PROJECT)
def risk_list(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The register: 4 × 4 matrix and its table, risks to review, proposals, known risks."""
    register = selectors.risk_register(project=access.project, today=clock.today())
    return render(request, "projects/risks/risk_list.html", {
        "register": register, "review_weeks": rules.REVIEW_WEEKS,
        "probability_labels": rules.PROBABILITY_LABELS,
        "impact_labels": rules.IMPACT_LABELS})


@project_view(PROPOSE_RISK)
def risk_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """A new risk; the AMOA's goes to the chef de projet as a proposal."""
    project = access.project
    form = RiskForm(request.POST or None, project=project)
    is_proposal = not access.has(MANAGE_RISKS)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = action_run(request, lambda: services.risk_create(
            project=project, by=request.user, is_proposal=is_proposal, **data),
            _("Le risque est proposé au chef de projet.") if is_proposal
            else _("Le risque est ajouté au registre."))
        if done:
            return redirect("projects:risk-list", project_pk=project.pk)
    return render(request, "projects/risks/risk_form.html",
                  {"form": form, "is_proposal": is_proposal})


def _detail_context(access: ProjectAccess, risk: Any) -> dict[str, Any]:
    assessments = selectors.risk_assessments(risk=risk)
    context: dict[str, Any] = {
        "risk": risk, "level": rules.level(risk.criticality),
        "level_label": rules.LEVEL_LABELS[rules.level(risk.criticality)],
        "assessments": assessments,
        "criticality_chart": criticality_chart(assessments),
        "actions": selectors.risk_actions(risk=risk),
        "is_review_overdue": rules.is_review_overdue(
            status=risk.status, assessed_on=risk.assessed_on, today=clock.today()),
        "moves": [(s, RiskStatus(s).label) for s in RiskStatus.values
                  if rules.can_move(risk.status, s)],
        "known": rules.KNOWN_BY_CODE.get(risk.source),
    }
    if access.has(MANAGE_RISKS):
        step = selectors.default_action_step(project=access.project)
        context["rating_form"] = RatingForm(initial={"probability": risk.probability,
                                                     "impact": risk.impact})
        context["action_form"] = ActionForm(project=access.project, initial={
            "step": step.pk if step else None, "owner": risk.owner_id,
            "description": str(context["known"].action) if context["known"] else ""})
    return context


@project_view(VIEW_PROJECT)
def risk_detail(request: HttpRequest, access: ProjectAccess, risk_pk: int) -> HttpResponse:
    """A risk: its ratings over time, its preventive actions, what the chef may change."""
    risk = selectors.project_risk(project=access.project, pk=risk_pk)
    return render(request, "projects/risks/risk_detail.html", _detail_context(access, risk))


@project_view(MANAGE_RISKS)
@require_POST
def risk_assess(request: AuthenticatedHttpRequest, access: ProjectAccess,
                risk_pk: int) -> HttpResponse:
    """Re-evaluate a risk: a new rating, the earlier ones kept."""
    risk = selectors.project_risk(project=access.project, pk=risk_pk)
    form = RatingForm(request.POST)
    if form.is_valid():
        action_run(request, lambda: services.risk_assess(risk=risk, by=request.user,
                                                         **form.cleaned_data),
                   _("La nouvelle évaluation est enregistrée."))
    else:
        messages.error(request, _("La probabilité et l'impact se notent de 1 à 4 : rien "
                                  "n'est enregistré."))
    return redirect("projects:risk-detail", project_pk=access.project.pk, risk_pk=risk.pk)


@project_view(MANAGE_RISKS)
def risk_action_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    risk_pk: int) -> HttpResponse:
    """Add a preventive action; it becomes a task of the calendar."""
    risk = selectors.project_risk(project=access.project, pk=risk_pk)
    form = ActionForm(request.POST or None, project=access.project)
    if request.method == "POST" and form.is_valid() and action_run(
            request, lambda: services.risk_action_add(risk=risk, by=request.user,
                                                      **form.cleaned_data),
            _("L'action préventive est ajoutée au calendrier.")):
        return redirect("projects:risk-detail", project_pk=access.project.pk, risk_pk=risk.pk)
    context = _detail_context(access, risk)
    context["action_form"] = form
    return render(request, "projects/risks/risk_detail.html", context)


@project_view(MANAGE_RISKS)
@require_POST
def risk_status(request: AuthenticatedHttpRequest, access: ProjectAccess,
                risk_pk: int) -> HttpResponse:
    """Move a risk (accept or refuse a proposal, mark it mitigated, occurred, closed)."""
    risk = selectors.project_risk(project=access.project, pk=risk_pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        to_status = form.cleaned_data["to_status"]
        action_run(request, lambda: services.risk_move(risk=risk, to_status=to_status),
                   _("Le risque est maintenant « %s ».") % RiskStatus(to_status).label)
    else:
        messages.error(request, _("Statut inconnu : le risque n'a pas changé."))
    return redirect("projects:risk-detail", project_pk=access.project.pk, risk_pk=risk.pk)


@project_view(MANAGE_RISKS)
@require_POST
def known_risk_decide(request: AuthenticatedHttpRequest, access: ProjectAccess,
                      code: str) -> HttpResponse:
    """Accept one of the method's known risks into the register, or refuse it."""
    form = KnownRiskForm(request.POST)
    if form.is_valid():
        is_accepted = form.cleaned_data["decision"] == "accept"
        action_run(request, lambda: services.known_risk_decide(
            project=access.project, code=code, is_accepted=is_accepted, by=request.user),
            _("Le risque est ajouté au registre.") if is_accepted
            else _("Le risque est écarté ; il reste visible parmi les risques refusés."))
    else:
        messages.error(request, _("Décision inconnue : rien n'est enregistré."))
    return redirect("projects:risk-list", project_pk=access.project.pk)


urlpatterns = [
    path("projets/<int:project_pk>/risques/", risk_list, name="risk-list"),
    path("projets/<int:project_pk>/risques/nouveau/", risk_create, name="risk-create"),
    path("projets/<int:project_pk>/risques/<int:risk_pk>/", risk_detail, name="risk-detail"),
    path("projets/<int:project_pk>/risques/<int:risk_pk>/evaluation/", risk_assess,
         name="risk-assess"),
    path("projets/<int:project_pk>/risques/<int:risk_pk>/actions/", risk_action_add,
         name="risk-action-add"),
    path("projets/<int:project_pk>/risques/<int:risk_pk>/statut/", risk_status,
         name="risk-status"),
    path("projets/<int:project_pk>/risques/connus/<slug:code>/", known_risk_decide,
         name="known-risk-decide"),
]
