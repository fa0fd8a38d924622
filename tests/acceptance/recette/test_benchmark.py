"""The recette's benchmark part runs end to end on a small grid (figures are not asserted:
they belong to ``make benchmark``)."""

from __future__ import annotations

import pytest
from django.test import Client

from acceptance.demo.benchmark import benchmark_part
from acceptance.recette.models import AcceptanceCase, CampaignCase
from projects.demo.benchmark import BenchmarkRun
from requirements.demo.benchmark import large_grid_project

pytestmark = pytest.mark.django_db


def test_the_benchmark_part_measures_generation_pages_and_the_pv(make_user) -> None:
    lead = make_user()
    project = large_grid_project(creator=lead, size=40)
    client = Client()
    client.force_login(lead)
    lines: list[str] = []
    pages: list[tuple[str, int]] = []
    documents: list[str] = []
    run = BenchmarkRun(
        user=lead, runs=1, warmup=0, document_runs=1, import_runs=2, write=lines.append,
        page=lambda label, url: pages.append((label, client.get(url).status_code)),
        document=lambda target, kind, runs=None: documents.append((kind, runs)),
        shared={"large_grid": project, "campaign_cases": 120})

    benchmark_part(run)

    generated = AcceptanceCase.objects.filter(project=project).exclude(source="manual").count()
    assert generated > 0
    assert any(f"écriture de {generated} cas" in line for line in lines)
    # The campaign (the needs' cases) is topped up by hand to the size asked for.
    assert AcceptanceCase.objects.filter(project=project, source="need").count() < 120
    assert CampaignCase.objects.filter(project=project).count() == 120
    assert any("120 cas × 4 testeurs" in line for line in lines)
    assert pages == [("campagne de recette", 200), ("couverture des besoins", 200),
                     ("traçabilité", 200)]
    assert documents == [("recette_pv", 20)]  # enough pairs to resolve 10 %
    testers = set(CampaignCase.objects.filter(project=project).values_list("tester_id",
                                                                         flat=True))
    assert len(testers) == 4
