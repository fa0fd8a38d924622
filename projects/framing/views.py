"""Views: step 1 (objectifs et périmètre) section by section, and members' contributions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view
from ..method import modules_for_objectives
from ..models import Contribution, Framing, Membership, Project
from ..policy import (
    ASSEMBLY_ROLES,
    EDIT_FRAMING,
    FOLLOW_CONTRIBUTIONS,
    VIEW_PROJECT,
    WRITE_CONTRIBUTION,
)
from . import services as framing_services
from .forms import (
    AxesForm,
    ContributionForm,
    ModulesForm,
    ObjectivesForm,
    RealismForm,
    UsersForm,
)

SECTIONS = ("axes", "objectives", "modules", "users", "realism")


@dataclass
class ContributionSummary:
    """Who of the assemblée générale has written their contribution to step 1."""

    expected: int
    answered: int
    missing: list[Membership]
    contributions: list[Contribution]


def contribution_summary(*, project: Project) -> ContributionSummary:
    """Contributions of a project and the AG members who have not answered, in 2 queries."""
    expected = list(
        Membership.objects.filter(project=project, role__in=ASSEMBLY_ROLES)
        .select_related("user").order_by("user__last_name", "user__first_name", "user__email")
    )
    contributions = list(
        Contribution.objects.filter(project=project).select_related("author")
        .order_by("author__last_name", "author__first_name", "author__email")
    )
    authors = {c.author_id for c in contributions}
    missing = [m for m in expected if m.user_id not in authors]
    return ContributionSummary(expected=len(expected), answered=len(expected) - len(missing),
                               missing=missing, contributions=contributions)


def _section_forms(
    project: Project, *, read_only: bool, section: str | None = None,
    data: QueryDict | None = None,
) -> dict[str, Any]:
    """One form per section of the page; only ``section`` is bound to ``data``."""
    objectives = list(project.objectives.all())
    selected = {o.code for o in objectives if o.is_selected}
    framing = Framing.objects.filter(project=project).first() or Framing(project=project)

    def bound(key: str) -> QueryDict | None:
        return data if key == section else None

    return {
        "axes": AxesForm(bound("axes"), prefix="axes", read_only=read_only,
                         targets=list(project.axis_targets.all())),
        "objectives": ObjectivesForm(bound("objectives"), prefix="objectives",
                                     read_only=read_only, objectives=objectives),
        "modules": ModulesForm(bound("modules"), prefix="modules", read_only=read_only,
                               modules=list(project.scope_modules.all()),
                               suggested=set(modules_for_objectives(selected))),
        "users": UsersForm(bound("users"), prefix="users", read_only=read_only,
                           professions=list(project.professions.all())),
        "realism": RealismForm(bound("realism"), prefix="realism", read_only=read_only,
                               instance=framing),
    }


def _save_section(section: str, form: Any, project: Project) -> str:
    """Hand a valid section form to its service; return the confirmation to show."""
    if section == "axes":
        framing_services.framing_set_axes(project=project, levels=form.levels())
        return _("Les paliers visés sont enregistrés.")
    if section == "objectives":
        framing_services.framing_set_objectives(project=project, selections=form.selections())
        return _("Les objectifs stratégiques sont enregistrés.")
    if section == "modules":
        framing_services.framing_set_scope(project=project, decisions=form.decisions())
        return _("Le périmètre fonctionnel est enregistré.")
    if section == "users":
        framing_services.framing_set_users(project=project, users=form.users())
        return _("Le périmètre des utilisateurs est enregistré.")
    framing_services.framing_set_realism(project=project, values=form.cleaned_data)
    return _("Les facteurs de réalisme sont enregistrés.")


def _render_framing(request: HttpRequest, access: ProjectAccess,
                    forms: dict[str, Any]) -> HttpResponse:
    """The step 1 page with the given section forms and the contributions summary."""
    summary = contribution_summary(project=access.project)
    return render(request, "projects/framing/framing.html", {
        "forms": forms, "summary": summary,
        "can_edit": access.has(EDIT_FRAMING),
        "can_follow": access.has(FOLLOW_CONTRIBUTIONS),
    })


@project_view(VIEW_PROJECT)
def framing(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 1: paliers per axis, strategic objectives, modules, users and realism."""
    forms = _section_forms(access.project, read_only=not access.has(EDIT_FRAMING))
    return _render_framing(request, access, forms)


@project_view(EDIT_FRAMING)
@require_POST
def framing_save(request: HttpRequest, access: ProjectAccess, section: str) -> HttpResponse:
    """Save one section of step 1; the other sections are left as they are."""
    if section not in SECTIONS:
        raise Http404
    forms = _section_forms(access.project, read_only=False, section=section, data=request.POST)
    form = forms[section]
    if form.is_valid():
        try:
            confirmation = _save_section(section, form, access.project)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, confirmation)
            url = reverse("projects:framing", kwargs={"project_pk": access.project.pk})
            return redirect(f"{url}#{section}")
    messages.error(request, _("La section n'a pas été enregistrée : corrigez les erreurs "
                              "signalées."))
    return _render_framing(request, access, forms)


@project_view(WRITE_CONTRIBUTION)
def contribution(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """A professional writes or rewrites their own contribution to step 1."""
    existing = Contribution.objects.filter(project=access.project, author=request.user).first()
    form = ContributionForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            framing_services.contribution_save(project=access.project, author=request.user,
                                               **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Votre contribution est enregistrée. Merci !"))
            return redirect("projects:contribution", project_pk=access.project.pk)
    return render(request, "projects/framing/contribution.html",
                  {"form": form, "existing": existing,
                   "targets": list(access.project.axis_targets.all())})


@project_view(FOLLOW_CONTRIBUTIONS)
def contribution_list(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Every contribution, and the AG members who have not answered yet."""
    summary = contribution_summary(project=access.project)
    return render(request, "projects/framing/contribution_list.html", {"summary": summary})


urlpatterns = [
    path("projets/<int:project_pk>/etapes/1/objectifs/", framing, name="framing"),
    path("projets/<int:project_pk>/etapes/1/objectifs/<slug:section>/", framing_save,
         name="framing-save"),
    path("projets/<int:project_pk>/contribution/", contribution, name="contribution"),
    path("projets/<int:project_pk>/contributions/", contribution_list,
         name="contribution-list"),
]
