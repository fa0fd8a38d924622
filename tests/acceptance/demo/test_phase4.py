"""The second demo MSP is already in phase 4, with the same AMOA as the first."""

from __future__ import annotations

import pytest

from acceptance.demo.phase4 import HAUTS_TILLEULS, PHASE4_PROJECT_NAME, demo_projects
from acceptance.models import Contract
from projects.choices import Role, StepStatus
from projects.demo import seed as demo
from projects.models import Membership, Project

pytestmark = pytest.mark.django_db


def test_the_phase4_demo_has_its_contract_and_the_first_demos_amoa() -> None:
    [result] = demo_projects(reset=False)
    project = result.project
    assert project.name == PHASE4_PROJECT_NAME
    assert project.chosen_solution.startswith("Solutions Confluence")
    contract = Contract.objects.get(project=project)
    assert contract.obligations.exists()
    statuses = dict(project.steps.values_list("number", "status"))
    assert all(statuses[n] == StepStatus.DONE for n in range(1, 11))
    assert statuses[11] == StepStatus.VALIDATED
    assert statuses[12] == StepStatus.IN_PROGRESS
    amoa = Membership.objects.get(project=project, role=Role.AMOA).user
    assert amoa.email == demo.AMOA.email
    assert project.created_by.email == HAUTS_TILLEULS.lead.email

    # Seeding again finds it; --reset recreates it and touches nothing else.
    first = demo.demo_seed().project
    [again] = demo_projects(reset=False)
    assert (again.project.pk, again.is_created) == (project.pk, False)
    [recreated] = demo_projects(reset=True)
    assert recreated.project.pk != project.pk
    assert not Project.objects.filter(pk=project.pk).exists()
    assert Project.objects.filter(pk=first.pk).exists()
