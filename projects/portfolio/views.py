"""Views of the portfolio: the page (sortable by its columns) and its spreadsheet."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from msp_si.common import clock
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import user_view
from ..documents.builders import XLSX_CONTENT_TYPE
from . import rules
from .selectors import portfolio as portfolio_read
from .xlsx import portfolio_xlsx


@user_view
def portfolio(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every project the person is a member of, side by side; only those."""
    board = portfolio_read(user=request.user, today=clock.today(),
                           sort=request.GET.get("tri", ""),
                           direction=request.GET.get("ordre", ""))
    headers = [(column, rules.next_direction(column=column.key, current=board.order))
               for column in board.columns]
    return render(request, "projects/portfolio/portfolio.html",
                  {"board": board, "headers": headers})


@user_view
def portfolio_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The portfolio as an XLSX file, in the order of the page."""
    board = portfolio_read(user=request.user, today=clock.today(),
                           sort=request.GET.get("tri", ""),
                           direction=request.GET.get("ordre", ""))
    content = portfolio_xlsx(board, generated_at=clock.now(),
                             owner=request.user.display_name)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="portefeuille-{clock.today().isoformat()}.xlsx"')
    return response


urlpatterns = [
    path("portefeuille/", portfolio, name="portfolio"),
    path("portefeuille/export.xlsx", portfolio_export, name="portfolio-export"),
]
