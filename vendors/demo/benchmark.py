"""Measurement data of phase 3: consulted vendors whose filled cadres are imported.

Used by the benchmark command and by the query-count tests of the comparison, so both
measure the same shape of data. Everything goes through the real services (market study,
consultation, import and confirmation), as a file uploaded by the chef de projet would.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from msp_si.common import clock
from requirements.rfp.cadre import cadre_de_reponse_xlsx

from ..choices import AssessmentDecision, LabelLevel
from ..consultation import services as consultation_services
from ..consultation.models import AnswerSet, ConsultedVendor
from ..consultation.selectors import vendor_cadre_data
from ..market import services
from .consultation import demo_answers_file

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.demo.benchmark import BenchmarkRun
    from projects.models import Project

# Invented names: vendors of measurement data only.
BENCH_VENDOR_NAMES = ("Logiciels du Mesurand", "Éditions Banc-d'Essai", "Étalon Santé",
                      "Chronos Coordination", "Référentiel Médical Témoin")
# Answer weights (``requirements.rfp.cadre.ANSWERS`` order) and price level of each vendor.
BENCH_PROFILES: tuple[tuple[tuple[int, ...], float], ...] = (
    ((60, 25, 6, 4, 2, 3), 1.0), ((45, 30, 10, 5, 3, 7), 0.85),
    ((35, 25, 15, 10, 5, 10), 0.7), ((50, 20, 10, 5, 5, 10), 0.9),
    ((40, 35, 8, 7, 4, 6), 1.1),
)


def consult_vendors(*, project: Project, by: User, count: int) -> list[ConsultedVendor]:
    """``count`` invented vendors kept by the market study and consulted, deadline in 3 weeks."""
    consultation_services.consultation_settle(
        project=project, response_deadline=clock.today() + timedelta(days=21))
    consulted = []
    for index in range(count):
        name = BENCH_VENDOR_NAMES[index % len(BENCH_VENDOR_NAMES)]
        vendor = services.vendor_create(by=by, values={
            "name": name, "product": f"Produit {index + 1} — projet {project.pk}",
            "label_level": LabelLevel.STANDARD, "is_dmp_compatible": True})
        assessment = services.assessment_start(project=project, vendor=vendor)
        services.assessment_update(assessment=assessment,
                                   values={"decision": AssessmentDecision.KEPT})
        assessment.refresh_from_db()
        consulted.append(consultation_services.consulted_add(project=project,
                                                             assessment=assessment))
    return consulted


def filled_cadre(consulted: ConsultedVendor, *, seed: int) -> bytes:
    """The vendor's own cadre de réponse with every row answered and the prices filled
    (values typed with openpyxl, no formula), varied from one vendor to the next."""
    blank = cadre_de_reponse_xlsx(vendor_cadre_data(consulted.project, str(consulted.pk)),
                                  generated_at=clock.now())
    weights, price_level = BENCH_PROFILES[seed % len(BENCH_PROFILES)]
    return demo_answers_file(blank, seed=seed, weights=weights, price_level=price_level)


def answers_import(*, consulted: ConsultedVendor, content: bytes, by: User) -> AnswerSet:
    """Check the file, record it as pending, confirm it: what « Déposer » then
    « Confirmer » do."""
    answer_set = consultation_services.answers_preview(
        consulted=consulted, content=content, file_name="cadre-de-reponse.xlsx", by=by)
    return consultation_services.answers_confirm(answer_set=answer_set, by=by)


def answered_offers(*, project: Project, by: User, count: int) -> list[ConsultedVendor]:
    """``count`` consulted vendors, each with confirmed answers to every need of the grid."""
    consulted = consult_vendors(project=project, by=by, count=count)
    for index, item in enumerate(consulted):
        answers_import(consulted=item, content=filled_cadre(item, seed=index + 1), by=by)
    return consulted


GOAL_IMPORT_MS = 1000
GOAL_COMPARE_P95_MS = 150
COMPARED_OFFERS = 5


def benchmark_part(run: BenchmarkRun) -> None:
    """On the 400-need grid of the requirements part: importing a vendor's answer,
    comparing five offers."""
    from django.urls import reverse

    from projects.demo.benchmark import measure

    from ..consultation.answers_import import answers_read
    from ..consultation.selectors import expected_cadre

    project = run.shared.get("large_grid")
    if project is None:
        return
    size = project.requirements.count()
    run.write("Phase 3 :")
    consulted = consult_vendors(project=project, by=run.user, count=COMPARED_OFFERS)
    files = [filled_cadre(item, seed=n + 1) for n, item in enumerate(consulted)]
    first, content = consulted[0], files[0]
    expected, _priorities = expected_cadre(consulted=first)
    checked = measure(lambda: answers_read(content, expected), warmup=1,
                      runs=run.import_runs)
    # Each run records a new pending set and confirms it; the previous one stays as
    # history, as when a vendor sends a corrected file.
    whole = measure(lambda: answers_import(consulted=first, content=content, by=run.user),
                    warmup=1, runs=run.import_runs)
    run.write(f"Import d'une réponse de {size} lignes ({len(content) // 1024} Ko) :")
    run.write(f"  contrôle et lecture du fichier {checked}")
    run.write(f"  contrôle, enregistrement et confirmation {whole} "
              f"(objectif ≤ {GOAL_IMPORT_MS} ms)")
    for item, answers in zip(consulted[1:], files[1:], strict=True):
        answers_import(consulted=item, content=answers, by=run.user)
    run.write(f"Comparaison de {COMPARED_OFFERS} offres × {size} réponses "
              f"({run.runs} mesures) :")
    compare_url = reverse("vendors:answers-compare", args=[project.pk])
    run.page("comparaison (ouverture)", compare_url)  # one domain at a time above 150
    run.page("comparaison, tous domaines", f"{compare_url}?domaine=tous")
    run.page("comparaison, écarts", f"{compare_url}?domaine=tous&ecarts=on")
    run.write(f"  objectif : comparaison p95 ≤ {GOAL_COMPARE_P95_MS} ms, requêtes "
              "bornées (test : autant pour 1 × 10 que pour 5 × 400)")
