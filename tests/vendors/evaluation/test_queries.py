"""The step 11 analysis reads a fixed number of queries, whatever the offers and needs."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requirements.demo.benchmark import large_grid_project
from requirements.models import Requirement
from requirements.needs.services import grid_initialise
from vendors.demo.benchmark import answered_offers

from ..scoring_helpers import submit_marks

# Session, user, membership and permissions, then the reads of the analysis: criteria
# (3), offers, answers, priorities, professions, decisions, submissions and marks.
QUERY_BUDGET = 16


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _marked(project, count: int):  # type: ignore[no-untyped-def]
    """``count`` answered offers, marked and submitted by the chef de projet."""
    consulted = answered_offers(project=project, by=project.created_by, count=count)
    submit_marks(project, project.created_by,
                 {c.assessment_id: (4, 3, 5, 2) for c in consulted})
    return project


def _small(make_project):  # type: ignore[no-untyped-def]
    """1 offer × 10 needs."""
    project = make_project(name="MSP Petite")
    grid_initialise(project=project)
    keep = list(Requirement.objects.filter(project=project).order_by("pk")
                .values_list("pk", flat=True)[:10])
    Requirement.objects.filter(project=project).exclude(pk__in=keep).update(is_removed=True)
    return _marked(project, 1)


def _large(make_user):  # type: ignore[no-untyped-def]
    """5 offers × 400 needs."""
    return _marked(large_grid_project(creator=make_user(), size=400, name="MSP Grande"), 5)


def test_queries_are_the_same_for_one_offer_on_ten_needs_and_five_on_four_hundred(
        make_project, make_user, client_for) -> None:
    small, large = _small(make_project), _large(make_user)
    counts = []
    for project in (small, large):
        client = client_for(project.created_by)
        url = reverse("vendors:analysis", args=[project.pk])
        _queries(client, url)  # first request: session and permission caches
        page = client.get(url).content.decode()
        assert "Score pondéré —" in page  # marks seen: the full analysis
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]
    assert counts[1] <= QUERY_BUDGET
