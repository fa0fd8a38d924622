"""The benchmark command prints its figures and leaves the database as it found it."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from projects.models import Document, Project


@pytest.mark.django_db
def test_benchmark_prints_every_figure_and_writes_nothing() -> None:
    out = io.StringIO()
    call_command("benchmark", runs=5, warmup=1, document_runs=5, stdout=out)
    report = out.getvalue()
    for label in ("accueil du projet", "page d'étape (1)", "génération complète",
                  "WeasyPrint seul", "rapport des médianes"):
        assert label in report
    assert report.count("requêtes SQL") == 4
    assert (Project.objects.count(), Document.objects.count()) == (0, 0)


@pytest.mark.django_db
def test_benchmark_refuses_fewer_than_five_runs() -> None:
    with pytest.raises(CommandError, match="Au moins 5 mesures"):
        call_command("benchmark", runs=3, stdout=io.StringIO())
