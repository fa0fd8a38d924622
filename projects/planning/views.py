"""Views of step 2 (équipe projet) and step 3 (calendrier, timeline, deployment waves)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST
from django_stubs_ext import StrOrPromise

from msp_si.common import clock
from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError

from ..access import ProjectAccess, project_view
from ..models import DeploymentWave, Meeting, Milestone, Task
from ..policy import EDIT_FRAMING, VIEW_PROJECT
from . import selectors as planning
from . import services
from .forms import (
    MeetingForm,
    MilestoneForm,
    TaskForm,
    TeamCharterForm,
    WaveAssignmentForm,
    WaveForm,
)


@project_view(VIEW_PROJECT, post=EDIT_FRAMING)
def charter(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 2: the team's composition and, for editors, the team charter form."""
    overview = planning.charter_overview(project=access.project)
    form = None
    if request.method == "POST":
        form = TeamCharterForm(request.POST, instance=overview.charter)
        if form.is_valid():
            try:
                services.team_charter_update(charter=overview.charter,
                                             changes=form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("L'organisation de l'équipe projet est "
                                            "enregistrée."))
                return redirect("projects:charter", project_pk=access.project.pk)
    elif access.has(EDIT_FRAMING):
        form = TeamCharterForm(instance=overview.charter)
    return render(request, "projects/planning/charter.html",
                  {"overview": overview, "form": form})


@project_view(VIEW_PROJECT)
def calendar(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 3: timeline, tasks, milestones, meetings and deployment waves."""
    project = access.project
    overview = planning.calendar_overview(project=project, today=clock.today())
    context: dict[str, Any] = {"overview": overview, "kinds": KINDS}
    if access.has(EDIT_FRAMING):
        context["new_forms"] = {name: kind.form_class(project=project, prefix=name)
                                for name, kind in KINDS.items()}
        context["wave_form"] = _wave_assignment_form(access, None, overview.modules)
    return render(request, "projects/planning/calendar.html", context)


@dataclass(frozen=True)
class ItemKind:
    """How the generic create / edit / delete views handle one kind of calendar item."""

    model: type[models.Model]
    form_class: Callable[..., forms.ModelForm]  # a ModelForm class taking ``project=``
    create: Callable[..., Any]
    update: Callable[..., Any]
    delete: Callable[..., Any]
    title_new: StrOrPromise
    title_edit: StrOrPromise
    saved: StrOrPromise
    deleted: StrOrPromise


KINDS: dict[str, ItemKind] = {
    "task": ItemKind(
        Task, TaskForm,
        services.task_create, lambda obj, **d: services.task_update(task=obj, **d),
        lambda obj: services.task_delete(task=obj),
        gettext_lazy("Nouvelle tâche"), gettext_lazy("Modifier la tâche"),
        gettext_lazy("La tâche est enregistrée."), gettext_lazy("La tâche est supprimée."),
    ),
    "milestone": ItemKind(
        Milestone, MilestoneForm,
        services.milestone_create, lambda obj, **d: services.milestone_update(milestone=obj, **d),
        lambda obj: services.milestone_delete(milestone=obj),
        gettext_lazy("Nouveau jalon"), gettext_lazy("Modifier le jalon"),
        gettext_lazy("Le jalon est enregistré."), gettext_lazy("Le jalon est supprimé."),
    ),
    "meeting": ItemKind(
        Meeting, MeetingForm,
        services.meeting_create, lambda obj, **d: services.meeting_update(meeting=obj, **d),
        lambda obj: services.meeting_delete(meeting=obj),
        gettext_lazy("Nouvelle réunion"), gettext_lazy("Modifier la réunion"),
        gettext_lazy("La réunion est enregistrée."), gettext_lazy("La réunion est supprimée."),
    ),
    "wave": ItemKind(
        DeploymentWave, WaveForm,
        services.wave_create, lambda obj, **d: services.wave_update(wave=obj, **d),
        lambda obj: services.wave_delete(wave=obj),
        gettext_lazy("Nouvelle vague de déploiement"), gettext_lazy("Modifier la vague"),
        gettext_lazy("La vague est enregistrée."), gettext_lazy("La vague est supprimée."),
    ),
}


def _back_to_calendar(access: ProjectAccess, kind: str) -> HttpResponse:
    """Redirect to the calendar section of this kind of item."""
    response = redirect("projects:calendar", project_pk=access.project.pk)
    response["Location"] += f"#{kind}s"
    return response


def _save(request: HttpRequest, access: ProjectAccess, kind: str,
          item: models.Model | None) -> HttpResponse:
    """Validate the posted form and hand it to the create or update service."""
    spec = KINDS[kind]
    project = access.project
    data = request.POST if request.method == "POST" else None
    prefix = kind if item is None else None
    form = spec.form_class(data, project=project, instance=item, prefix=prefix)
    if data is not None and form.is_valid():
        try:
            if item is None:
                spec.create(project=project, **form.cleaned_data)
            else:
                spec.update(item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, str(spec.saved))
            return _back_to_calendar(access, kind)
    return render(request, "projects/planning/item_form.html", {
        "form": form, "kind": kind, "item": item,
        "title": spec.title_new if item is None else spec.title_edit,
    })


@project_view(EDIT_FRAMING)
def item_create(request: HttpRequest, access: ProjectAccess, kind: str) -> HttpResponse:
    """Add a task, milestone, meeting or wave to the calendar."""
    return _save(request, access, kind, None)


@project_view(EDIT_FRAMING)
def item_edit(request: HttpRequest, access: ProjectAccess, kind: str,
              item_pk: int) -> HttpResponse:
    """Change a task, milestone, meeting or wave of this project."""
    item = get_object_or_404(KINDS[kind].model, pk=item_pk, project=access.project)
    return _save(request, access, kind, item)


@require_POST
@project_view(EDIT_FRAMING)
def item_delete(request: HttpRequest, access: ProjectAccess, kind: str,
                item_pk: int) -> HttpResponse:
    """Delete a task, milestone, meeting or wave of this project."""
    spec = KINDS[kind]
    item = get_object_or_404(spec.model, pk=item_pk, project=access.project)
    action_run(request, lambda: spec.delete(item), spec.deleted)
    return _back_to_calendar(access, kind)


def _wave_assignment_form(access: ProjectAccess, data: Any,
                          modules: list[planning.ModuleLine] | None = None) -> WaveAssignmentForm:
    """The module → wave form over the modules that will go live."""
    if modules is None:
        modules = planning.wave_modules(project=access.project)
    return WaveAssignmentForm(data, project=access.project,
                              modules=[(m.module, m.title) for m in modules])


@require_POST
@project_view(EDIT_FRAMING)
def wave_modules(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Assign the modules in scope (or planned later) to deployment waves."""
    form = _wave_assignment_form(access, request.POST)
    if form.is_valid():
        try:
            changed = services.wave_assign_modules(project=access.project,
                                                   assignments=form.assignments())
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, ngettext(
                "Répartition des modules enregistrée (%d modification).",
                "Répartition des modules enregistrée (%d modifications).", changed) % changed)
        return _back_to_calendar(access, "wave")
    return render(request, "projects/planning/item_form.html", {
        "form": form, "kind": "wave-modules", "item": None,
        "title": _("Répartition des modules par vague"),
    })


_BASE = "projets/<int:project_pk>/calendrier"
_SLUGS = {"task": "taches", "milestone": "jalons", "meeting": "reunions", "wave": "vagues"}

urlpatterns = [
    path("projets/<int:project_pk>/etapes/2/equipe-projet/", charter, name="charter"),
    path(f"{_BASE}/", calendar, name="calendar"),
    path(f"{_BASE}/vagues/modules/", wave_modules, name="wave-modules"),
]
for _kind, _slug in _SLUGS.items():
    urlpatterns += [
        path(f"{_BASE}/{_slug}/nouveau/", item_create, {"kind": _kind}, name=f"{_kind}-create"),
        path(f"{_BASE}/{_slug}/<int:item_pk>/", item_edit, {"kind": _kind},
             name=f"{_kind}-edit"),
        path(f"{_BASE}/{_slug}/<int:item_pk>/supprimer/", item_delete, {"kind": _kind},
             name=f"{_kind}-delete"),
    ]
