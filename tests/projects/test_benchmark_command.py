"""The benchmark command prints its figures and leaves the database as it found it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from projects.models import Document, Project


# The storage part signs S3 requests with the real time: the clock is not frozen here.
@pytest.mark.integration
@pytest.mark.django_db
def test_benchmark_prints_every_figure_and_writes_nothing(monkeypatch, settings,
                                                          tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    # WeasyPrint's own speed is not what this test is about: a stand-in keeps it short.
    from projects.documents import services as documents
    from projects.management.commands import benchmark

    def fake_pdf(html: str) -> bytes:
        return b"%PDF-1.7 " + html[:64].encode()

    monkeypatch.setattr(benchmark, "html_to_pdf", fake_pdf)
    monkeypatch.setattr(documents, "html_to_pdf", fake_pdf)
    out = io.StringIO()
    call_command("benchmark", runs=5, warmup=1, document_runs=5, transfer_runs=1,
                 storage_runs=1, stdout=out)
    report = out.getvalue()
    for label in ("accueil du projet", "page d'étape (1)", "Note de cadrage",
                  "grille des besoins", "grille, tous domaines", "consolidation",
                  "Cahier des charges",
                  "Cadre de réponse XLSX (400 lignes)", "génération complète",
                  "WeasyPrint seul", "rapport des médianes",
                  # Phase 3: import of a 400-row answer, comparison of 5 offers × 400.
                  "Import d'une réponse de 400 lignes", "comparaison",
                  # Issue 14: growth from 1 to 400 needs, unchanged documents served again.
                  "croissance 1 → 400 besoins", "redemande sans changement", "par paire",
                  # Phase 4: cases from 400 needs, the campaign and coverage pages.
                  "Recette (étape 14)", "campagne de recette", "couverture des besoins",
                  # Issue 16: documents through S3 against the disk, archives out and in.
                  "rapport des médianes S3 ÷ disque", "MSP de démonstration :",
                  "projet de 400 besoins :", "archive de",
                  # Issue 13: the dashboards, the portfolio of the AMOA following 50 MSPs.
                  "Pilotage :", "tableau de bord", "portefeuille (50)", "export XLSX (50)"):
        assert label in report
    assert report.count("rapport des médianes S3 ÷ disque") == 2  # build, download
    assert report.count("    import  médiane") == 2
    # 4 pages, 3 grid pages, 2 pages of the 1-need grid, 3 comparison pages, the
    # recette's pages of phase 4, the 4 pages of steps 15-18, then a dashboard per MSP of
    # the AMOA and 3 portfolio pages.
    dashboards = report.count("  tableau de bord ")
    assert dashboards >= 1
    assert report.count("requêtes SQL") == 15 + 4 + dashboards + 3
    assert (Project.objects.count(), Document.objects.count()) == (0, 0)
    # Every file written (documents, the imports' copies) is deleted.
    assert not [p for p in (tmp_path / "media").rglob("*") if p.is_file()]


@pytest.mark.django_db
def test_benchmark_refuses_fewer_than_five_runs() -> None:
    with pytest.raises(CommandError, match="Au moins 5 mesures"):
        call_command("benchmark", runs=3, stdout=io.StringIO())
