"""The note de cadrage PDF: sections from live data, escaping, and the locked-down fetcher."""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from pypdf import PdfReader

from projects.budget import services as budget_services
from projects.choices import (
    AmoaDecision,
    Axis,
    BudgetNature,
    FundingKind,
    ProjectBody,
    Rating,
    Role,
    ScopeDecision,
)
from projects.documents import builders as documents
from projects.documents.pdf import BASE_URL, ResourceRefused, StaticOnlyURLFetcher
from projects.models import (
    AxisTarget,
    DeploymentWave,
    Framing,
    Meeting,
    Milestone,
    ObjectiveSelection,
    ScopeModule,
    Step,
    Task,
    TeamCharter,
)
from tests.typography import plain

SECTION_TITLES = [
    "1. Contexte",
    "2. Objectifs",
    "3. Périmètre fonctionnel",
    "4. Utilisateurs concernés",
    "5. Équipe projet",
    "6. Calendrier et jalons",
    "7. Budget prévisionnel",
]
HOSTILE = '<script>alert("x")</script><img src="file:///etc/passwd">'


@pytest.fixture
def framed_project(project, lead, add_member):  # type: ignore[no-untyped-def]
    """A project whose steps 1–3 are filled in, with one hostile text among them."""
    add_member(project, Role.AMOA)
    add_member(project, Role.PROFESSION_REFERENT)
    AxisTarget.objects.filter(project=project, axis=Axis.COORDINATION).update(
        current_level=1, target_level=3, notes="Protocoles diabète et insuffisance cardiaque")
    ObjectiveSelection.objects.filter(project=project, code="prevention").update(
        is_selected=True, comment=HOSTILE)
    wave = DeploymentWave.objects.create(project=project, number=2, title="Pilotage",
                                         start_on=date(2027, 9, 1))
    ScopeModule.objects.filter(project=project, code="synthesis").update(
        decision=ScopeDecision.IN_SCOPE)
    ScopeModule.objects.filter(project=project, code="indicators").update(
        decision=ScopeDecision.LATER, wave=wave)
    ScopeModule.objects.filter(project=project, code="billing").update(
        decision=ScopeDecision.OUT_OF_SCOPE, reason="Logiciel de facturation déjà en place")
    Framing.objects.filter(project=project).update(
        maturity=Rating.MEDIUM, ambition=Rating.HIGH, resources_note="Subvention ARS obtenue")
    TeamCharter.objects.filter(project=project).update(
        amoa_decision=AmoaDecision.YES, amoa_provider="GCS e-santé Auvergne-Rhône-Alpes")
    project.professions.filter(profession="physio").update(
        is_in_scope=False, scope_note="Cabinet hors les murs")
    step1 = Step.objects.get(project=project, number=1)
    Task.objects.create(project=project, step=step1, title="Recueillir les contributions",
                        start_on=date(2026, 9, 1), due_on=date(2026, 9, 30), owner=lead)
    Milestone.objects.create(project=project, title="Note de cadrage validée",
                             due_on=date(2026, 11, 15), step=step1)
    Meeting.objects.create(project=project, body=ProjectBody.GENERAL_ASSEMBLY,
                           held_on=date(2026, 10, 5), topic="Désignation de l'équipe projet")
    return project


def _html(project, author) -> str:  # type: ignore[no-untyped-def]
    return documents.note_de_cadrage_html(
        project, version=3, generated_at=timezone.now(), author=author)


def _pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text))


def test_the_pdf_has_every_section_in_order(framed_project, lead) -> None:
    pages = _pages(documents.html_to_pdf(_html(framed_project, lead)))
    # After the cover and the table of contents (which shares its page with chapter 1).
    body = _flat(" ".join(pages[1:])).split(SECTION_TITLES[-1], 1)[1]
    positions = [body.find(title) for title in SECTION_TITLES]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert len(pages) > 2
    assert "MSP des Tilleuls" in pages[0]
    assert "Note de cadrage" in pages[0]
    assert "v3" in pages[0]
    assert "Protocoles diabète et insuffisance cardiaque" in body
    assert "Logiciel de facturation déjà en place" in body
    assert "GCS e-santé Auvergne-Rhône-Alpes" in body
    assert "Note de cadrage validée" in body
    # Seed 003's list of deliverables: what each step produces, and when.
    deliverables = body.split("Livrables du projet")[1]
    assert "8 Cahier des charges" in deliverables
    assert "11 Dossier de choix" in deliverables


def test_pages_carry_running_headers_and_numbers_but_not_the_cover(framed_project,
                                                                  lead) -> None:
    pages = _pages(documents.html_to_pdf(_html(framed_project, lead)))
    total = len(pages)
    assert "Page" not in pages[0]
    for number, text in enumerate(pages[1:], start=2):
        assert f"Page {number} / {total}" in text
        assert "Note de cadrage — MSP des Tilleuls" in _flat(text)
        assert "v3" in text
    # The table of contents gives the page of each section.
    toc = _flat(pages[1])
    # The contents never stand alone on a page: chapter 1 starts beside them (page 2).
    assert re.search(r"1\. Contexte\W+2\b", toc)


def test_the_html_is_french_titled_and_complete(framed_project, lead) -> None:
    html = _html(framed_project, lead)
    assert '<html lang="fr-FR">' in html
    assert "<title>Note de cadrage — MSP des Tilleuls — v3</title>" in html
    assert "INVALID" not in html  # no missing template variable


def test_user_text_is_escaped(framed_project, lead) -> None:
    html = _html(framed_project, lead)
    assert "<script>" not in html
    assert 'src="file:///etc/passwd"' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    text = _flat(" ".join(_pages(documents.html_to_pdf(html))))
    assert '<script>alert("x")</script>' in text  # shown as text, never interpreted


def test_the_budget_goes_beyond_the_amoa(framed_project, lead) -> None:
    """Issue 15: the note de cadrage gives the whole budget and its funding, not only the
    AMOA's cost (seed 003: licences, hardware, set-up, training…)."""
    TeamCharter.objects.filter(project=framed_project).update(
        amoa_cost_estimate=Decimal("6500.00"))
    budget_services.budget_line_create(
        project=framed_project, by=lead, nature=BudgetNature.LICENCES,
        label="Licences du logiciel partagé", estimated=Decimal("9800.00"))
    budget_services.budget_line_create(
        project=framed_project, by=lead, nature=BudgetNature.SUBSCRIPTION,
        label="Abonnement annuel", estimated=Decimal("3120.00"))
    budget_services.funding_create(
        project=framed_project, by=lead, kind=FundingKind.ARS_FUND,
        label="Subvention FIR 2027", requested=Decimal("12000.00"))
    pages = _pages(documents.html_to_pdf(_html(framed_project, lead)))
    budget = _flat(" ".join(pages[1:])).split("7. Budget prévisionnel")[-1]
    assert "Coût total estimé du projet : 19 420,00 € HT" in budget
    assert "Licences du logiciel partagé Licences 9 800,00 € 11 760,00 €" in budget
    assert "Abonnement annuel" in budget
    assert "Subvention FIR 2027" in budget
    assert "12 000,00 €" in budget


def test_empty_sections_say_so(project, lead) -> None:
    html = _html(project, lead)
    for sentence in ("Aucun jalon défini.", "Aucune réunion planifiée.",
                     "Aucune vague de déploiement définie.", "Aucun objectif stratégique retenu.",
                     "Aucune tâche planifiée."):
        assert sentence in html


def test_data_is_read_in_a_fixed_number_of_queries(framed_project,
                                                   django_assert_max_num_queries) -> None:
    # 16 for steps 1–3, two for the budget (its lines and its funding sources), two for
    # phase 4's budget feed (orders and real costs).
    with django_assert_max_num_queries(20):
        documents.note_de_cadrage_data(framed_project)


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "http://example.com/style.css",
    "https://example.com/static/pdf/documents.css",
    f"{BASE_URL}static/../../../../etc/passwd",
    f"{BASE_URL}static/%2e%2e/%2e%2e/etc/passwd",
    f"{BASE_URL}media/documents/1/secret.pdf",
    "data:text/css,body{}",
])
def test_the_fetcher_refuses_anything_but_static_files(url: str) -> None:
    with pytest.raises(ResourceRefused):
        StaticOnlyURLFetcher().fetch(url)


def test_the_fetcher_serves_the_document_stylesheet() -> None:
    response = StaticOnlyURLFetcher().fetch(f"{BASE_URL}static/pdf/documents.css")
    assert b"@page" in response.read()
    assert response.content_type == "text/css"


def test_a_refused_resource_does_not_stop_the_render(monkeypatch) -> None:
    refused: list[str] = []
    original = StaticOnlyURLFetcher.fetch

    def spy(self, url, headers=None):  # type: ignore[no-untyped-def]
        try:
            return original(self, url, headers)
        except ResourceRefused:
            refused.append(url)
            raise

    monkeypatch.setattr(StaticOnlyURLFetcher, "fetch", spy)
    pdf = documents.html_to_pdf(
        '<html lang="fr"><head><title>t</title>'
        '<link rel="stylesheet" href="http://example.com/x.css"></head>'
        '<body><img src="file:///etc/passwd" alt="">Bonjour</body></html>'
    )
    assert pdf.startswith(b"%PDF")
    assert set(refused) == {"http://example.com/x.css", "file:///etc/passwd"}
