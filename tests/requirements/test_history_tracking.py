"""Changes of steps 4, 6 and 7 appear in the chef de projet's history of the project."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from projects.choices import Profession, Role
from requirements.existing.services import territory_partner_add
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _post_nurses(client, project, count: str) -> None:  # type: ignore[no-untyped-def]
    client.post(reverse("requirements:existing-profession-save",
                        args=[project.pk, Profession.NURSE]),
                {"nurse-count_today": count, "nurse-count_in_five_years": "4"})


def test_a_referents_change_is_in_the_history_with_old_and_new_values(
    project, lead, add_member, client_for
) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE).user
    client = client_for(referent)
    _post_nurses(client, project, "3")
    _post_nurses(client, project, "4")
    page = html.unescape(plain(client_for(lead).get(
        reverse("projects:history", args=[project.pk]) + "?type=existant_profession"
    ).content.decode()))
    assert "Existant d'une profession" in page
    assert "Infirmier·ère" in page
    assert "3 → 4" in page
    assert referent.display_name in page


def test_partners_and_technical_preferences_are_tracked(project, lead, client_for) -> None:
    territory_partner_add(project=project, kind="ehpad", name="EHPAD du parc", exchanges="")
    client = client_for(lead)
    client.post(reverse("requirements:technical", args=[project.pk]), {
        "hosting": "on_premises", "hosting_justification": "Réseau instable",
        "purchase_model": "licence", "purchase_justification": "", "other_requirements": ""})
    page = plain(html.unescape(client.get(reverse("projects:history", args=[project.pk]))
                               .content.decode()))
    assert "EHPAD du parc" in page
    assert "Préférences techniques" in page
