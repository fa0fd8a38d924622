"""View of the project's change history (chef de projet and AMOA only)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from .. import history
from ..access import ProjectAccess, project_view
from ..planning.forms import HistoryFilterForm
from ..policy import VIEW_HISTORY


@project_view(VIEW_HISTORY)
def project_history(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Who changed what and when on this project, newest first, 50 lines a page."""
    form = HistoryFilterForm(request.GET or None)
    table = form.cleaned_data["type"] if form.is_valid() else None
    page, entries = history.history_page(project=access.project, table=table or None,
                                         page_number=request.GET.get("page", 1))
    return render(request, "projects/history.html", {
        "form": form, "page": page, "entries": entries, "table": table or "",
    })


urlpatterns = [
    path("projets/<int:project_pk>/historique/", project_history, name="history"),
]
