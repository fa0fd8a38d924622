"""The comparison page reads a fixed number of queries, whatever the offers and needs."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from requirements.demo.benchmark import large_grid_project
from requirements.models import Requirement
from requirements.needs.services import grid_initialise
from vendors.demo.benchmark import answered_offers

# Session, user, membership and permissions, then the three reads of the selector.
QUERY_BUDGET = 12


def _queries(client, url: str) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        # A forced reload: the page is rendered, not served from the page cache.
        assert client.get(url, HTTP_CACHE_CONTROL="no-cache").status_code == 200
    return len(captured)


def _small(make_project):  # type: ignore[no-untyped-def]
    """1 offer × 10 needs."""
    project = make_project(name="MSP Petite")
    grid_initialise(project=project)
    keep = list(Requirement.objects.filter(project=project).order_by("pk")
                .values_list("pk", flat=True)[:10])
    Requirement.objects.filter(project=project).exclude(pk__in=keep).update(is_removed=True)
    answered_offers(project=project, by=project.created_by, count=1)
    return project


def _large(make_user):  # type: ignore[no-untyped-def]
    """5 offers × 400 needs."""
    project = large_grid_project(creator=make_user(), size=400, name="MSP Grande")
    answered_offers(project=project, by=project.created_by, count=5)
    return project


# The default view (one domain of the large grid), every domain, and both row filters.
QUERIES = ("", "?domaine=tous", "?ecarts=on&non_couverts=on&priorite=essential")


def test_queries_are_the_same_for_one_offer_on_ten_needs_and_five_on_four_hundred(
        make_project, make_user, client_for) -> None:
    small, large = _small(make_project), _large(make_user)
    assert Requirement.objects.filter(project=small, is_removed=False).count() == 10
    assert Requirement.objects.filter(project=large, is_removed=False).count() == 400
    counts: dict[str, list[int]] = {query: [] for query in QUERIES}
    for project in (small, large):
        client = client_for(project.created_by)
        base = reverse("vendors:answers-compare", args=[project.pk])
        _queries(client, base)  # first request: session and permission caches
        for query in QUERIES:
            counts[query].append(_queries(client, base + query))
    for query, (small_count, large_count) in counts.items():
        assert small_count == large_count, query
        assert large_count <= QUERY_BUDGET, query
