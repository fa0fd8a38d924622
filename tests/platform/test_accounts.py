"""Accounts are deactivated, never deleted: the admin offers no deletion."""

from __future__ import annotations

import pytest
from django.urls import reverse

from msp_si.accounts.models import User
from msp_si.accounts.services import user_deactivate
from tests.typography import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_for(client):  # type: ignore[no-untyped-def]
    admin = User.objects.create_superuser("admin@instance.test", "motdepasse-admin-42")
    client.force_login(admin)
    return client


def test_the_admin_does_not_delete_an_account(admin_client_for, make_user) -> None:
    user = make_user()
    page = admin_client_for.get(reverse("admin:accounts_user_change", args=[user.pk]))
    delete = admin_client_for.post(reverse("admin:accounts_user_delete", args=[user.pk]),
                                   {"post": "yes"})
    bulk = admin_client_for.post(reverse("admin:accounts_user_changelist"),
                                 {"action": "delete_selected", "_selected_action": [user.pk],
                                  "post": "yes"})
    assert "Supprimer" not in plain(page.content.decode())
    assert delete.status_code == 403
    assert bulk.status_code in (200, 302)
    assert User.objects.filter(pk=user.pk).exists()


def test_the_admin_deactivates_accounts(admin_client_for, make_user) -> None:
    leaving, staying = make_user(), make_user()
    response = admin_client_for.post(reverse("admin:accounts_user_changelist"), {
        "action": "deactivate", "_selected_action": [leaving.pk]}, follow=True)
    leaving.refresh_from_db()
    staying.refresh_from_db()
    assert "1 compte désactivé" in plain(response.content.decode())
    assert (leaving.is_active, staying.is_active) == (False, True)


def test_a_deactivated_account_can_no_longer_sign_in(client, make_user) -> None:
    from tests.conftest import PASSWORD

    user = make_user()
    assert user_deactivate(user=user) is True
    assert user_deactivate(user=user) is False  # already done: nothing changes
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 200  # the form again, not the redirect of a success
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=user.pk, is_active=False).exists()
