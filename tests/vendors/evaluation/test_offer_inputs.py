"""Step 11 reads the answers imported at step 9: coverage and cost come from the files."""

from __future__ import annotations

from decimal import Decimal

import pytest

from projects.demo import seed as demo
from vendors.consultation.models import AnswerSet
from vendors.evaluation.offer_inputs import offer_inputs
from vendors.evaluation.scoring import ANSWER_VALUES
from vendors.evaluation.selectors import analysis, kept_offers


@pytest.fixture
def demo_project(db):
    return demo.demo_seed().project


def test_each_imported_offer_feeds_coverage_and_cost(demo_project) -> None:
    offers = kept_offers(project=demo_project)
    inputs = offer_inputs(project=demo_project, assessments=offers)
    current = AnswerSet.objects.filter(project=demo_project, is_current=True)
    assert set(inputs) == set(current.values_list("consulted__assessment_id", flat=True))
    assert len(inputs) == 3
    for answer_set in current.select_related("consulted"):
        read = inputs[answer_set.consulted.assessment_id]
        answered = [row for row in answer_set.answers if row["answer"]]
        assert len(read.answers) == len(answered)
        assert set(read.answers.values()) <= set(ANSWER_VALUES)
        assert all(isinstance(unit, Decimal) for _qty, unit in read.prices.values())

    result = analysis(project=demo_project, marks_visible=True)
    analysed = {o.assessment.pk: o for o in result.offers}
    for assessment_id in inputs:
        offer = analysed[assessment_id]
        assert offer.coverage is not None
        assert Decimal(0) < offer.coverage.percent <= Decimal(100)
        assert offer.cost is not None


def test_an_unconfirmed_import_does_not_count(demo_project) -> None:
    offers = kept_offers(project=demo_project)
    first = AnswerSet.objects.filter(project=demo_project, is_current=True).first()
    AnswerSet.objects.filter(pk=first.pk).update(is_current=False)
    assert first.consulted.assessment_id not in offer_inputs(project=demo_project,
                                                             assessments=offers)
