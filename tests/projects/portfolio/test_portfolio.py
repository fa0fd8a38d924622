"""The AMOA's portfolio: the projects a person is a member of, side by side, sortable,
exported to XLSX; an observer (an ARS) reads the same for the projects that invited it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal as D
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from acceptance.anomalies.services import anomaly_report
from msp_si.common import clock
from projects.budget.services import budget_line_create
from projects.choices import BudgetNature, RiskNature, Role
from projects.core.services import step_transition
from projects.models import Project
from projects.risks.services import risk_create
from tests.acceptance.anomalies.helpers import contract_make


def _names(page: str, names: list[str]) -> list[str]:
    """The given project names in the order the page shows them."""
    return sorted((n for n in names if n in page), key=page.index)


@pytest.fixture
def amoa(make_user: Callable[..., Any]) -> Any:
    return make_user("amoa@example.org")


@pytest.fixture
def two_msps(make_project: Callable[..., Project], add_member: Callable[..., Any],
             amoa: Any) -> tuple[Project, Project]:
    """Two MSPs followed by the same AMOA: the second one further on, with a budget and a
    risk, in phase 4 with an open anomaly."""
    first, second = make_project("MSP des Tilleuls"), make_project("MSP du Val")
    for project in (first, second):
        add_member(project, Role.AMOA, user=amoa)
    lead = second.created_by
    for number in (1, 2, 3):
        for status in ("in_progress", "done"):
            step_transition(step=second.steps.get(number=number), to_status=status, by=lead,
                            can_reopen=False)
    budget_line_create(project=second, by=lead, nature=BudgetNature.LICENCES,
                       label="Licences", estimated=D("9000"), committed=D("8000"),
                       paid=D("2500.50"))
    risk_create(project=second, by=lead, title="Défaillance de l'éditeur",
                nature=RiskNature.VENDOR, probability=3, impact=4)
    Project.objects.filter(pk=second.pk).update(
        implementation_started_on=clock.today() - timedelta(days=30))
    contract_make(second)
    anomaly_report(project=second, by=lead, title="Écran figé", description="Au démarrage",
                   severity="major")
    return first, second


def test_an_amoa_sees_the_msps_it_follows_side_by_side(
        two_msps: tuple[Project, Project], amoa: Any, make_project: Callable[..., Project],
        client_for: Any) -> None:
    make_project("MSP d'ailleurs")  # the AMOA is not a member of it
    page = client_for(amoa).get(reverse("projects:portfolio")).content.decode()
    assert _names(page, ["MSP des Tilleuls", "MSP du Val", "MSP d'ailleurs"]) == [
        "MSP des Tilleuls", "MSP du Val"]
    assert "2\u202f500,50\u00a0€" in page  # paid on the second MSP
    assert re.search(r"R1 — Défaillance de l.{1,6}éditeur \(12\)", page)
    # Phase 4 only: recette and anomaly columns from the acceptance app's figures.
    assert "Anomalies ouvertes" in page
    assert "Recette (besoins vérifiés)" in page


def test_an_observer_reads_only_the_projects_that_invited_it(
        make_project: Callable[..., Project], add_member: Callable[..., Any],
        make_user: Callable[..., Any], client_for: Any) -> None:
    ars = make_user("ars@example.org")
    invited = [make_project(f"MSP invitante {i}") for i in (1, 2, 3)]
    for project in invited:
        add_member(project, Role.OBSERVER, user=ars)
    other = make_project("MSP qui n'a pas invité")
    client = client_for(ars)
    page = client.get(reverse("projects:portfolio")).content.decode()
    assert _names(page, [p.name for p in invited] + [other.name]) == [p.name for p in invited]
    # Nothing else: the other project's pages stay hidden.
    assert client.get(reverse("projects:project-home", args=[other.pk])).status_code == 404
    book = load_workbook(io.BytesIO(client.get(reverse("projects:portfolio-export")).content))
    names = [row[0] for row in book.active.iter_rows(min_row=3, values_only=True)]
    assert names == [p.name for p in invited]


def test_columns_sort_the_rows_and_say_so(two_msps: tuple[Project, Project], amoa: Any,
                                         client_for: Any) -> None:
    client = client_for(amoa)
    url = reverse("projects:portfolio")
    by_progress = client.get(url, {"tri": "avancement", "ordre": "desc"}).content.decode()
    assert _names(by_progress, ["MSP des Tilleuls", "MSP du Val"]) == [
        "MSP du Val", "MSP des Tilleuls"]
    assert 'aria-sort="descending"' in by_progress
    # The active column's link reverses the order; the others sort ascending.
    assert '?tri=avancement&amp;ordre=asc"' in by_progress
    assert '?tri=paye&amp;ordre=asc"' in by_progress
    ascending = client.get(url, {"tri": "avancement", "ordre": "asc"}).content.decode()
    assert _names(ascending, ["MSP des Tilleuls", "MSP du Val"]) == [
        "MSP des Tilleuls", "MSP du Val"]
    # An unknown column falls back to the name, ascending.
    unknown = client.get(url, {"tri": "rien", "ordre": "desc"}).content.decode()
    assert 'aria-sort="ascending"' in unknown
    assert _names(unknown, ["MSP des Tilleuls", "MSP du Val"]) == [
        "MSP des Tilleuls", "MSP du Val"]


def test_the_export_reads_back_in_the_order_of_the_page(
        two_msps: tuple[Project, Project], amoa: Any, client_for: Any) -> None:
    response = client_for(amoa).get(reverse("projects:portfolio-export"),
                                    {"tri": "paye", "ordre": "desc"})
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    header, first, second = rows
    assert header[:4] == ("MSP", "Rôle", "Phase", "Avancement")
    assert (first[0], second[0]) == ("MSP du Val", "MSP des Tilleuls")
    paid = header.index("Payé HT")
    assert first[paid] == pytest.approx(2500.50)
    assert first[header.index("Anomalies ouvertes")] == 1
    assert second[header.index("Anomalies ouvertes")] is None  # not in phase 4
    assert first[1] == "AMOA"


def test_anonymous_people_are_sent_to_sign_in(client: Any) -> None:
    for name in ("projects:portfolio", "projects:portfolio-export"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))


def _follow(count: int, make_project: Callable[..., Project], add_member: Callable[..., Any],
            amoa: Any) -> None:
    for index in range(count):
        project = make_project(f"MSP n°{index:02d}")
        add_member(project, Role.AMOA, user=amoa)
        risk_create(project=project, by=project.created_by, title="Budget dépassé",
                    nature=RiskNature.FINANCIAL, probability=2, impact=3)
        if index % 2:
            Project.objects.filter(pk=project.pk).update(
                implementation_started_on=clock.today())


def test_the_query_count_does_not_grow_with_the_projects(
        make_project: Callable[..., Project], add_member: Callable[..., Any],
        make_user: Callable[..., Any], client_for: Any) -> None:
    counts = []
    for size in (2, 6):
        amoa = make_user(f"amoa{size}@example.org")
        _follow(size, make_project, add_member, amoa)
        client = client_for(amoa)
        for name in ("projects:portfolio", "projects:portfolio-export"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(reverse(name)).status_code == 200
            counts.append((name, len(queries)))
    assert counts[:2] == counts[2:]
    assert counts[0][1] <= 15
