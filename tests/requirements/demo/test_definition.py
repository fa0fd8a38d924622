"""Demo data of steps 4, 6 and 7: partly filled existing state, services, hosting."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from projects.choices import Profession
from projects.demo.seed import DEMO_PROJECT_NAME, NURSE
from projects.models import Project
from requirements.demo.definition import seed_definition
from requirements.existing.selectors import existing_overview
from requirements.expected.selectors import services_summary
from requirements.models import (
    Hosting,
    MigrationItem,
    ProfessionProfile,
    ServiceExpectations,
    TerritoryPartner,
)
from requirements.technical.selectors import technical_summary

pytestmark = pytest.mark.django_db


def test_seed_definition_is_idempotent(project, lead) -> None:
    seed_definition(project=project, authors={Profession.GP: lead})
    seed_definition(project=project, authors={Profession.GP: lead})
    assert ProfessionProfile.objects.filter(project=project).count() == 3
    assert TerritoryPartner.objects.filter(project=project).count() == 4
    assert MigrationItem.objects.filter(project=project).count() == 3
    assert ServiceExpectations.objects.filter(project=project).count() == 1
    gp = ProfessionProfile.objects.get(project=project, profession=Profession.GP)
    assert gp.updated_by == lead
    assert gp.history.count() == 1


@pytest.fixture
def demo() -> Project:
    call_command("seed_demo", stdout=StringIO())
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def test_demo_existing_state_is_partly_filled(demo: Project) -> None:
    overview = existing_overview(project=demo)
    complete = {p.profession for p in overview.professions if p.completion.is_complete}
    assert complete == {Profession.GP, Profession.NURSE, Profession.PHYSIOTHERAPIST}
    assert len(overview.professions) > len(complete)
    assert overview.totals.count_today == 9
    assert overview.state.bandwidth_down_mbps > 0
    nurse = ProfessionProfile.objects.get(project=demo, profession=Profession.NURSE)
    assert nurse.updated_by.email == NURSE.email
    # No real product names: every software of the demo is marked as invented.
    assert all("(fictif)" in p.software for p in ProfessionProfile.objects.filter(project=demo))


def test_demo_services_and_hosting(demo: Project) -> None:
    services = services_summary(project=demo)
    assert not services.is_default
    assert "chef de projet unique" in services.texts["steering"]
    assert len(services.migration_items) == 3
    technical = technical_summary(project=demo)
    assert technical.hosting == Hosting.CERTIFIED_HOST
    assert technical.hosting_justification
