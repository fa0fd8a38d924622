"""The dashboard's charts (home, budget, a risk's page) and the « Tableau de bord » PDF."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from decimal import Decimal as D
from typing import Any

from django.urls import reverse
from pypdf import PdfReader

from acceptance.anomalies.services import anomaly_report
from msp_si.common import clock
from projects.budget.services import budget_line_create
from projects.choices import BudgetNature, DocumentKind, DocumentStatus, RiskNature
from projects.documents.services import document_generate_now
from projects.models import Project
from projects.risks.services import risk_assess, risk_create
from tests.acceptance.anomalies.helpers import contract_make
from tests.typography import plain


def _budget(project: Project, lead: Any) -> None:
    budget_line_create(project=project, by=lead, nature=BudgetNature.HARDWARE,
                       label="Postes de l'accueil", estimated=D("3000.00"),
                       committed=D("3400.00"), paid=D("1200.00"))


def _svg_titles(html: str) -> list[str]:
    return re.findall(r'<svg role="img"[^>]*>\s*<title id="[^"]+">([^<]+)</title>', html)


def test_the_home_page_draws_progress_and_budget_with_their_tables(
        project: Project, lead: Any, client_for: Any) -> None:
    _budget(project, lead)
    html = client_for(lead).get(reverse("projects:project-home", args=[project.pk])).content
    page = html.decode()
    assert [plain(title) for title in _svg_titles(page)] == ["Avancement par phase",
                                 "Budget : estimé, engagé, payé (€ HT)"]
    # Each chart's figures as a table: the four phases, the three amounts.
    assert page.count('<table class="chart-data">') == 2
    assert "<caption>Avancement par phase</caption>" in page
    assert "3\u202f400,00\u00a0€" in page
    assert "1\u202f200,00\u00a0€" in page


def test_phase_4_adds_coverage_and_anomalies_against_the_sla(
        project: Project, lead: Any, client_for: Any) -> None:
    Project.objects.filter(pk=project.pk).update(
        implementation_started_on=clock.today() - timedelta(days=30))
    contract_make(project)
    anomaly_report(project=project, by=lead, title="Écran figé", description="Au démarrage",
                   severity="major")
    page = client_for(lead).get(reverse("projects:project-home", args=[project.pk])
                                ).content.decode()
    assert "Anomalies et délais de prise en charge du contrat, par mois" in _svg_titles(page)
    assert "novembre 2026" in page  # the month the anomaly was reported


def test_a_risk_page_draws_its_criticality_over_time(project: Project, lead: Any,
                                                     client_for: Any) -> None:
    today = clock.today()
    risk = risk_create(project=project, by=lead, title="Indisponibilité des médecins",
                       nature=RiskNature.HUMAN, probability=2, impact=2,
                       on=today - timedelta(days=60))
    risk_assess(risk=risk, by=lead, probability=3, impact=3, on=today - timedelta(days=30))
    risk_assess(risk=risk, by=lead, probability=4, impact=4, on=today)
    page = client_for(lead).get(reverse("projects:risk-detail", args=[project.pk, risk.pk])
                                ).content.decode()
    assert _svg_titles(page) == ["Criticité du risque au fil des évaluations"]
    assert page.count('<circle ') == 3
    assert '<polyline points="' in page


def test_the_budget_page_draws_each_group(project: Project, lead: Any,
                                          client_for: Any) -> None:
    _budget(project, lead)
    page = client_for(lead).get(reverse("projects:budget", args=[project.pk])).content.decode()
    assert _svg_titles(page) == ["Budget par nature de dépense (€ HT)"]
    assert "<caption>Budget par nature de dépense (€ HT)</caption>" in page


def _pdf_text(document: Any) -> str:
    with document.file.open("rb") as stored:
        return " ".join(page.extract_text() for page in
                        PdfReader(io.BytesIO(stored.read())).pages)


def test_the_dashboard_pdf_reads_back_with_charts_and_tables(project: Project,
                                                             lead: Any) -> None:
    _budget(project, lead)
    risk_create(project=project, by=lead, title="Défaillance de l'éditeur",
                nature=RiskNature.VENDOR, probability=3, impact=4)
    document = document_generate_now(project=project, kind=DocumentKind.DASHBOARD, by=lead)
    assert document.status == DocumentStatus.DONE, document.error
    text = _pdf_text(document)
    for expected in ("Tableau de bord", "1. Avancement", "3. Budget", "4. Principaux risques",
                     "Défaillance de l'éditeur", "5. Graphiques et leurs données",
                     "Avancement par phase", "Travail réalisé", "Montant HT"):
        assert expected.replace("'", "’") in text or expected in text, expected
    # The SVG bars are drawn in the PDF: the first colour of the palette (#1f5fa8) fills
    # shapes on the charts' page.
    with document.file.open("rb") as stored:
        pages = PdfReader(io.BytesIO(stored.read())).pages
    drawn = "".join(page.get_contents().get_data().decode("latin-1") for page in pages)
    assert "0.121569 0.372549 0.658824 rg" in drawn
