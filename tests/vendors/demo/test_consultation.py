"""Demo consultation: three kept vendors consulted, three answer files imported for real."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.management import call_command

from projects.demo.seed import DEMO_PROJECT_NAME, LEAD
from projects.models import Project
from requirements.rfp.cadre import ANSWERS
from vendors.choices import AssessmentDecision
from vendors.consultation.models import AnswerSet, ConsultedVendor
from vendors.consultation.selectors import consultation_page, vendor_answers
from vendors.demo.consultation import seed_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Project:
    call_command("seed_demo", stdout=None)
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def test_three_kept_vendors_are_consulted_with_a_deadline(demo: Project) -> None:
    page = consultation_page(project=demo)
    assert len(page.lines) == 3
    assert page.deadline is not None
    assert {line.consulted.assessment.decision for line in page.lines} == {
        AssessmentDecision.KEPT}
    assert all(line.consulted.sent_on for line in page.lines)


def test_each_consulted_vendor_has_varied_answers_and_prices(demo: Project) -> None:
    answers = vendor_answers(project=demo)
    assert len(answers) == 3
    requirement_count = consultation_page(project=demo).requirement_count
    for vendor in answers:
        assert vendor.summary is not None
        assert vendor.summary.answered == requirement_count
        assert set(vendor.answers.values()) <= set(ANSWERS)
        assert len(set(vendor.answers.values())) >= 3
        assert vendor.price_total > 0
        assert not vendor.is_late
    assert len({v.price_total for v in answers}) == 3


def test_seeding_twice_imports_nothing_more(demo: Project) -> None:
    lead = demo.memberships.get(user__email=LEAD.email).user
    seed_consultation(project=demo, lead=lead, today=date.today())
    assert ConsultedVendor.objects.filter(project=demo).count() == 3
    assert AnswerSet.objects.filter(project=demo).count() == 3
