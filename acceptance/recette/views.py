"""Pages of step 14, the recette: cases, campaigns and results, coverage, traceability."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from msp_si.accounts.models import User
from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.core.selectors import document_versions
from projects.policy import VIEW_PROJECT

from ..choices import AcceptanceDocument
from ..permissions import EXECUTE_CASES, PREPARE_RECETTE, PRONOUNCE_RECETTE
from . import presenters, selectors, services
from .forms import AssignForm, CampaignForm, CaseForm, DecisionForm, ExecutionForm, RecheckForm
from .models import AcceptanceCase, Campaign, CampaignCase

DOCUMENT_KINDS = (AcceptanceDocument.RECETTE_PROTOCOL, AcceptanceDocument.RECETTE_PV)


def _anomaly_create_url(project_pk: int) -> str | None:
    """The anomaly log's form, when the anomaly capability is installed."""
    try:
        return reverse("acceptance:anomaly-create", args=[project_pk])
    except NoReverseMatch:
        return None


@project_view(VIEW_PROJECT)
def recette(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 14's working page: cases, campaigns, documents and the PV's decision."""
    project = access.project
    documents = list(document_versions(project=project, kinds=DOCUMENT_KINDS))
    groups = [(kind, AcceptanceDocument(kind).label,
               [d for d in documents if d.kind == kind][:3]) for kind in DOCUMENT_KINDS]
    today = clock.today()
    return render(request, "acceptance/recette/recette.html", {
        "case_count": AcceptanceCase.objects.filter(project=project).count(),
        "generation_error": selectors.generation_error(project=project),
        "campaigns": selectors.campaign_lines(project=project),
        "coverage": selectors.coverage_of(project=project),
        "groups": groups,
        "decision": selectors.latest_decision(project=project),
        "blocking_open": selectors.blocking_open_count(project=project),
        "reserves": selectors.reserves(project=project),
        "campaign_form": CampaignForm(initial={"starts_on": today, "ends_on": today}),
        "decision_form": DecisionForm(initial={"decided_on": today}),
        "can_prepare": access.has(PREPARE_RECETTE),
        "can_pronounce": access.has(PRONOUNCE_RECETTE),
    })


@project_view(PREPARE_RECETTE)
@require_POST
def case_generate(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Write the cases of the needs that have none yet."""
    try:
        created = services.cases_generate(project=access.project, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "%d cas de test écrit à partir de la grille des besoins.",
            "%d cas de test écrits à partir de la grille des besoins.",
            len(created)) % len(created))
    return redirect("acceptance:case-list", project_pk=access.project.pk)


@project_view(VIEW_PROJECT)
def case_list(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Every case with its need, latest result and suspect flag."""
    return render(request, "acceptance/recette/case_list.html", {
        "rows": selectors.case_rows(project=access.project),
        "generation_error": selectors.generation_error(project=access.project),
        "can_prepare": access.has(PREPARE_RECETTE),
    })


@project_view(PREPARE_RECETTE)
def case_edit(request: AuthenticatedHttpRequest, access: ProjectAccess,
              pk: int) -> HttpResponse:
    """Edit a case's text: its revision grows, campaigns already opened keep theirs."""
    case = get_object_or_404(AcceptanceCase.objects.select_related("requirement"), pk=pk,
                             project=access.project)
    form = CaseForm(request.POST or None, initial={
        "title": case.title, "steps": case.steps, "expected_result": case.expected_result,
        "revision": case.revision})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if action_run(request, lambda: services.case_update(
                    case=case, by=request.user, title=data["title"], steps=data["steps"],
                    expected_result=data["expected_result"], revision=data["revision"]),
                    _("Le cas %s est enregistré.") % case.code):
                return redirect("acceptance:case-list", project_pk=access.project.pk)
        else:
            messages.error(request, _("Le cas n'a pas été enregistré : corrigez les erreurs "
                                      "signalées."))
    return render(request, "acceptance/recette/case_edit.html", {"case": case, "form": form},
                  status=400 if form.errors else 200)


@project_view(PREPARE_RECETTE)
@require_POST
def campaign_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Open a campaign: its cases' text is frozen now."""
    form = CampaignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La campagne n'a pas été créée : %s") % " ".join(
            str(e) for errors in form.errors.values() for e in errors))
        return redirect("acceptance:recette", project_pk=access.project.pk)
    data = form.cleaned_data
    try:
        campaign = services.campaign_open(
            project=access.project, by=request.user, name=data["name"], kind=data["kind"],
            starts_on=data["starts_on"], ends_on=data["ends_on"], sources=data["sources"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("acceptance:recette", project_pk=access.project.pk)
    messages.success(request, _("La campagne « %s » est ouverte.") % campaign.name)
    return redirect("acceptance:campaign-detail", project_pk=access.project.pk, pk=campaign.pk)


@project_view(VIEW_PROJECT)
def campaign_detail(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    pk: int) -> HttpResponse:
    """A campaign's frozen cases, testers and results; each tester records theirs."""
    campaign = get_object_or_404(Campaign, pk=pk, project=access.project)
    view = selectors.campaign_view(campaign=campaign)
    mine = request.GET.get("testeur") == "moi"
    items = [i for i in view.items if i.tester_id == request.user.pk] if mine else view.items
    can_prepare, can_execute = access.has(PREPARE_RECETTE), access.has(EXECUTE_CASES)
    base = reverse("acceptance:campaign-detail", args=[access.project.pk, campaign.pk])
    rows = presenters.campaign_rows(
        items, names=view.names, base_url=base, user_id=request.user.pk, can_prepare=can_prepare,
        can_execute=can_execute, anomaly_url=_anomaly_create_url(access.project.pk))
    return render(request, "acceptance/recette/campaign_detail.html", {
        "view": view, "rows": rows, "mine": mine, "can_prepare": can_prepare,
        "rows_html": presenters.rows_html(rows, csrf_token=get_token(request),
                                          can_prepare=can_prepare),
    })


def _item(access: ProjectAccess, pk: int, item_pk: int) -> CampaignCase:
    """A campaign's case, through its campaign and project (404 otherwise)."""
    return get_object_or_404(CampaignCase, pk=item_pk, campaign_id=pk, project=access.project)


@project_view(EXECUTE_CASES)
@require_POST
def campaign_execute(request: AuthenticatedHttpRequest, access: ProjectAccess, pk: int,
                     item_pk: int) -> HttpResponse:
    """Record the result of one campaign's case (its tester; the chef or AMOA stand in)."""
    item = _item(access, pk, item_pk)
    form = ExecutionForm(request.POST)
    back = reverse("acceptance:campaign-detail", args=[access.project.pk, pk])
    if not form.is_valid():
        messages.error(request, _("Le résultat n'a pas été enregistré : choisissez un "
                                  "résultat."))
        return redirect(f"{back}#cas-{item.pk}")
    data = form.cleaned_data
    action_run(request, lambda: services.execution_record(
        item=item, by=request.user, result=data["result"], comment=data["comment"],
        version=data["version"], can_prepare=access.has(PREPARE_RECETTE)),
        _("Résultat enregistré pour %s.") % item.code)
    return redirect(f"{back}#cas-{item.pk}")


@project_view(PREPARE_RECETTE)
@require_POST
def campaign_assign(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    pk: int) -> HttpResponse:
    """Give the checked cases of a campaign to another tester."""
    campaign = get_object_or_404(Campaign, pk=pk, project=access.project)
    form = AssignForm(request.POST)
    back = reverse("acceptance:campaign-detail", args=[access.project.pk, pk])
    tester = (User.objects.filter(pk=form.cleaned_data["tester"]).first()
              if form.is_valid() else None)
    if tester is None:
        messages.error(request, _("Choisissez un testeur de l'équipe projet et cochez au "
                                  "moins un cas."))
        return redirect(back)
    try:
        moved = services.campaign_cases_assign(campaign=campaign, tester=tester,
                                               item_ids=form.cleaned_data["items"],
                                               by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "%(n)d cas attribué à %(who)s.", "%(n)d cas attribués à %(who)s.", moved)
            % {"n": moved, "who": tester.display_name})
    return redirect(back)


@project_view(VIEW_PROJECT)
def coverage(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Share of the needs verified OK by profession and priority; needs left to cover."""
    return render(request, "acceptance/recette/coverage.html", {
        "coverage": selectors.coverage_of(project=access.project)})


@project_view(VIEW_PROJECT)
def traceability(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """need → chosen answer → obligation → case → execution → anomaly, « à revoir » flags."""
    rows = selectors.traceability(project=access.project)
    if request.GET.get("a-revoir"):
        rows = [row for row in rows if row.is_suspect]
    return render(request, "acceptance/recette/traceability.html", {
        "rows": rows, "only_suspect": bool(request.GET.get("a-revoir")),
        "can_prepare": access.has(PREPARE_RECETTE)})


@project_view(PREPARE_RECETTE)
@require_POST
def trace_recheck(request: AuthenticatedHttpRequest, access: ProjectAccess,
                  pk: int) -> HttpResponse:
    """Mark a « à revoir » link as re-checked."""
    case = get_object_or_404(AcceptanceCase, pk=pk, project=access.project)
    form = RecheckForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    action_run(request, lambda: services.trace_recheck(case=case, by=request.user, note=note),
               _("Le lien de %s est revu.") % case.code)
    return redirect(reverse("acceptance:traceability", args=[access.project.pk])
                    + f"#besoin-{case.requirement_id}")


@project_view(PRONOUNCE_RECETTE)
@require_POST
def recette_decide(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Record the PV's decision (chef de projet only)."""
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("La décision n'a pas été enregistrée : indiquez la décision "
                                  "et sa date."))
    else:
        data = form.cleaned_data
        action_run(request, lambda: services.recette_decide(
            project=access.project, by=request.user, verdict_code=data["verdict"],
            decided_on=data["decided_on"], comment=data["comment"]),
            _("La décision de recette est enregistrée."))
    return redirect(reverse("acceptance:recette", args=[access.project.pk]) + "#decision")


_STEP = "projets/<int:project_pk>/etapes/14"
urlpatterns = [
    path(f"{_STEP}/recette/", recette, name="recette"),
    path(f"{_STEP}/cas/", case_list, name="case-list"),
    path(f"{_STEP}/cas/generer/", case_generate, name="case-generate"),
    path(f"{_STEP}/cas/<int:pk>/", case_edit, name="case-edit"),
    path(f"{_STEP}/campagnes/", campaign_create, name="campaign-create"),
    path(f"{_STEP}/campagnes/<int:pk>/", campaign_detail, name="campaign-detail"),
    path(f"{_STEP}/campagnes/<int:pk>/cas/<int:item_pk>/resultat/", campaign_execute,
         name="campaign-execute"),
    path(f"{_STEP}/campagnes/<int:pk>/testeurs/", campaign_assign, name="campaign-assign"),
    path(f"{_STEP}/couverture/", coverage, name="coverage"),
    path(f"{_STEP}/tracabilite/", traceability, name="traceability"),
    path(f"{_STEP}/tracabilite/<int:pk>/revu/", trace_recheck, name="trace-recheck"),
    path(f"{_STEP}/decision/", recette_decide, name="recette-decide"),
]
