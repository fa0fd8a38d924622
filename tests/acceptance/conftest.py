"""Fixtures of phase 4: the demo MSP brought through the AG's choice into « mise en œuvre »."""

from __future__ import annotations

from typing import Any

import pytest

from projects.demo import seed as demo
from projects.models import Project
from vendors.decision import services as choice_services

from ..vendors.choice_helpers import close_demo_vote, dossier_generate, dossier_validate


@pytest.fixture
def chosen_msp(db: None) -> tuple[Project, dict[str, Any]]:
    """The demo MSP after the README's walk: vote closed, dossier validated, choice recorded
    (so phase 4 is open and the contract exists); accounts by key."""
    result = demo.demo_seed()
    project, people = result.project, {p.key: u for p, u in result.accounts}
    lead = people[demo.LEAD.key]
    close_demo_vote(project, lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    choice_services.solution_choose(project=project, by=lead)
    project.refresh_from_db()
    return project, people
