"""Fixtures of the needs grid tests: the grid of ``project`` and editors per role."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.models import GridDomain, NeedsGrid, Requirement
from requirements.needs.rules import Editor
from requirements.needs.services import grid_initialise

CONSOLIDATOR = Editor(can_edit_needs=True, can_consolidate=True)
NURSE_EDITOR = Editor(can_edit_needs=True, profession=Profession.NURSE)


@pytest.fixture
def grid(project: Project) -> NeedsGrid:
    return grid_initialise(project=project)


@pytest.fixture
def need(grid: NeedsGrid) -> Callable[..., Requirement]:
    """The first active requirement of the grid for a profession ("" = transversal)."""

    def find(profession: str = "", domain: str = "") -> Requirement:
        rows = Requirement.objects.filter(project=grid.project, profession=profession,
                                          is_removed=False, merged_into__isnull=True)
        if domain:
            rows = rows.filter(subdomain__domain__code=domain)
        return rows.select_related("subdomain").order_by("code").first()

    return find


@pytest.fixture
def nurse_referent(project: Project, add_member: Callable[..., Membership]) -> Membership:
    return add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)


@pytest.fixture
def security_referent(project: Project, grid: NeedsGrid,
                      add_member: Callable[..., Membership]) -> Membership:
    """A référent fonctionnel entrusted with the « Paramétrage » domain."""
    member = add_member(project, Role.DOMAIN_REFERENT, domain="Sécurité et habilitations")
    GridDomain.objects.filter(grid=grid, code="PAR").update(referent=member)
    return member
