"""Step 7 page: defaults shown until saved, sections saved by chef and AMOA, SLA ranges."""

from __future__ import annotations

import html
from decimal import Decimal

import pytest
from django.urls import reverse

from projects.choices import Role
from requirements.models import MigrationItem, ServiceExpectations
from tests.typography import plain

pytestmark = pytest.mark.django_db

READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
EDITORS = [Role.PROJECT_LEAD, Role.AMOA]


def _text(response) -> str:  # type: ignore[no-untyped-def]
    return html.unescape(plain(response.content.decode()))


def _page(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:services", args=[project.pk])


def _save(project, section: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:services-save", args=[project.pk, section])


def _maintenance_post(**overrides: str) -> dict[str, str]:
    data = {"maintenance": "Support par téléphone", "availability_percent": "99.8",
            "blocking_response_hours": "2", "minor_response_hours": "24",
            "warranty_months": "12", "support_start_hour": "8", "support_end_hour": "19",
            "support_days": "weekdays"}
    data.update(overrides)
    return {f"maintenance-{k}": v for k, v in data.items()}


@pytest.mark.parametrize("role", READERS + EDITORS)
def test_every_member_reads_the_defaults(project, add_member, client_for, role: str) -> None:
    response = client_for(add_member(project, role).user).get(_page(project))
    content = _text(response)
    assert response.status_code == 200
    assert "Prestations attendues" in content
    assert "valeurs par défaut" in content
    assert "chef de projet unique" in content  # default wording of the steering family
    assert 'value="99.50"' in content
    assert "Réversibilité" in content


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_save(project, add_member, client_for, role: str) -> None:
    client = client_for(add_member(project, role).user)
    content = _text(client.get(_page(project)))
    responses = [
        client.post(_save(project, "maintenance"), _maintenance_post()),
        client.post(reverse("requirements:migration-item-create", args=[project.pk]),
                    {"item-data": "Agendas", "item-source_software": "Agenda A",
                     "item-data_format": "CSV"}),
    ]
    assert "Lecture seule" in content
    assert "Enregistrer « Réversibilité »" not in plain(content)
    assert [r.status_code for r in responses] == [403, 403]
    assert not ServiceExpectations.objects.exists()
    assert not MigrationItem.objects.exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_save_the_service_levels(project, add_member, client_for, role: str) -> None:
    client = client_for(add_member(project, role).user)
    response = client.post(_save(project, "maintenance"), _maintenance_post())
    assert response.status_code == 302
    assert response["Location"].endswith("#maintenance")
    row = ServiceExpectations.objects.get(project=project)
    assert (row.availability_percent, row.blocking_response_hours,
            row.minor_response_hours) == (Decimal("99.8"), 2, 24)
    # The sections not posted keep the method's defaults.
    assert "chef de projet unique" in row.steering
    content = _text(client.get(_page(project)))
    assert "valeurs par défaut" not in content
    assert "La section « Maintenance, support et niveaux de service » est enregistrée." \
        in content


@pytest.mark.parametrize(("overrides", "message"), [
    ({"availability_percent": "101"}, "entre 90 % et 100 %"),
    ({"availability_percent": "80"}, "entre 90 % et 100 %"),
    ({"blocking_response_hours": "0"}, "entre 1 et 72 heures"),
    ({"blocking_response_hours": "-4"}, "Un nombre ne peut pas être négatif."),
    ({"minor_response_hours": "1", "blocking_response_hours": "4"},
     "plus vite qu'une anomalie bloquante"),
    ({"warranty_months": "120"}, "entre 0 et 60 mois"),
    ({"support_start_hour": "19", "support_end_hour": "8"}, "fermer après son heure"),
    ({"support_days": "sundays"}, "Choix inconnu."),
])
def test_bad_service_levels_are_refused(project, lead, client_for, overrides,
                                        message: str) -> None:
    response = client_for(lead).post(_save(project, "maintenance"),
                                     _maintenance_post(**overrides))
    assert response.status_code == 200
    assert message in _text(response)
    assert "n'a pas été enregistrée" in _text(response)
    assert not ServiceExpectations.objects.exists()


def test_complementary_commitments(project, lead, client_for) -> None:
    client = client_for(lead)
    refused = client.post(_save(project, "complementary"), {
        "complementary-complementary_services": "Formation des nouveaux arrivants",
        "complementary-commitment_years": "0",
        "complementary-complementary_pricing": "quote"})
    saved = client.post(_save(project, "complementary"), {
        "complementary-complementary_services": "Formation des nouveaux arrivants",
        "complementary-commitment_years": "7",
        "complementary-complementary_pricing": "quote"})
    assert "entre 1 et 15 ans" in _text(refused)
    assert saved.status_code == 302
    row = ServiceExpectations.objects.get(project=project)
    assert (row.commitment_years, row.complementary_pricing) == (7, "quote")
    assert row.complementary_services == "Formation des nouveaux arrivants"


def test_unknown_section_is_not_found(project, lead, client_for) -> None:
    assert client_for(lead).post(_save(project, "admin"), {}).status_code == 404


def test_migration_items_added_listed_and_removed(project, lead, client_for) -> None:
    client = client_for(lead)
    url = reverse("requirements:migration-item-create", args=[project.pk])
    empty = client.post(url, {"item-data": "", "item-source_software": "",
                              "item-data_format": ""})
    added = client.post(url, {"item-data": "Dossiers patients des médecins",
                              "item-source_software": "Logiciel médical B",
                              "item-data_format": "Export XML"})
    assert empty.status_code == 200
    assert added.status_code == 302
    item = MigrationItem.objects.get(project=project)
    assert "Logiciel médical B" in _text(client.get(_page(project)))
    removed = client.post(reverse("requirements:migration-item-delete",
                                  args=[project.pk, item.pk]))
    assert removed.status_code == 302
    assert not MigrationItem.objects.exists()


def test_another_projects_migration_item_is_not_found(project, make_project, lead,
                                                      client_for) -> None:
    other = make_project(name="Autre MSP")
    item = MigrationItem.objects.create(project=other, data="Agendas", source_software="X",
                                        data_format="CSV")
    response = client_for(lead).post(reverse("requirements:migration-item-delete",
                                             args=[project.pk, item.pk]))
    assert response.status_code == 404
    assert MigrationItem.objects.filter(pk=item.pk).exists()
