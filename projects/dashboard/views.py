"""The project home: the 4 phases and 18 steps, what is late, the next milestones, and
the dashboard's charts with their tables."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from msp_si.common import clock

from ..access import ProjectAccess, project_view
from ..choices import DocumentKind
from ..plugins import home_links, home_panels
from ..policy import VIEW_PROJECT
from .selectors import dashboard


@project_view(VIEW_PROJECT)
def project_home(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The 4 phases and 18 steps, progress, late items, next milestones and charts."""
    board = dashboard(project=access.project, today=clock.today())
    return render(request, "projects/project_home.html", {
        "overview": board.overview, "charts": board.charts, "home_links": home_links(),
        "home_panels": home_panels(), "dashboard_kind": DocumentKind.DASHBOARD})


urlpatterns = [
    path("projets/<int:project_pk>/", project_home, name="project-home"),
]
