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
from projects.policy import GENERATE_DOCUMENT, REFERENT_ROLES, VIEW_PROJECT

from ..choices import AcceptanceDocument, EvolutionStatus, EvolutionVoteChoice, Severity
from ..permissions import (
    DECIDE_EVOLUTION,
    PLAN_INTERVENTION,
    QUALIFY_EVOLUTION,
    REQUEST_EVOLUTION,
    VOTE_EVOLUTION,
)
from . import rules, selectors, services
from .charts import sla_cells_chart
from .forms import (
    EvolutionForm,
    EvolutionMoveForm,
    EvolutionVoteForm,
    FollowUpForm,
    InterventionForm,
)
from .models import EvolutionRequest, Intervention


def _requirements(access: ProjectAccess) -> Any:
    return selectors.evolution_requirements(project=access.project)


def _url(access: ProjectAccess, anchor: str) -> str:
    return reverse("acceptance:maintenance",
                   kwargs={"project_pk": access.project.pk}) + f"#{anchor}"


def _page(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
          **forms: Any) -> HttpResponse:
    page = selectors.maintenance_page(project=access.project,
                                      user_id=access.membership.user_id)
    can_qualify, can_decide = access.has(QUALIFY_EVOLUTION), access.has(DECIDE_EVOLUTION)
    # The chef holds every permission but decides rather than votes: référents vote.
    is_voter = (access.has(VOTE_EVOLUTION)
                and access.membership.role in REFERENT_ROLES)
    evolutions = [(e, [(t, EvolutionStatus(t).label) for t in rules.EVOLUTION_MOVES[e.status]
                       if can_qualify and (can_decide or t not in rules.DECISION_MOVES)],
                   page.votes.get(e.pk, rules.VoteResult()),
                   is_voter and e.pk not in page.my_votes
                   and e.status in rules.VOTING_STATUSES,
                   EvolutionVoteChoice(page.my_votes[e.pk]).label
                   if e.pk in page.my_votes else None)
                  for e in page.evolutions]
    can_plan = access.has(PLAN_INTERVENTION)
    campaigns, sessions = selectors.follow_up_choices(project=access.project)
    sla = [(cell, str(Severity(cell.severity).label)) for cell in page.sla]
    return render(request, "acceptance/maintenance/maintenance.html", {
        "page": page, "evolutions": evolutions,
        "sla": sla, "sla_chart": sla_cells_chart(sla) if sla else None,
        "evolution_form": forms.get("evolution_form") or EvolutionForm(
            requirements=_requirements(access)),
        "intervention_form": forms.get("intervention_form") or InterventionForm(),
        # Listed once for every intervention's form (not a query per intervention).
        "campaign_options": list(campaigns) if can_plan else [],
        "session_options": list(sessions) if can_plan else [],
        "vote_choices": EvolutionVoteChoice.choices,
        "can_request": access.has(REQUEST_EVOLUTION),
        "can_plan": can_plan,
        "can_generate": access.has(GENERATE_DOCUMENT),
        "evolution_list_kind": AcceptanceDocument.EVOLUTION_LIST,
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


@project_view(VOTE_EVOLUTION)
@require_POST
def evolution_vote(request: AuthenticatedHttpRequest, access: ProjectAccess,
                   number: int) -> HttpResponse:
    """A référent votes for, against, or abstains on a request."""
    evolution = get_object_or_404(EvolutionRequest, project=access.project, number=number)
    form = EvolutionVoteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Vote inconnu : rien n'a été enregistré."))
    else:
        action_run(request, lambda: services.evolution_vote(
            evolution=evolution, voter=request.user, role=access.membership.role,
            choice=form.cleaned_data["choice"]),
            _("%(evolution)s : vote enregistré.") % {"evolution": evolution})
    return redirect(_url(access, f"evolution-{evolution.number}"))


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


@project_view(PLAN_INTERVENTION)
@require_POST
def intervention_follow_up(request: AuthenticatedHttpRequest, access: ProjectAccess,
                           pk: int) -> HttpResponse:
    """Open a re-recette campaign or plan a training session for an intervention, or attach
    existing ones."""
    intervention = get_object_or_404(Intervention, project=access.project, pk=pk)
    campaigns, sessions = selectors.follow_up_choices(project=access.project)
    form = FollowUpForm(request.POST, campaigns=campaigns, sessions=sessions)
    if not form.is_valid():
        messages.error(request, _("Campagne ou session inconnue : rien n'a été rattaché."))
        return redirect(_url(access, f"intervention-{intervention.pk}"))
    data = form.cleaned_data
    if data["create"] == "recette":
        action_run(request, lambda: services.intervention_recette_open(
            intervention=intervention, by=request.user),
            _("Campagne de re-recette ouverte et rattachée à l'intervention."))
    elif data["create"] == "training":
        action_run(request, lambda: services.intervention_training_plan(
            intervention=intervention),
            _("Session de formation planifiée et rattachée : envoyez les convocations "
              "depuis la page de la session."))
    else:
        action_run(request, lambda: services.intervention_attach(
            intervention=intervention, campaign=data["campaign"], session=data["session"]),
            _("Rattachement enregistré."))
    return redirect(_url(access, f"intervention-{intervention.pk}"))


@project_view(PLAN_INTERVENTION)
@require_POST
def intervention_notice(request: AuthenticatedHttpRequest, access: ProjectAccess,
                        pk: int) -> HttpResponse:
    """Queue the avis d'intervention (PDF)."""
    intervention = get_object_or_404(Intervention, project=access.project, pk=pk)
    action_run(request, lambda: services.intervention_notice_request(
        intervention=intervention, by=request.user),
        _("Avis d'intervention demandé : il apparaît dans les documents du projet dès "
          "qu'il est prêt."))
    return redirect(_url(access, f"intervention-{intervention.pk}"))


_STEP = "projets/<int:project_pk>/etapes/16"
urlpatterns = [
    path(f"{_STEP}/maintenance/", maintenance, name="maintenance"),
    path(f"{_STEP}/maintenance/evolutions/", evolution_create, name="evolution-create"),
    path(f"{_STEP}/maintenance/evolutions/<int:number>/statut/", evolution_move,
         name="evolution-move"),
    path(f"{_STEP}/maintenance/evolutions/<int:number>/vote/", evolution_vote,
         name="evolution-vote"),
    path(f"{_STEP}/maintenance/interventions/<int:pk>/suites/", intervention_follow_up,
         name="intervention-follow-up"),
    path(f"{_STEP}/maintenance/interventions/<int:pk>/avis/", intervention_notice,
         name="intervention-notice"),
    path(f"{_STEP}/maintenance/interventions/", intervention_create,
         name="intervention-create"),
    path(f"{_STEP}/maintenance/interventions/<int:pk>/annonce/", intervention_announce,
         name="intervention-announce"),
]
