"""Reads of the dashboard: the headline figures of the home page and its charts, those
of the plug-ins included (phase 4's recette and anomalies)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.module_loading import import_string

from msp_si.common import clock
from msp_si.common.charts import Chart

from .. import charts
from ..core.selectors import ProjectOverview, project_overview
from ..models import Project
from ..plugins import dashboard_chart_hooks


@dataclass(frozen=True)
class Dashboard:
    """The overview of the home page and the charts drawn from it."""

    overview: ProjectOverview
    charts: list[Chart]

    @property
    def project(self) -> Project:
        return self.overview.project


def dashboard_charts(*, project: Project, overview: ProjectOverview) -> list[Chart]:
    """Progress per phase, the budget, then each plug-in's charts (fixed queries)."""
    drawn = [charts.progress_chart(overview.phases)]
    if overview.budget is not None:
        drawn.append(charts.budget_chart(overview.budget))
    for path in dashboard_chart_hooks():
        drawn.extend(import_string(path)(project))
    return drawn


def dashboard(*, project: Project, today: date) -> Dashboard:
    """Everything the home page and the « Tableau de bord » PDF show."""
    overview = project_overview(project=project, today=today)
    return Dashboard(overview, dashboard_charts(project=project, overview=overview))


def dashboard_document_data(project: Project) -> Dashboard:
    """What the « Tableau de bord » PDF shows: the dashboard as of today."""
    return dashboard(project=project, today=clock.today())
