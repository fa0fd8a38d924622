"""The answers comparison: every consulted vendor's confirmed answers side by side."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext as _

from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT

from .forms import CompareFilterForm
from .rows import rows_html
from .selectors import ALL_DOMAINS, CompareFilters, answers_comparison


def _filter_query(filters: CompareFilters) -> str:
    """The filters other than the domain, for the links to each domain."""
    return urlencode({key: value for key, value in (
        ("priorite", filters.priority), ("ecarts", "on" if filters.only_gaps else ""),
        ("non_couverts", "on" if filters.only_uncovered else "")) if value})


@project_view(VIEW_PROJECT)
def answers_compare(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Steps 9 and 11: needs in rows, vendors in columns; read by every member."""
    form = CompareFilterForm(request.GET)
    errors: list[str] = []
    if form.is_valid():
        filters = form.filters()
    else:
        filters = CompareFilters()
        errors.append(_("Filtre invalide : la comparaison est affichée sans filtre."))
    page = answers_comparison(project=access.project, filters=filters)
    for domain in page.domains:
        domain.html = rows_html(domain.rows)
    if page.is_unknown_domain:
        errors.append(_("Ce domaine n'existe pas dans la grille : la comparaison est "
                        "affichée sur la vue par défaut."))
    shown = CompareFilterForm(initial={
        "domaine": page.shown_domain or ALL_DOMAINS, "priorite": filters.priority,
        "ecarts": filters.only_gaps, "non_couverts": filters.only_uncovered})
    shown.set_domains(page.domain_choices)
    return render(request, "vendors/compare/compare.html", {
        "page": page, "form": shown, "errors": errors, "filters": filters,
        "filter_query": _filter_query(filters), "all_domains_key": ALL_DOMAINS,
    })


urlpatterns = [
    path("projets/<int:project_pk>/etapes/11/comparaison/", answers_compare,
         name="answers-compare"),
]
