"""The /sante/ endpoint: database always, Redis and worker only when a broker is set."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from django.urls import reverse

from msp_si.celery import app as celery_app


@pytest.fixture
def closed_port_url() -> str:
    """A Redis URL on a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def broker_at(closed_port_url: str) -> Iterator[str]:
    """Point Celery's broker at the closed port for the duration of a test."""
    previous = celery_app.conf.broker_url
    celery_app.conf.broker_url = closed_port_url
    yield closed_port_url
    celery_app.conf.broker_url = previous


@pytest.mark.django_db
def test_health_is_ok_with_sqlite_and_no_redis(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = ""
    response = client.get(reverse("health"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"] == {
        "status": "non configuré",
        "detail": "non configuré — documents générés dans le processus web",
    }
    assert body["checks"]["worker"]["status"] == "non configuré"
    assert response["Cache-Control"].startswith("max-age=0")


@pytest.mark.django_db
def test_health_is_503_when_redis_does_not_answer(client, settings, broker_at: str) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = broker_at
    response = client.get(reverse("health"))
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "erreur"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "erreur"
    assert body["checks"]["worker"]["status"] == "erreur"


@pytest.mark.django_db
def test_health_needs_no_account(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = ""
    response = client.get(reverse("health"), follow=False)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


def test_liveness_says_only_ok_and_needs_no_account(client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("liveness"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"].startswith("max-age=0")
