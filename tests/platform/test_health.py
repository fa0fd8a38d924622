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


TOKEN = "jeton-de-sante-de-test"
WITH_TOKEN = {"HTTP_AUTHORIZATION": f"Bearer {TOKEN}"}


@pytest.fixture(autouse=True)
def health_token(settings) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_TOKEN = TOKEN


@pytest.mark.django_db
def test_health_is_ok_with_sqlite_and_no_redis(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = ""
    response = client.get(reverse("health"), **WITH_TOKEN)
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
    response = client.get(reverse("health"), **WITH_TOKEN)
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "erreur"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["redis"]["status"] == "erreur"
    assert body["checks"]["worker"]["status"] == "erreur"


@pytest.mark.django_db
def test_health_needs_the_token_but_no_account(client, settings) -> None:  # type: ignore[no-untyped-def]
    settings.REDIS_URL = ""
    response = client.get(reverse("health"), follow=False, **WITH_TOKEN)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("header", [None, "Bearer mauvais-jeton", f"Basic {TOKEN}",
                                    "Bearer ", TOKEN])
def test_health_detail_is_refused_without_the_right_token(client, db, header) -> None:  # type: ignore[no-untyped-def]
    extra = {"HTTP_AUTHORIZATION": header} if header is not None else {}
    response = client.get(reverse("health"), **extra)
    assert response.status_code == 403
    assert response.json() == {
        "status": "refusé",
        "detail": "jeton requis : en-tête « Authorization: Bearer <HEALTH_TOKEN> »"}
    assert "database" not in response.content.decode()


@pytest.mark.parametrize(("debug", "status"), [(False, 403), (True, 200)])
def test_without_a_configured_token_only_development_shows_the_detail(
        client, db, settings, debug, status) -> None:  # type: ignore[no-untyped-def]
    settings.HEALTH_TOKEN = ""
    settings.REDIS_URL = ""
    settings.DEBUG = debug
    assert client.get(reverse("health"), HTTP_AUTHORIZATION="Bearer ").status_code == status


def test_liveness_says_only_ok_and_needs_no_account(client, db) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("liveness"))
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Cache-Control"].startswith("max-age=0")


def test_liveness_says_ko_when_the_database_does_not_answer(client, db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from django.db import DatabaseError

    from msp_si.common import views

    class Broken:
        def cursor(self) -> None:
            raise DatabaseError("base injoignable")

    monkeypatch.setattr(views, "connection", Broken())
    response = client.get(reverse("liveness"))
    assert (response.status_code, response.content) == (503, b"ko")
