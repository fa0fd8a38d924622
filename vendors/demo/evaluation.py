"""Demo analysis of the offers (step 11): criteria, marks of the evaluators, one decision.

The marks are invented for the fictitious vendors of ``vendors.demo.market``. The chef de projet
and the nurses' référent have submitted (with one divergence to discuss); the référente
« sécurité » has only a draft, so her account shows what an evaluator sees before
submitting.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from ..choices import AssessmentDecision
from ..evaluation.models import (
    EliminatoryCriterion,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCriterion,
)
from ..evaluation.scoring import MARKED
from ..evaluation.services import (
    criteria_ensure,
    criteria_update,
    eliminatory_add,
    eliminatory_decide,
    marks_save,
    marks_submit,
)
from ..market.models import VendorAssessment

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

REFERENCES = "Références dans au moins deux maisons de santé de la région"
# Product name → marks on MARKED (services, implementation, architecture, financial health).
DEMO_MARKS: dict[str, dict[str, tuple[int, int, int, int]]] = {
    "lead": {"Confluence MSP": (4, 4, 3, 4), "Lisseron Coordination": (3, 4, 4, 3),
             "Pluriel Santé": (4, 3, 3, 2)},
    "nurse": {"Confluence MSP": (4, 3, 3, 4), "Lisseron Coordination": (3, 3, 4, 3),
              "Pluriel Santé": (2, 3, 3, 2)},  # services: 4 vs 2, to discuss
    "security": {"Confluence MSP": (3, 4, 4, 4)},      # a draft, not submitted
}
REFERENCE_DECISIONS = {
    "Confluence MSP": "Deux MSP équipées dans le département (visite de la MSP des Coteaux).",
    "Lisseron Coordination": "Trois MSP clientes citées, dont une contactée par téléphone.",
    "Pluriel Santé": "Une MSP de la région, une autre en cours de déploiement.",
}


def _marks(project: Project, evaluator: User, by_product: Mapping[str, tuple[int, ...]],
           offers: dict[str, VendorAssessment]) -> dict[tuple[int, str], int | None]:
    return {(offers[product].pk, code): mark for product, values in by_product.items()
            if product in offers for code, mark in zip(MARKED, values, strict=True)}


@transaction.atomic
def seed_scoring(*, project: Project, lead: User, nurse: User, security: User) -> None:
    """Criteria with a ceiling, a custom criterion decided, marks; idempotent."""
    settings = criteria_ensure(project=project)
    if settings.budget_ceiling is None:
        criteria_update(project=project, settings_values={
            "horizon_years": 3, "budget_ceiling": Decimal("95000"),
            "new_professionals_per_year": 1, "extra_training_days_per_year": Decimal(1),
            "new_configuration_days_per_year": Decimal(2), "departures_per_year": 0,
            "include_full_reversibility": True,
        }, enabled={}, weights={c.code: (c.rank, c.weight) for c in
                                SecondaryCriterion.objects.filter(project=project)})
    criterion = EliminatoryCriterion.objects.filter(project=project, label=REFERENCES).first()
    if criterion is None:
        criterion = eliminatory_add(project=project, label=REFERENCES)
    offers = {a.vendor.product: a for a in VendorAssessment.objects.filter(
        project=project, decision=AssessmentDecision.KEPT).select_related("vendor")}
    for product, reason in REFERENCE_DECISIONS.items():
        if product in offers and not offers[product].eliminatory_decisions.filter(
                criterion=criterion).exists():
            eliminatory_decide(project=project, assessment=offers[product],
                               criterion=criterion, is_met=True, reason=reason, by=lead)
    for key, person in (("lead", lead), ("nurse", nurse), ("security", security)):
        if EvaluationSubmission.objects.filter(project=project, evaluator=person).exists():
            continue
        if not EvaluationMark.objects.filter(project=project, evaluator=person).exists():
            marks_save(project=project, evaluator=person,
                       marks=_marks(project, person, DEMO_MARKS[key], offers))
        if key != "security":
            marks_submit(project=project, evaluator=person)
