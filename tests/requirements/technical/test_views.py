"""Technical preferences (step 6 §2): read by all, decided by chef de projet and AMOA."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from projects.choices import Role
from requirements.models import Hosting, TechnicalPreference
from tests.typography import plain

pytestmark = pytest.mark.django_db

READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
EDITORS = [Role.PROJECT_LEAD, Role.AMOA]
CHOICE = {"hosting": "certified_host", "hosting_justification": "Deux sites, fibre",
          "purchase_model": "subscription", "purchase_justification": "Budget lissé",
          "other_requirements": "Accès depuis les tablettes des infirmières"}


def _page(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:technical", args=[project.pk])


@pytest.mark.parametrize("role", READERS)
def test_readers_see_the_comparison_but_cannot_post(project, add_member, client_for,
                                                    role: str) -> None:
    client = client_for(add_member(project, role).user)
    page = client.get(_page(project))
    content = html.unescape(plain(page.content.decode()))
    assert page.status_code == 200
    assert "Dépend de la qualité et de la stabilité de la connexion internet" in content
    assert "Lecture seule" in content
    assert "Enregistrer les préférences techniques" not in content
    assert client.post(_page(project), CHOICE).status_code == 403
    assert not TechnicalPreference.objects.exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_record_the_choice(project, add_member, client_for, role: str) -> None:
    response = client_for(add_member(project, role).user).post(_page(project), CHOICE)
    assert response.status_code == 302
    preference = TechnicalPreference.objects.get(project=project)
    assert (preference.hosting, preference.purchase_model) == (Hosting.CERTIFIED_HOST,
                                                               "subscription")


@pytest.mark.parametrize(("overrides", "message"), [
    ({"hosting_justification": "  "}, "Justifiez le choix d'hébergement retenu."),
    ({"hosting": "in_the_cloud"}, "Choix inconnu."),
])
def test_bad_choices_are_refused(project, lead, client_for, overrides, message: str) -> None:
    response = client_for(lead).post(_page(project), {**CHOICE, **overrides})
    assert response.status_code == 200
    assert message in html.unescape(plain(response.content.decode()))
    assert not TechnicalPreference.objects.exists()
