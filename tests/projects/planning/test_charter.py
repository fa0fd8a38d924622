"""Step 2 page: the team's composition, the AMOA hint and the team charter form."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from projects.choices import AdministrationMode, AmoaDecision, Profession, Role
from projects.core import services
from projects.models import TeamCharter
from projects.planning import selectors as planning
from tests.typography import plain

EDITORS = [Role.PROJECT_LEAD, Role.AMOA]
READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]


def url(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:charter", args=[project.pk])


def charter_data(**overrides: str) -> dict[str, str]:
    """A complete, valid post of the charter form."""
    data = {
        "administration_mode": AdministrationMode.EXTERNAL,
        "administrator_provider": "Informatique Beaujolaise",
        "amoa_decision": AmoaDecision.YES,
        "amoa_complexity": "Trois sites, aucun logiciel commun.",
        "amoa_size": "14 professionnels, 6 professions.",
        "amoa_availability": "Une demi-journée par mois au plus.",
        "amoa_value": "Méthode et rédaction du cahier des charges.",
        "amoa_cost_estimate": "8500.00",
        "amoa_provider": "GCS e-santé régional",
        "moa_role": "La SISA décide.",
        "amoa_role": "Le GCS conseille.",
        "moe_role": "Le prestataire réalise.",
        "lead_compensation": "",
        "designated_on": "2026-10-05",
        "designation_body": "Assemblée générale",
        "designation_result": "Élus à l'unanimité.",
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("role", EDITORS + READERS)
def test_every_role_reads_the_team_composition(project, add_member, client_for, role) -> None:
    member = add_member(project, role)

    response = client_for(member.user).get(url(project))

    assert response.status_code == 200
    assert "Composition de l'équipe projet" in plain(response.content.decode())
    assert project.created_by.display_name in plain(response.content.decode())


@pytest.mark.parametrize("role", READERS)
def test_readers_see_no_form_and_cannot_post(project, add_member, client_for, role) -> None:
    client = client_for(add_member(project, role).user)

    page = plain(client.get(url(project)).content.decode())
    response = client.post(url(project), charter_data())

    assert 'name="amoa_decision"' not in page
    assert response.status_code == 403
    charter = TeamCharter.objects.get(project=project)
    assert (charter.amoa_decision, charter.administrator_provider) == (AmoaDecision.UNDECIDED, "")


@pytest.mark.parametrize("role", EDITORS)
def test_lead_and_amoa_save_the_charter(project, add_member, client_for, role) -> None:
    client = client_for(add_member(project, role).user)

    response = client.post(url(project), charter_data(), follow=True)

    charter = TeamCharter.objects.get(project=project)
    assert charter.amoa_decision == AmoaDecision.YES
    assert charter.administrator_provider == "Informatique Beaujolaise"
    assert charter.designated_on == date(2026, 10, 5)
    assert str(charter.amoa_cost_estimate) == "8500.00"
    assert "L&#x27;organisation de l&#x27;équipe projet est enregistrée." in (
        plain(response.content.decode()))


def test_roles_are_prefilled_at_project_creation(project, lead, client_for) -> None:
    page = plain(client_for(lead).get(url(project)).content.decode())

    assert "ne prend aucune décision" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"administrator_provider": ""},
         "Indiquez le prestataire local qui administrera le système."),
        ({"amoa_cost_estimate": "-10"}, "Le coût estimé ne peut pas être négatif."),
        ({"designated_on": "05/13/2026"}, "Saisissez une date valide."),
        ({"amoa_decision": "maybe"}, "Sélectionnez un choix valide."),
        ({"administration_mode": ""}, "Ce champ est obligatoire."),
    ],
)
def test_bad_input_is_refused_with_nothing_saved(project, lead, client_for, overrides,
                                                 message) -> None:
    response = client_for(lead).post(url(project), charter_data(**overrides))

    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert TeamCharter.objects.get(project=project).amoa_decision == AmoaDecision.UNDECIDED


def test_non_member_gets_404(project, make_user, client_for) -> None:
    response = client_for(make_user()).post(url(project), charter_data())

    assert response.status_code == 404
    assert TeamCharter.objects.get(project=project).amoa_decision == AmoaDecision.UNDECIDED


def test_profession_without_referent_is_flagged(project, lead, add_member, client_for) -> None:
    nurse = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    security = add_member(project, Role.DOMAIN_REFERENT, domain="Indicateurs de pilotage")
    add_member(project, Role.OBSERVER)

    page = plain(client_for(lead).get(url(project)).content.decode())

    assert nurse.user.display_name in page
    assert security.user.display_name in page
    assert "Indicateurs de pilotage" in page
    # Médecins and kinés have no référent yet; the nurses do.
    assert page.count("Aucun référent<") == 2
    assert "2 professions présentes n'ont pas encore de référent métier." in page
    assert "1 observateur" in page


@pytest.mark.parametrize(
    ("headcounts", "hint"),
    [
        ([(Profession.GP, 3), (Profession.NURSE, 4)], "à cette taille, une AMOA ne s"),
        ([(Profession.GP, 5), (Profession.NURSE, 6), (Profession.PHARMACIST, 2)],
         "au-delà d&#x27;une dizaine de professionnels, une AMOA commence à se justifier"),
    ],
)
def test_amoa_hint_follows_the_number_of_professionals(project, lead, client_for, headcounts,
                                                       hint) -> None:
    services.project_update(project=project, name=project.name,
                            legal_structure=project.legal_structure,
                            start_on=project.start_on, site_list=[("Site principal", "")],
                            professions=headcounts)
    total = sum(n for _p, n in headcounts)

    page = plain(client_for(lead).get(url(project)).content.decode())

    assert f"Le projet concerne {total} professionnels" in page
    assert hint in page


@pytest.mark.parametrize(
    ("professionals", "suggested"),
    [(9, False), (10, False), (11, True), (25, True)],
)
def test_amoa_hint_threshold_is_about_ten_professionals(professionals, suggested) -> None:
    hint = planning.amoa_hint(professionals)

    assert ("une AMOA commence à se justifier" in hint) is suggested
