"""Helpers of the step 11 tests: kept offers and submitted marks, through the services."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from vendors.choices import AssessmentDecision
from vendors.evaluation import services as scoring_services
from vendors.evaluation.scoring import MARKED
from vendors.models import VendorAssessment


def keep(make_assessment: Callable[..., VendorAssessment], project: Any,
         **vendor: Any) -> VendorAssessment:
    """A vendor kept for the consultation (step 5) in ``project``."""
    from vendors.market import services

    from .conftest import vendor_values

    created = services.vendor_create(by=project.created_by, values=vendor_values(**vendor))
    return make_assessment(project, vendor=created, decision=AssessmentDecision.KEPT)


def submit_marks(project: Any, evaluator: Any, marks: dict[int, Sequence[int]]) -> None:
    """Mark each offer on the four marked criteria (in ``MARKED`` order), then submit."""
    scoring_services.criteria_ensure(project=project)
    scoring_services.marks_save(project=project, evaluator=evaluator, marks={
        (pk, code): mark for pk, values in marks.items()
        for code, mark in zip(MARKED, values, strict=True)})
    scoring_services.marks_submit(project=project, evaluator=evaluator)
