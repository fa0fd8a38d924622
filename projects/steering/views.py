"""Views of the comité de pilotage: its meetings and decisions (searchable), the minutes
of one meeting, recording them, their PDF."""

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
from ..choices import DocumentKind
from ..core.selectors import document_versions
from ..documents.services import document_request
from ..policy import GENERATE_DOCUMENT, VIEW_PROJECT
from ..risks.selectors import default_action_step
from . import selectors, services
from .forms import ActionFormSet, MinutesForm
from .permissions import RECORD_MINUTES


@project_view(VIEW_PROJECT)
def copil(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The COPIL meetings with their minutes, and the decisions searched across them."""
    query = request.GET.get("q", "")[:100]
    return render(request, "projects/steering/copil.html", {
        "meetings": selectors.copil_meetings(project=access.project), "query": query,
        "decisions": selectors.decisions_search(project=access.project, query=query)[:200]})


@project_view(VIEW_PROJECT)
def copil_minutes(request: HttpRequest, access: ProjectAccess, meeting_pk: int) -> HttpResponse:
    """One COPIL: its minutes when recorded, and the versions of their PDF."""
    meeting = selectors.project_copil(project=access.project, pk=meeting_pk)
    minutes = selectors.meeting_minutes(meeting=meeting)
    versions = (list(document_versions(project=access.project,
                                       kinds=[DocumentKind.COPIL_MINUTES],
                                       subject=str(minutes.pk))) if minutes else [])
    return render(request, "projects/steering/minutes.html", {
        "meeting": meeting, "minutes": minutes, "versions": versions,
        "is_held": meeting.held_on <= clock.today()})


def _actions(formset: Any, step: Any) -> list[services.ActionSpec]:
    return [services.ActionSpec(description=f.cleaned_data["description"],
                                due_on=f.cleaned_data["due_on"], step=step,
                                owner=f.cleaned_data.get("owner"))
            for f in formset if f.cleaned_data.get("description")]


@project_view(RECORD_MINUTES)
def copil_minutes_record(request: AuthenticatedHttpRequest, access: ProjectAccess,
                         meeting_pk: int) -> HttpResponse:
    """Record the minutes of a COPIL: the dashboard is frozen into them as it is now."""
    project = access.project
    meeting = selectors.project_copil(project=project, pk=meeting_pk)
    form = MinutesForm(request.POST or None, project=project,
                       initial={"agenda": meeting.topic})
    formset = ActionFormSet(request.POST or None, prefix="actions",
                            form_kwargs={"project": project})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        step = default_action_step(project=project)
        data = form.cleaned_data
        if step is not None and action_run(request, lambda: services.minutes_record(
                meeting=meeting, by=request.user, attendees=list(data["attendees"]),
                agenda=data["agenda"], notes=data["notes"],
                decisions=form.decision_lines(), actions=_actions(formset, step),
                risks_reviewed=list(data["risks_reviewed"]),
                snapshot=selectors.dashboard_snapshot(project=project,
                                                      today=clock.today())),
                _("Le compte rendu est enregistré.")):
            return redirect("projects:copil-minutes", project_pk=project.pk,
                            meeting_pk=meeting.pk)
    return render(request, "projects/steering/minutes_form.html",
                  {"meeting": meeting, "form": form, "formset": formset})


@project_view(GENERATE_DOCUMENT)
@require_POST
def copil_minutes_document(request: AuthenticatedHttpRequest, access: ProjectAccess,
                           meeting_pk: int) -> HttpResponse:
    """Generate a new version of the « Compte rendu de COPIL » PDF."""
    meeting = selectors.project_copil(project=access.project, pk=meeting_pk)
    minutes = selectors.meeting_minutes(meeting=meeting)
    if minutes is None:
        messages.error(request, _("Enregistrez d'abord le compte rendu."))
    else:
        action_run(request, lambda: document_request(
            project=access.project, kind=DocumentKind.COPIL_MINUTES, by=request.user,
            subject=str(minutes.pk), subject_label=str(meeting)),
            _("Le compte rendu en PDF est en préparation."))
    return redirect("projects:copil-minutes", project_pk=access.project.pk,
                    meeting_pk=meeting.pk)


urlpatterns = [
    path("projets/<int:project_pk>/copil/", copil, name="copil"),
    path("projets/<int:project_pk>/copil/<int:meeting_pk>/", copil_minutes,
         name="copil-minutes"),
    path("projets/<int:project_pk>/copil/<int:meeting_pk>/compte-rendu/",
         copil_minutes_record, name="copil-minutes-record"),
    path("projets/<int:project_pk>/copil/<int:meeting_pk>/document/",
         copil_minutes_document, name="copil-minutes-document"),
]
