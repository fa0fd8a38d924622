"""Views: the list of one's projects, project creation, the project's sheet (the project
home, its dashboard, is ``projects.dashboard.views``)."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view, user_view
from ..policy import EDIT_PROJECT
from . import selectors, services
from .forms import HeadcountForm, ProjectForm, SiteFormSet


@user_view
def project_list(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The signed-in user's projects with their headline figures."""
    today = clock.today()
    projects = list(selectors.projects_for_user(user=request.user))
    if len(projects) == 1 and not request.GET.get("tous"):
        return redirect("projects:project-home", project_pk=projects[0].pk)
    overviews = selectors.projects_overview(projects=projects, user=request.user, today=today)
    return render(request, "projects/project_list.html", {"overviews": overviews})


@user_view
def project_create(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A health professional creates their MSP's project and becomes its chef de projet."""
    form = ProjectForm(request.POST or None)
    sites = SiteFormSet(request.POST or None, prefix="sites")
    headcounts = HeadcountForm(request.POST or None, prefix="effectifs")
    if request.method == "POST" and form.is_valid() and sites.is_valid() and headcounts.is_valid():
        site_rows = [(f.cleaned_data["name"], f.cleaned_data.get("city", ""))
                     for f in sites if f.cleaned_data.get("name")]
        with transaction.atomic():
            project = services.project_create(
                creator=request.user, site_list=site_rows, professions=headcounts.counts(),
                **form.cleaned_data,
            )
        messages.success(request, _("Le projet « %s » est créé.") % project.name)
        return redirect("projects:project-home", project_pk=project.pk)
    return render(request, "projects/project_form.html",
                  {"form": form, "sites": sites, "headcounts": headcounts})


@project_view(EDIT_PROJECT)
def project_edit(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Change the MSP's identity, sites and head counts."""
    project = access.project
    initial_sites = [{"name": s.name, "city": s.city} for s in project.sites.all()]
    counts = {p.profession: p.headcount for p in project.professions.all()}
    form = ProjectForm(request.POST or None, instance=project)
    sites = SiteFormSet(request.POST or None, prefix="sites", initial=initial_sites)
    headcounts = HeadcountForm(request.POST or None, prefix="effectifs", initial_counts=counts)
    if request.method == "POST" and form.is_valid() and sites.is_valid() and headcounts.is_valid():
        site_rows = [(f.cleaned_data["name"], f.cleaned_data.get("city", ""))
                     for f in sites if f.cleaned_data.get("name")]
        services.project_update(
            project=project, site_list=site_rows, professions=headcounts.counts(),
            **form.cleaned_data,
        )
        messages.success(request, _("La fiche du projet est enregistrée."))
        return redirect("projects:project-home", project_pk=project.pk)
    return render(request, "projects/project_form.html",
                  {"form": form, "sites": sites, "headcounts": headcounts, "editing": True})


urlpatterns = [
    path("", project_list, name="project-list"),
    path("projets/nouveau/", project_create, name="project-create"),
    path("projets/<int:project_pk>/fiche/", project_edit, name="project-edit"),
]
