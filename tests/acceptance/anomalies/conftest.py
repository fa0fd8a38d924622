"""Fixtures of the anomaly log: a project with its contract and one member per role."""

from __future__ import annotations

from typing import Any

import pytest

from acceptance.models import Contract
from projects.choices import Role
from projects.models import Project

from .helpers import contract_make


@pytest.fixture
def contracted(project: Project, add_member: Any) -> tuple[Project, Contract, dict[str, Any]]:
    """A project in contract with its vendor; users by role."""
    users = {Role.PROJECT_LEAD: project.created_by}
    for role in (Role.AMOA, Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT):
        users[role] = add_member(project, role).user
    return project, contract_make(project), users
