"""Measurement data of phase 3: consulted vendors whose filled cadres are imported.

Used by the benchmark command and by the query-count tests of the comparison, so both
measure the same shape of data. Everything goes through the real services (market study,
consultation, import and confirmation), as a file uploaded by the chef de projet would.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.utils import timezone

from requirements.cadre import cadre_de_reponse_xlsx

from . import consultation_services, services
from .choices import AssessmentDecision, LabelLevel
from .consultation_demo import demo_answers_file
from .consultation_models import AnswerSet, ConsultedVendor
from .consultation_selectors import vendor_cadre_data

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

# Invented names: vendors of measurement data only.
BENCH_VENDOR_NAMES = ("Logiciels du Mesurand", "Éditions Banc-d'Essai", "Étalon Santé",
                      "Chronos Coordination", "Référentiel Médical Témoin")
# Answer weights (``requirements.cadre.ANSWERS`` order) and price level of each vendor.
BENCH_PROFILES: tuple[tuple[tuple[int, ...], float], ...] = (
    ((60, 25, 6, 4, 2, 3), 1.0), ((45, 30, 10, 5, 3, 7), 0.85),
    ((35, 25, 15, 10, 5, 10), 0.7), ((50, 20, 10, 5, 5, 10), 0.9),
    ((40, 35, 8, 7, 4, 6), 1.1),
)


def consult_vendors(*, project: Project, by: User, count: int) -> list[ConsultedVendor]:
    """``count`` invented vendors kept by the market study and consulted, deadline in 3 weeks."""
    consultation_services.consultation_settle(
        project=project, response_deadline=timezone.localdate() + timedelta(days=21))
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
                                  generated_at=timezone.now())
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
