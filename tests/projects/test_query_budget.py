"""SQL queries per page do not grow with the number of steps planned, tasks or members."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.choices import Role
from projects.models import Milestone, Step, Task
from tests.projects.progress.test_home import HOME_QUERIES

PAGES = ["projects:project-home", "projects:step-detail", "projects:framing",
         "projects:calendar", "projects:team"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        # A forced reload: the page is rendered, not served from the page cache.
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    return len(captured)


def _grow(project, add_member, *, members: int, tasks_per_step: int) -> None:
    today = timezone.localdate()
    for step in Step.objects.filter(project=project):
        Step.objects.filter(pk=step.pk).update(owner=project.created_by,
                                               due_on=today - timedelta(days=1))
        for n in range(tasks_per_step):
            Task.objects.create(project=project, step=step, title=f"Tâche {step.number}.{n}",
                                start_on=date(2026, 1, 1), due_on=today + timedelta(days=n),
                                owner=project.created_by)
        Milestone.objects.create(project=project, title=f"Jalon {step.number}",
                                 due_on=today + timedelta(days=step.number))
    for _ in range(members):
        add_member(project, Role.MEMBER)


@pytest.mark.parametrize("page", PAGES)
def test_queries_are_the_same_for_a_small_and_a_large_project(
    make_project, add_member, client_for, page
) -> None:
    small, large = make_project(name="MSP Petite"), make_project(name="MSP Grande")
    _grow(small, add_member, members=1, tasks_per_step=1)
    _grow(large, add_member, members=25, tasks_per_step=6)
    args = {"projects:step-detail": [1]}.get(page, [])
    counts = []
    for project in (small, large):
        client = client_for(project.created_by)
        url = reverse(page, args=[project.pk, *args])
        _queries(client, url)  # first request: session and permission caches
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]


def test_the_home_page_makes_a_fixed_number_of_queries(project, add_member, client_for) -> None:
    _grow(project, add_member, members=20, tasks_per_step=4)
    client = client_for(project.created_by)
    url = reverse("projects:project-home", args=[project.pk])
    _queries(client, url)
    assert _queries(client, url) == HOME_QUERIES
