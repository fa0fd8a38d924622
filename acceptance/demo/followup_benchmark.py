"""Measurements of steps 15–18 on the phase-4 demo MSP: the survey's results with 60
respondents and the rapport de bilan, the bon de commande, and the steps' pages (time and
query count; tests/acceptance/test_followup_query_counts.py holds the counts fixed)."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.choices import Profession, Role
from projects.documents.services import document_generate_now

from ..bilan import rules as bilan_rules
from ..bilan import services as bilan_services
from ..bilan.models import Survey, SurveyResponse
from ..bilan.report import bilan_report_data
from ..choices import AcceptanceDocument
from ..orders.models import PurchaseOrder

if TYPE_CHECKING:
    from projects.demo.benchmark import BenchmarkRun

RESPONDENTS = 60
GOAL_RESULTS_MS = 100
GOAL_PAGE_P95_MS = 150
# Invented answers spread over five professions: every group passes the minimum size.
PROFESSIONS = (Profession.GP, Profession.NURSE, Profession.SECRETARY,
               Profession.PHYSIOTHERAPIST, Profession.PHARMACIST)


def _fill_survey(survey: Survey) -> int:
    """Paper answers up to ``RESPONDENTS`` in all; returns the count."""
    missing = RESPONDENTS - SurveyResponse.objects.filter(survey=survey).count()
    for index in range(max(missing, 0)):
        marks = {key: 1 + (index * (position + 2)) % 5
                 for position, key in enumerate(bilan_rules.DIMENSION_KEYS)}
        bilan_services.survey_paper_answer(
            survey=survey, profession=PROFESSIONS[index % len(PROFESSIONS)], marks=marks,
            comment="Banc d'essai" if index % 4 == 0 else "")
    return SurveyResponse.objects.filter(survey=survey).count()


def followup_part(run: BenchmarkRun) -> None:
    """Survey results (60 respondents), rapport de bilan, bon de commande, pages 15–18."""
    from projects.demo.benchmark import measure, summarise

    from .phase4 import demo_projects

    result = demo_projects(reset=False)[0]
    project = result.project
    lead = next(user for person, user in result.accounts if person.role == Role.PROJECT_LEAD)
    survey = Survey.objects.filter(project=project).first() or bilan_services.survey_open(
        project=project, by=lead)
    respondents = _fill_survey(survey)
    run.write(f"Suivi (étapes 15 à 18), MSP « {project.name} », enquête à {respondents} "
              "réponses :")
    results = measure(lambda: bilan_report_data(project), warmup=run.warmup, runs=run.runs)
    run.write(f"  résultats de l'enquête et bilan {results} (objectif ≤ {GOAL_RESULTS_MS} ms)")

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(lead)
    for label, name in (("formation", "training"), ("maintenance", "maintenance"),
                        ("bilan", "bilan"), ("bons de commande", "orders")):
        url = reverse(f"acceptance:{name}", args=[project.pk])

        def get(url: str = url) -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"{url} : HTTP {response.status_code}")

        timing = measure(get, warmup=run.warmup, runs=run.runs)
        with CaptureQueriesContext(connection) as queries:
            get()
        run.write(f"  page {label:<20} {timing} · {len(queries)} requêtes SQL")
    run.write(f"  objectif : p95 ≤ {GOAL_PAGE_P95_MS} ms, requêtes bornées (test : autant "
              "pour 2 que pour 7 sessions, évolutions et commandes)")

    for kind, subject in ((AcceptanceDocument.BILAN_REPORT, ""),
                          (AcceptanceDocument.PURCHASE_ORDER, str(
                              PurchaseOrder.objects.filter(project=project)
                              .values_list("number", flat=True).order_by("number").first()))):
        durations, size = [], 0
        for index in range(run.document_runs + 1):  # the first pass warms fonts up
            started = time.perf_counter()
            document = document_generate_now(project=project, kind=kind, by=lead,
                                             subject=subject)
            elapsed = time.perf_counter() - started
            if document.status != "done":
                raise RuntimeError(f"{kind} : {document.error}")
            size = document.size
            document.file.delete(save=False)  # rows roll back; files live outside
            if index:
                durations.append(elapsed)
        run.write(f"  {kind.label} (PDF de {size // 1024} Ko) : génération complète "
                  f"{summarise(durations)}")
