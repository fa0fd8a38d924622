"""Demo market study: five invented vendors, three kept, one eliminated, one under study."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from msp_si.common import clock
from projects.demo.seed import AMOA, DEMO_PROJECT_NAME, demo_seed
from projects.models import Project
from vendors.choices import AssessmentDecision, LabelLevel
from vendors.demo.market import DEMO_VENDORS, seed_market_study
from vendors.market.selectors import market_study
from vendors.models import Vendor, VendorAssessment

pytestmark = pytest.mark.django_db

D = AssessmentDecision


@pytest.fixture
def demo() -> Project:
    """The demo project after two runs of ``seed_demo``."""
    call_command("seed_demo", stdout=None)
    call_command("seed_demo", stdout=None)
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def test_the_demo_project_has_its_market_study(demo: Project) -> None:
    study = market_study(project=demo)
    assert Vendor.objects.count() == 5
    assert study.counts == {D.KEPT: 3, D.ELIMINATED: 1, D.UNDER_STUDY: 1}
    assert study.kept_warning is None
    (eliminated,) = study.eliminated
    assert "label" in eliminated.decision_reason
    assert eliminated.vendor.label_level == LabelLevel.NONE
    assert {v.label_level for v in Vendor.objects.all()} == set(LabelLevel.values)
    assert {v.is_hds_certified for v in Vendor.objects.all()} == {True, False}
    assert {v.is_dmp_compatible for v in Vendor.objects.all()} == {True, False}
    # Kept vendors first, alphabetically; only « Pluriel Santé » misses a module in scope.
    kept_columns = [c for c in study.coverage.columns if c.decision == D.KEPT]
    assert [c.label.split(" ")[0] for c in kept_columns] == ["Atelier", "Éditions", "Solutions"]
    assert [len(c.covered) for c in kept_columns] == [5, 8, 9]
    assert study.coverage.scope_gaps[:3] == (1, 0, 0)


def test_demo_vendors_are_clearly_fictitious() -> None:
    for spec in DEMO_VENDORS:
        assert spec.contact_email.endswith(".test")
        assert spec.website.endswith(".test")
        assert spec.contact_phone.startswith("01 99 00")


def test_seeding_twice_and_resetting_keeps_one_catalogue(demo: Project) -> None:
    amoa = demo.memberships.get(user__email=AMOA.email).user
    seed_market_study(project=demo, by=amoa, today=clock.today())
    assert VendorAssessment.objects.filter(project=demo).count() == 5
    result = demo_seed(reset=True)
    assert result.is_created
    # The phase-4 demo MSP assesses the same five catalogue entries: no duplicate.
    assert Vendor.objects.count() == 5
    assert VendorAssessment.objects.count() == 5 * Project.objects.count()
    assert VendorAssessment.objects.filter(project=result.project).count() == 5
