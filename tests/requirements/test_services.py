"""Services and selectors of steps 4, 6 and 7, called directly."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from msp_si.common.errors import DomainError
from projects.choices import Profession
from requirements.existing.selectors import existing_overview, existing_summary
from requirements.existing.services import (
    existing_set_it,
    existing_set_organisation,
    existing_set_pathologies,
    profession_profile_save,
    territory_partner_add,
)
from requirements.expected.selectors import services_summary
from requirements.expected.services import migration_item_add, service_expectations_save
from requirements.models import (
    ExistingState,
    Hosting,
    ProfessionProfile,
    ProtocolPathology,
    ServiceExpectations,
    SiteStaffing,
)
from requirements.technical.selectors import technical_summary
from requirements.technical.services import technical_preference_save

pytestmark = pytest.mark.django_db

NURSE_VALUES = {"count_today": 4, "count_in_five_years": 5, "outlook_note": "",
                "active_patients_per_professional": 500, "computerised_count": 4,
                "software": "Logiciel infirmier A", "software_functions": "Tournées"}


def _sites(project) -> list[int]:  # type: ignore[no-untyped-def]
    return list(project.sites.order_by("id").values_list("pk", flat=True))


def test_profile_save_creates_then_updates_with_history(project, lead) -> None:
    first, second = _sites(project)
    profession_profile_save(project=project, profession=Profession.NURSE,
                            values=NURSE_VALUES, site_counts={first: 3, second: 1}, by=lead)
    profile = profession_profile_save(
        project=project, profession=Profession.NURSE,
        values={**NURSE_VALUES, "count_today": 5}, site_counts={first: 3, second: None},
        by=lead)
    assert profile.count_today == 5
    assert list(SiteStaffing.objects.filter(profile=profile).values_list(
        "site_id", "headcount")) == [(first, 3)]
    assert profile.history.count() == 2
    assert ProfessionProfile.objects.count() == 1


@pytest.mark.parametrize(("profession", "values", "message"), [
    (Profession.MIDWIFE, NURSE_VALUES, "n'est pas présente"),
    (Profession.NURSE, {**NURSE_VALUES, "computerised_count": 9}, "informatisés"),
    (Profession.NURSE, {**NURSE_VALUES, "count_today": -2}, "négatif"),
    (Profession.NURSE, {**NURSE_VALUES, "password": "x"}, "Champ inconnu"),
])
def test_profile_save_refuses_bad_input(project, lead, profession: str, values: dict,
                                        message: str) -> None:
    with pytest.raises(DomainError, match=message):
        profession_profile_save(project=project, profession=profession, values=values,
                                site_counts={}, by=lead)
    assert not ProfessionProfile.objects.exists()


def test_profile_save_refuses_another_projects_site(project, make_project, lead) -> None:
    other_site = make_project(name="Autre MSP").sites.first()
    with pytest.raises(DomainError, match="Site inconnu"):
        profession_profile_save(project=project, profession=Profession.NURSE,
                                values=NURSE_VALUES, site_counts={other_site.pk: 1}, by=lead)
    assert not ProfessionProfile.objects.exists()


def test_organisation_and_it_are_checked_again_by_the_services(project) -> None:
    with pytest.raises(DomainError, match="au moins autant de postes"):
        existing_set_organisation(project=project, values={"secretariat_count": 2,
                                                           "workstations_to_equip": 1})
    with pytest.raises(DomainError, match="supérieur à 0"):
        existing_set_it(project=project, values={"bandwidth_down_mbps": Decimal(0)})
    assert not ExistingState.objects.exists()


def test_pathologies_are_added_updated_and_removed(project) -> None:
    existing_set_pathologies(project=project, other="", selections={
        "diabetes": (True, "Protocole infirmier"), "copd": (True, "")})
    existing_set_pathologies(project=project, other="Suivi post-AVC", selections={
        "diabetes": (True, "Protocole infirmier et diététique"), "copd": (False, "")})
    assert list(ProtocolPathology.objects.values_list("code", "note")) == [
        ("diabetes", "Protocole infirmier et diététique")]
    with pytest.raises(DomainError, match="Pathologie inconnue"):
        existing_set_pathologies(project=project, other="", selections={"flu": (True, "")})


def test_partner_needs_a_known_kind_and_a_name(project) -> None:
    with pytest.raises(DomainError, match="Type de partenaire inconnu"):
        territory_partner_add(project=project, kind="bank", name="X", exchanges="")
    with pytest.raises(DomainError, match="nom du partenaire"):
        territory_partner_add(project=project, kind="ehpad", name="  ", exchanges="")


def test_overview_and_summary(project, lead, django_assert_max_num_queries) -> None:
    first, second = _sites(project)
    profession_profile_save(project=project, profession=Profession.NURSE,
                            values=NURSE_VALUES, site_counts={first: 3, second: 1}, by=lead)
    existing_set_pathologies(project=project, other="", selections={"diabetes": (True, "")})
    territory_partner_add(project=project, kind="laboratory", name="Laboratoire du centre",
                          exchanges="Résultats par messagerie sécurisée")
    with django_assert_max_num_queries(8):
        overview = existing_overview(project=project)
    nurse = next(p for p in overview.professions if p.profession == Profession.NURSE)
    assert nurse.completion.is_complete
    assert overview.complete_count == 1
    assert overview.totals.estimated_patient_files == 2000
    assert overview.sites[0].staffing == [("Infirmier·ère", 3)]
    summary = existing_summary(project=project)
    assert summary.legal_structure.startswith("SISA")
    assert summary.pathologies == [("Diabète", "")]
    assert summary.partners == [{"kind": "Laboratoire de biologie",
                                 "name": "Laboratoire du centre",
                                 "exchanges": "Résultats par messagerie sécurisée"}]
    assert [p["label"] for p in summary.professions] == [
        "Médecin généraliste", "Infirmier·ère", "Masseur-kinésithérapeute"]


def test_page_query_count_does_not_grow_with_professions(project, lead, client_for,
                                                        django_assert_max_num_queries) -> None:
    for profession in (Profession.GP, Profession.NURSE, Profession.PHYSIOTHERAPIST):
        profession_profile_save(project=project, profession=profession, values=NURSE_VALUES,
                                site_counts=dict.fromkeys(_sites(project), 2), by=lead)
    client = client_for(lead)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("requirements:existing", args=[project.pk]))
    assert response.status_code == 200


def test_services_first_save_starts_from_the_defaults(project) -> None:
    assert services_summary(project=project).is_default
    service_expectations_save(project=project, values={"warranty_months": 24})
    row = ServiceExpectations.objects.get(project=project)
    assert row.warranty_months == 24
    assert "chef de projet unique" in row.steering
    summary = services_summary(project=project)
    assert not summary.is_default
    assert summary.support_days == "Du lundi au vendredi"
    assert summary.families[0] == ("Pilotage du projet", row.steering)
    assert [title for title, _text in summary.families][-1] == "Prestations complémentaires"


@pytest.mark.parametrize(("values", "message"), [
    ({"minor_response_hours": 2}, "plus vite qu'une anomalie bloquante"),
    ({"availability_percent": Decimal(50)}, "entre 90 % et 100 %"),
    ({"support_days": "never"}, "Jours d'ouverture inconnus"),
    ({"complementary_pricing": "free"}, "Mode de tarification inconnu"),
    ({"project_id": 3}, "Champ inconnu"),
])
def test_services_save_refuses_bad_values(project, values: dict, message: str) -> None:
    with pytest.raises(DomainError, match=message):
        service_expectations_save(project=project, values=values)
    assert not ServiceExpectations.objects.exists()


def test_migration_items_in_the_summary(project) -> None:
    migration_item_add(project=project, data="Agendas", source_software="Agenda en ligne A",
                       data_format="iCalendar")
    with pytest.raises(DomainError, match="logiciel source"):
        migration_item_add(project=project, data="Dossiers", source_software="",
                           data_format="CSV")
    assert services_summary(project=project).migration_items == [
        {"data": "Agendas", "source_software": "Agenda en ligne A", "format": "iCalendar"}]


def test_technical_preference(project) -> None:
    assert technical_summary(project=project).hosting == Hosting.UNDECIDED
    technical_preference_save(project=project, hosting=Hosting.CERTIFIED_HOST,
                              hosting_justification="Deux sites", purchase_model="licence",
                              purchase_justification="", other_requirements="")
    summary = technical_summary(project=project)
    assert summary.hosting_label.startswith("Hébergement externalisé")
    assert summary.purchase_model == "licence"
    with pytest.raises(DomainError, match="Justifiez"):
        technical_preference_save(project=project, hosting=Hosting.ON_PREMISES,
                                  hosting_justification="", purchase_model="licence",
                                  purchase_justification="", other_requirements="")
