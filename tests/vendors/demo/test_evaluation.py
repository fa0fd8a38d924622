"""The demo analysis of the offers: criteria, marks, a recorded decision; idempotent."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.management import call_command

from projects.demo.seed import DEMO_PROJECT_NAME, LEAD, NURSE, SECURITY
from projects.models import Project
from vendors.demo.evaluation import seed_scoring
from vendors.evaluation import selectors as scoring_selectors
from vendors.evaluation.models import (
    CriteriaSettings,
    EliminatoryDecision,
    EvaluationMark,
    EvaluationSubmission,
)

pytestmark = pytest.mark.django_db


def test_the_demo_has_criteria_marks_and_a_divergence() -> None:
    call_command("seed_demo", stdout=None)
    project = Project.objects.get(name=DEMO_PROJECT_NAME)
    people = {m.user.email.split("@")[0]: m.user for m in project.memberships.all()}
    lead, nurse, security = people[LEAD.key], people[NURSE.key], people[SECURITY.key]
    counts = (EvaluationMark.objects.count(), EliminatoryDecision.objects.count())
    seed_scoring(project=project, lead=lead, nurse=nurse, security=security)  # twice: no-op
    assert (EvaluationMark.objects.count(), EliminatoryDecision.objects.count()) == counts
    assert CriteriaSettings.objects.get(project=project).budget_ceiling == Decimal("95000")
    assert set(EvaluationSubmission.objects.filter(project=project)
               .values_list("evaluator", flat=True)) == {
        lead.pk, nurse.pk}
    assert EliminatoryDecision.objects.filter(project=project).count() == 3
    # 3 kept offers × 4 criteria for each submitted evaluator, one draft offer of 4 for
    # the référente « sécurité ».
    assert EvaluationMark.objects.filter(project=project).count() == 3 * 4 * 2 + 4
    evaluation = scoring_selectors.my_evaluation(project=project, evaluator=nurse)
    assert [(r.assessment.vendor.product, r.criterion.code) for r in evaluation.divergent] == [
        ("Pluriel Santé", "services")]
    draft = scoring_selectors.my_evaluation(project=project, evaluator=security)
    assert draft.submitted_at is None
    assert draft.rows == []
