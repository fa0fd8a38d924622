"""Demo data of the needs grid: built by ``seed_demo``, plausible, idempotent."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from projects.choices import Profession
from projects.demo.seed import AMOA, DEMO_PROJECT_NAME, LEAD, NURSE, SECURITY
from projects.models import Project
from requirements.demo.needs import (
    DUPLICATE_NEED,
    NURSE_NEED,
    PROFESSION_PRIORITIES,
    seed_needs_grid,
)
from requirements.models import GridDomain, ProfessionPriority, Requirement

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> Project:
    call_command("seed_demo", stdout=None)
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def _users(project: Project) -> dict[str, object]:
    by_email = {m.user.email: m.user for m in project.memberships.select_related("user")}
    return {"lead": by_email[LEAD.email], "amoa": by_email[AMOA.email],
            "nurse": by_email[NURSE.email], "security": by_email[SECURITY.email]}


def test_demo_grid_shows_every_feature(demo: Project) -> None:
    requirements = Requirement.objects.filter(project=demo)
    added = requirements.get(text=NURSE_NEED)
    assert added.profession == Profession.NURSE
    assert added.updated_by.email == NURSE.email
    duplicate = requirements.get(text=DUPLICATE_NEED)
    assert duplicate.merged_into.code == "MSG-001"
    arbitrated = requirements.exclude(arbitration_reason="")
    assert [r.code for r in arbitrated] == ["COO-011"]
    nurses = ProfessionPriority.objects.filter(project=demo, profession=Profession.NURSE)
    assert nurses.count() == len(PROFESSION_PRIORITIES)
    par = GridDomain.objects.get(grid__project=demo, code="PAR")
    assert par.referent.user.email == SECURITY.email
    assert requirements.get(code="PAR-001").updated_by.email == SECURITY.email
    # Only professions present in the demo MSP bring their own needs.
    assert not requirements.filter(profession=Profession.DENTIST).exists()


def test_seeding_again_changes_nothing(demo: Project) -> None:
    before = (Requirement.objects.filter(project=demo).count(),
              ProfessionPriority.objects.filter(project=demo).count(),
              Requirement.history.filter(project_id=demo.pk).count())
    seed_needs_grid(project=demo, **_users(demo))
    call_command("seed_demo", stdout=None)
    after = (Requirement.objects.filter(project=demo).count(),
             ProfessionPriority.objects.filter(project=demo).count(),
             Requirement.history.filter(project_id=demo.pk).count())
    assert after == before
