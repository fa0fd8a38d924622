"""Views of the anomaly log (steps 14 and 16) and of the vendor's secret link."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.core.selectors import document_versions
from projects.policy import VIEW_PROJECT

from ..choices import AcceptanceDocument, AnomalyStatus
from ..permissions import QUALIFY_ANOMALY, REPORT_ANOMALY
from . import rules, selectors, services
from .forms import (
    AnomalyForm,
    CommentForm,
    FilterForm,
    MoveForm,
    SeverityForm,
)
from .models import Anomaly

LIST_KINDS = (AcceptanceDocument.ANOMALY_LIST, AcceptanceDocument.ANOMALY_LIST_GRID)


def _anomaly(access: ProjectAccess, number: int) -> Anomaly:
    """An anomaly of the requesting member's project, by its number, or 404."""
    return get_object_or_404(Anomaly.objects.select_related("reported_by", "case",
                                                            "requirement"),
                             project=access.project, number=number)


def _detail(access: ProjectAccess, anomaly: Anomaly) -> HttpResponse:
    return redirect("acceptance:anomaly-detail", project_pk=access.project.pk,
                    number=anomaly.number)


@project_view(VIEW_PROJECT)
@require_GET
def anomaly_list(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The anomaly log with its filters; htmx refreshes only the table."""
    form = FilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    filters = selectors.AnomalyFilters(severity=data.get("severity", ""),
                                       status=data.get("status", ""),
                                       is_late=bool(data.get("late")))
    now = clock.now()
    context = {"anomalies": selectors.anomaly_list(project=access.project, filters=filters,
                                                   now=now),
               "filter_form": form}
    if request.htmx:
        return render(request, "acceptance/anomalies/_table.html", context)
    documents = list(document_versions(project=access.project, kinds=LIST_KINDS))
    context.update({
        "counts": selectors.anomaly_counts(project=access.project, now=now),
        "has_contract": selectors.contract_of(project=access.project) is not None,
        "groups": [(kind, AcceptanceDocument(kind).label,
                    [d for d in documents if d.kind == kind][:3]) for kind in LIST_KINDS],
    })
    return render(request, "acceptance/anomalies/list.html", context)


def _initial(request: HttpRequest, access: ProjectAccess) -> dict[str, object]:
    """``?case=<pk>`` prefills the case and the need it verifies (from a KO execution)."""
    case_pk = request.GET.get("case", "")
    case = selectors.CASE_MODEL.objects.filter(project=access.project, pk=case_pk).first() \
        if case_pk.isdigit() else None
    if case is None:
        return {}
    return {"case": case.pk, "requirement": case.requirement_id or "",
            "title": case.title[:200]}


@project_view(REPORT_ANOMALY)
@require_http_methods(["GET", "POST"])
def anomaly_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """File a fiche anomalie; its SLA due time is shown on the next page."""
    has_contract = selectors.contract_of(project=access.project) is not None
    form = AnomalyForm(request.POST or None, project=access.project,
                       initial=_initial(request, access))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            anomaly = services.anomaly_report(
                project=access.project, by=request.user, title=data["title"],
                description=data["description"], severity=data["severity"],
                reproduction=data["reproduction"], case=data["case"],
                requirement=data["requirement"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Anomalie %s enregistrée.") % f"AN-{anomaly.number:03d}")
            return _detail(access, anomaly)
    elif request.method == "POST":
        messages.error(request, _("L'anomalie n'a pas été enregistrée : corrigez les erreurs "
                                  "signalées."))
    return render(request, "acceptance/anomalies/form.html",
                  {"form": form, "has_contract": has_contract},
                  status=400 if form.errors else 200)


@project_view(VIEW_PROJECT)
@require_GET
def anomaly_detail(request: AuthenticatedHttpRequest, access: ProjectAccess,
                   number: int) -> HttpResponse:
    """A fiche anomalie: its SLA clock, the moves offered, comments and history."""
    anomaly = _anomaly(access, number)
    return render(request, "acceptance/anomalies/detail.html", {
        "anomaly": anomaly, "late": selectors.is_late(anomaly, clock.now()),
        "moves": [(to, AnomalyStatus(to).label)
                  for to in rules.moves_for(anomaly.status, rules.TEAM)]
        if access.has(QUALIFY_ANOMALY) else [],
        "comments": selectors.anomaly_comments(anomaly=anomaly, for_vendor=False),
        "history": selectors.anomaly_history(anomaly=anomaly),
        "move_form": MoveForm(prefix="move"), "comment_form": CommentForm(),
        "severity_form": SeverityForm(initial={"severity": anomaly.severity}),
    })


@project_view(QUALIFY_ANOMALY)
@require_POST
def anomaly_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
                 number: int) -> HttpResponse:
    """Move the anomaly along its life cycle (verify, close, reject, reopen…)."""
    anomaly = _anomaly(access, number)
    form = MoveForm(request.POST, prefix="move")
    if not form.is_valid():
        messages.error(request, _("Changement de statut incomplet : rien n'a été enregistré."))
        return _detail(access, anomaly)
    data = form.cleaned_data
    action_run(request, lambda: services.anomaly_move(
        anomaly=anomaly, to=data["to"], expected=data["expected"], by=request.user,
        comment=data["comment"], is_internal=data["is_internal"]),
        _("Statut de l'anomalie : « %s ».") % AnomalyStatus(data["to"]).label)
    return _detail(access, anomaly)


@project_view(REPORT_ANOMALY)
@require_POST
def anomaly_comment(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    number: int) -> HttpResponse:
    """Add a comment, shared with the vendor or internal."""
    anomaly = _anomaly(access, number)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Le commentaire est vide ou trop long : rien n'a été "
                                  "enregistré."))
        return _detail(access, anomaly)
    action_run(request, lambda: services.anomaly_comment_add(
        anomaly=anomaly, by=request.user, text=form.cleaned_data["text"],
        is_internal=form.cleaned_data["is_internal"]), _("Commentaire ajouté."))
    return _detail(access, anomaly)


@project_view(QUALIFY_ANOMALY)
@require_POST
def anomaly_qualify(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    number: int) -> HttpResponse:
    """Change the anomaly's severity (and so its SLA due time while it is open)."""
    anomaly = _anomaly(access, number)
    form = SeverityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Gravité inconnue : rien n'a été enregistré."))
        return _detail(access, anomaly)
    action_run(request, lambda: services.anomaly_qualify(
        anomaly=anomaly, severity=form.cleaned_data["severity"], by=request.user),
        _("Gravité enregistrée."))
    return _detail(access, anomaly)


_BASE = "projets/<int:project_pk>/mise-en-oeuvre/anomalies"
_ONE = f"{_BASE}/<int:number>"
urlpatterns = [
    path(f"{_BASE}/", anomaly_list, name="anomaly-list"),
    path(f"{_BASE}/signaler/", anomaly_create, name="anomaly-create"),
    path(f"{_ONE}/", anomaly_detail, name="anomaly-detail"),
    path(f"{_ONE}/statut/", anomaly_move, name="anomaly-move"),
    path(f"{_ONE}/commentaires/", anomaly_comment, name="anomaly-comment"),
    path(f"{_ONE}/gravite/", anomaly_qualify, name="anomaly-qualify"),
]
