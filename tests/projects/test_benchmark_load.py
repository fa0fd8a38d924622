"""The load benchmark's bare view exists only under its settings, behind the sign-in."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from msp_si.urls_benchmark import BARE_VIEW_PATH
from projects.demo.load import LoadResult


def test_the_bare_view_is_not_a_production_url() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("benchmark-bare")


@pytest.mark.urls("msp_si.urls_benchmark")
def test_the_bare_view_needs_a_signed_in_user(client, make_user) -> None:
    url = reverse("benchmark-bare")
    assert url == f"/{BARE_VIEW_PATH}"
    assert client.get(url).status_code == 302
    user = make_user()
    client.force_login(user)
    response = client.get(url)
    assert (response.status_code, response.content) == (200, f"ok {user.pk}".encode())


def test_a_load_result_gives_its_rate() -> None:
    result = LoadResult(requests=300, errors=0, seconds=2.0, p50_ms=10, p95_ms=20, p99_ms=30)
    assert result.rate == 150
    assert "150.0 req/s" in str(result)
