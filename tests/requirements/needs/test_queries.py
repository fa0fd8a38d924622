"""The grid pages run a bounded number of queries: 400 requirements, 12 professions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.demo.benchmark import LARGE_GRID_PROFESSIONS, large_grid_project
from requirements.models import GridDomain, Requirement
from tests.typography import plain

pytestmark = pytest.mark.django_db

PROFESSIONS = list(LARGE_GRID_PROFESSIONS)
SIZE = 400
# Guard, session and user (≈5), the grid and its editor (≈3), then a constant number of
# reads per page. Measured: 12–13 for the grid, 15 for the consolidation page.
MAX_QUERIES = 18


@pytest.fixture
def big_project(make_user: Callable[..., User]) -> Project:
    """A project with 12 professions and a grid grown to 400 requirements."""
    project = large_grid_project(creator=make_user(), size=SIZE)
    assert Requirement.objects.filter(project=project).count() == SIZE
    return project


def _member(project: Project, role: str, add_member, **kwargs: str) -> Membership:
    return add_member(project, role, **kwargs)


@pytest.mark.parametrize(("role", "extra"), [
    (Role.PROJECT_LEAD, {}),
    (Role.PROFESSION_REFERENT, {"profession": Profession.NURSE}),
    (Role.DOMAIN_REFERENT, {}),
    (Role.OBSERVER, {}),
])
def test_grid_page_queries_are_bounded(big_project: Project, add_member, client_for,
                                       django_assert_max_num_queries, role: str,
                                       extra: dict[str, str]) -> None:
    if role == Role.PROJECT_LEAD:
        user = big_project.created_by
    else:
        member = _member(big_project, role, add_member, **extra)
        GridDomain.objects.filter(grid__project=big_project, code="PAR").update(
            referent=member if role == Role.DOMAIN_REFERENT else None)
        user = member.user
    client = client_for(user)
    # Every domain at once: the largest page the grid can show.
    url = reverse("requirements:grid", args=[big_project.pk]) + "?domaine=tous"
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    assert plain(response.content.decode()).count('<tr id="req-row-') == SIZE


def test_a_large_grid_opens_one_domain_at_a_time(big_project: Project, client_for) -> None:
    client = client_for(big_project.created_by)
    url = reverse("requirements:grid", args=[big_project.pk])
    first = plain(client.get(url).content.decode())
    domains = list(GridDomain.objects.filter(grid__project=big_project).order_by("position"))
    shown = Requirement.objects.filter(project=big_project, subdomain__domain=domains[0])
    assert first.count('<tr id="req-row-') == shown.count() < SIZE
    assert f'href="?domaine={domains[1].code}"' in first
    assert 'aria-current="page"' in first
    second = plain(client.get(url, {"domaine": domains[1].code}).content.decode())
    assert second.count('<tr id="req-row-') == Requirement.objects.filter(
        project=big_project, subdomain__domain=domains[1]).count()


def test_consolidation_page_queries_are_bounded(big_project: Project, client_for,
                                                django_assert_max_num_queries) -> None:
    client = client_for(big_project.created_by)
    url = reverse("requirements:grid-consolidation", args=[big_project.pk])
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(url)
    assert response.status_code == 200
    body = plain(response.content.decode())
    assert body.count('<tr id="arb-') == SIZE
    assert body.count("badge-divergent") > 0
