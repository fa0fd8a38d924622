"""Platform settings seen from the outside: CSP, login throttling, locale, static assets."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

from msp_si.accounts.models import User
from tests.conftest import PASSWORD
from tests.typography import plain

MSP_ADDRESS = "203.0.113.7"  # one public address shared by a whole MSP
OTHER_ADDRESS = "198.51.100.20"


def test_csp_header_allows_only_the_site_itself(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get(reverse("login"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    # No external host, scheme or wildcard may appear in any directive.
    assert not re.search(r"https?:|\*|//", policy)


def _sign_in(client, email: str, password: str, address: str):  # type: ignore[no-untyped-def]
    """Post the login form from ``address``."""
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


@pytest.mark.django_db
def test_login_throttling_locks_account_and_address_only(
    client, make_user: Callable[..., User]
) -> None:  # type: ignore[no-untyped-def]
    target = make_user("cible@exemple.test")
    colleague = make_user("collegue@exemple.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, target.email, "mauvais-mot-de-passe", MSP_ADDRESS)

    locked = _sign_in(client, target.email, PASSWORD, MSP_ADDRESS)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session

    # A colleague behind the same MSP address still signs in.
    colleague_response = _sign_in(client, colleague.email, PASSWORD, MSP_ADDRESS)
    assert colleague_response.status_code == 302
    assert client.session["_auth_user_id"] == str(colleague.pk)


@pytest.mark.django_db
def test_locked_account_can_sign_in_from_another_address(
    client, make_user: Callable[..., User]
) -> None:  # type: ignore[no-untyped-def]
    target = make_user("cible@exemple.test")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, target.email, "mauvais-mot-de-passe", MSP_ADDRESS)
    response = _sign_in(client, target.email, PASSWORD, OTHER_ADDRESS)
    assert response.status_code == 302


def test_lockout_has_a_finite_cool_off() -> None:
    assert 0 < settings.AXES_COOLOFF_TIME <= 1
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_interface_is_french_in_paris_time(client) -> None:  # type: ignore[no-untyped-def]
    assert settings.LANGUAGE_CODE == "fr"
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.USE_TZ
    response = client.get(reverse("login"))
    assert '<html lang="fr">' in plain(response.content.decode())
    assert response["Content-Language"] == "fr"


@pytest.mark.parametrize(
    "path", ["vendor/htmx/htmx.min.js", "vendor/pico/pico.min.css", "css/app.css"]
)
def test_static_assets_from_npm_are_found(path: str) -> None:
    assert finders.find(path) is not None, f"{path}: lancez « npm ci »"
