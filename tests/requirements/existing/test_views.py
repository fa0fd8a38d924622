"""Step 4 page: who reads, who fills which part, bad input refused with nothing changed."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse

from projects.choices import Profession, Role
from requirements.models import ExistingState, ProfessionProfile, SiteStaffing, TerritoryPartner
from tests.typography import plain

pytestmark = pytest.mark.django_db

READERS = [Role.MEMBER, Role.OBSERVER, Role.DOMAIN_REFERENT]
EDITORS = [Role.PROJECT_LEAD, Role.AMOA]


def _text(response) -> str:  # type: ignore[no-untyped-def]
    """The page as a reader sees it (entities such as &#x27; decoded)."""
    return html.unescape(plain(response.content.decode()))


def _page(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:existing", args=[project.pk])


def _section(project, section: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:existing-save", args=[project.pk, section])


def _profession(project, code: str) -> str:  # type: ignore[no-untyped-def]
    return reverse("requirements:existing-profession-save", args=[project.pk, code])


def _profession_post(project, code: str, **overrides: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    data = {f"{code}-count_today": "4", f"{code}-count_in_five_years": "5",
            f"{code}-outlook_note": "Une arrivée prévue",
            f"{code}-active_patients_per_professional": "600",
            f"{code}-computerised_count": "3", f"{code}-software": "Logiciel infirmier A",
            f"{code}-software_functions": "Tournées, transmissions"}
    for site in project.sites.all():
        data[f"{code}-site_{site.pk}"] = "2"
    data.update({f"{code}-{k}": v for k, v in overrides.items()})
    return data


def _organisation_post(**overrides: str) -> dict[str, str]:
    data = {"organisation-structure_start_on": "2024-01-15",
            "organisation-secretariat_count": "2", "organisation-workstations_to_equip": "18",
            "organisation-total_active_patients": "5200", "organisation-organisation_note": ""}
    data.update({f"organisation-{k}": v for k, v in overrides.items()})
    return data


@pytest.mark.parametrize("role", [*READERS, Role.PROFESSION_REFERENT, *EDITORS])
def test_every_member_reads_the_page(project, add_member, client_for, role: str) -> None:
    response = client_for(add_member(project, role).user).get(_page(project))
    content = _text(response)
    assert response.status_code == 200
    assert "Étude de l'existant" in content
    assert "Avancement par profession" in content
    assert "Infirmier·ère" in content
    assert "SISA" in content


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_post_anything(project, add_member, client_for, role: str) -> None:
    client = client_for(add_member(project, role).user)
    content = _text(client.get(_page(project)))
    responses = [
        client.post(_section(project, "organisation"), _organisation_post()),
        client.post(_profession(project, Profession.NURSE),
                    _profession_post(project, Profession.NURSE)),
        client.post(reverse("requirements:partner-create", args=[project.pk]),
                    {"partner-kind": "laboratory", "partner-name": "Labo",
                     "partner-exchanges": ""}),
    ]
    assert "Lecture seule" in content
    assert "Enregistrer l'organisation" not in content
    assert [r.status_code for r in responses] == [403, 403, 403]
    assert not ExistingState.objects.filter(project=project).exists()
    assert not ProfessionProfile.objects.filter(project=project).exists()
    assert not TerritoryPartner.objects.filter(project=project).exists()


def test_referent_fills_their_own_profession(project, add_member, client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    client = client_for(referent.user)
    response = client.post(_profession(project, Profession.NURSE),
                           _profession_post(project, Profession.NURSE))
    assert response.status_code == 302
    assert response["Location"].endswith("#profession-nurse")
    profile = ProfessionProfile.objects.get(project=project, profession=Profession.NURSE)
    assert (profile.count_today, profile.count_in_five_years, profile.computerised_count) == (
        4, 5, 3)
    assert profile.updated_by == referent.user
    assert sorted(SiteStaffing.objects.filter(profile=profile).values_list(
        "headcount", flat=True)) == [2, 2]
    content = _text(client.get(_page(project)))
    assert "La partie « Infirmier·ère » est enregistrée." in plain(content)
    assert "Enregistrer la partie « Infirmier·ère »" in plain(content)
    assert "Enregistrer la partie « Médecin généraliste »" not in plain(content)


def test_referent_posting_for_another_profession_gets_403(project, add_member,
                                                          client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    response = client_for(referent.user).post(_profession(project, Profession.GP),
                                              _profession_post(project, Profession.GP))
    assert response.status_code == 403
    assert not ProfessionProfile.objects.filter(project=project).exists()


def test_referent_cannot_save_shared_sections(project, add_member, client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    client = client_for(referent.user)
    response = client.post(_section(project, "organisation"), _organisation_post())
    partner = client.post(reverse("requirements:partner-create", args=[project.pk]),
                          {"partner-kind": "laboratory", "partner-name": "Labo",
                           "partner-exchanges": ""})
    assert (response.status_code, partner.status_code) == (403, 403)
    assert not ExistingState.objects.filter(project=project).exists()
    assert not TerritoryPartner.objects.exists()


@pytest.mark.parametrize("code", ["midwife", "not-a-profession", "gp'--"])
def test_forged_or_absent_profession_is_not_found(project, lead, client_for,
                                                  code: str) -> None:
    response = client_for(lead).post(f"{_page(project)}professions/{code}/",
                                     _profession_post(project, code))
    assert response.status_code == 404
    assert not ProfessionProfile.objects.exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_fill_every_profession_and_section(project, add_member, client_for,
                                                   role: str) -> None:
    client = client_for(add_member(project, role).user)
    gp = client.post(_profession(project, Profession.GP),
                     _profession_post(project, Profession.GP))
    org = client.post(_section(project, "organisation"), _organisation_post())
    assert (gp.status_code, org.status_code) == (302, 302)
    state = ExistingState.objects.get(project=project)
    assert (state.secretariat_count, state.workstations_to_equip) == (2, 18)
    assert ProfessionProfile.objects.get(project=project, profession=Profession.GP).software


@pytest.mark.parametrize(("field", "value", "message"), [
    ("count_today", "-1", "Un nombre ne peut pas être négatif."),
    ("computerised_count", "9", "plus de professionnels informatisés"),
    ("count_in_five_years", "quatre", "Saisissez un nombre entier."),
])
def test_bad_profession_numbers_are_refused(project, lead, client_for, field: str, value: str,
                                            message: str) -> None:
    response = client_for(lead).post(_profession(project, Profession.NURSE),
                                     _profession_post(project, Profession.NURSE,
                                                      **{field: value}))
    content = _text(response)
    assert response.status_code == 200
    assert message in content
    assert "n'a pas été enregistrée" in content
    assert not ProfessionProfile.objects.exists()


def test_site_count_above_the_profession_count_is_refused(project, lead, client_for) -> None:
    site = project.sites.first()
    response = client_for(lead).post(_profession(project, Profession.NURSE), _profession_post(
        project, Profession.NURSE, **{f"site_{site.pk}": "7"}))
    assert response.status_code == 200
    assert "ne peut pas dépasser l'effectif de la profession" in _text(response)
    assert not ProfessionProfile.objects.exists()


def test_another_projects_site_id_is_ignored(project, make_project, lead, client_for) -> None:
    other_site = make_project(name="Autre MSP").sites.first()
    data = _profession_post(project, Profession.NURSE,
                            **{f"site_{other_site.pk}": "3"})
    response = client_for(lead).post(_profession(project, Profession.NURSE), data)
    assert response.status_code == 302
    assert not SiteStaffing.objects.filter(site=other_site).exists()


@pytest.mark.parametrize(("overrides", "message"), [
    ({"secretariat_count": "-2"}, "Un nombre ne peut pas être négatif."),
    ({"secretariat_count": "3", "workstations_to_equip": "2"}, "au moins autant de postes"),
])
def test_bad_organisation_numbers_are_refused(project, lead, client_for, overrides,
                                              message: str) -> None:
    response = client_for(lead).post(_section(project, "organisation"),
                                     _organisation_post(**overrides))
    assert response.status_code == 200
    assert message in _text(response)
    assert not ExistingState.objects.exists()


def _it_post(**overrides: str) -> dict[str, str]:
    data = {"it-coordination_practices": "Réunions hebdomadaires",
            "it-data_entry_quality": "medium",
            "it-data_entry_note": "", "it-workstation_count": "14", "it-workstations_note": "",
            "it-browsers": "Navigateurs récents", "it-server_note": "Aucun serveur",
            "it-network_note": "Wi-Fi et câble", "it-bandwidth_down_mbps": "100",
            "it-bandwidth_up_mbps": "20", "it-is_bandwidth_guaranteed": "on",
            "it-telecom_note": ""}
    data.update({f"it-{k}": v for k, v in overrides.items()})
    return data


def test_it_diagnosis_is_saved(project, lead, client_for) -> None:
    response = client_for(lead).post(_section(project, "it"), _it_post())
    assert response.status_code == 302
    state = ExistingState.objects.get(project=project)
    assert (state.bandwidth_down_mbps, state.bandwidth_up_mbps) == (100, 20)
    assert state.is_bandwidth_guaranteed


@pytest.mark.parametrize(("overrides", "message"), [
    ({"bandwidth_down_mbps": "0"}, "Le débit doit être supérieur à 0 Mbit/s."),
    ({"bandwidth_up_mbps": "-5"}, "Le débit doit être supérieur à 0 Mbit/s."),
    ({"bandwidth_up_mbps": ""}, "Indiquez le débit garanti par le contrat."),
    ({"workstation_count": "-1"}, "Un nombre ne peut pas être négatif."),
])
def test_bad_bandwidth_is_refused(project, lead, client_for, overrides, message: str) -> None:
    response = client_for(lead).post(_section(project, "it"), _it_post(**overrides))
    assert response.status_code == 200
    assert message in _text(response)
    assert not ExistingState.objects.exists()


def test_pathologies_and_territory(project, lead, client_for) -> None:
    client = client_for(lead)
    pathologies = client.post(_section(project, "pathologies"), {
        "pathologies-diabetes_selected": "on", "pathologies-diabetes_note": "Protocole ASALEE",
        "pathologies-other": "Suivi post-AVC"})
    territory = client.post(_section(project, "territory"), {
        "territory-dmp_usage": "occasional", "territory-dmp_note": "",
        "territory-mssante_usage": "routine", "territory-mssante_note": "Biologie"})
    partner = client.post(reverse("requirements:partner-create", args=[project.pk]), {
        "partner-kind": "ssiad", "partner-name": "SSIAD du canton",
        "partner-exchanges": "Plans de soins"})
    assert [r.status_code for r in (pathologies, territory, partner)] == [302, 302, 302]
    assert list(project.protocol_pathologies.values_list("code", "note")) == [
        ("diabetes", "Protocole ASALEE")]
    state = ExistingState.objects.get(project=project)
    assert (state.other_pathologies, state.mssante_usage) == ("Suivi post-AVC", "routine")
    content = _text(client.get(_page(project)))
    assert "SSIAD du canton" in content


def test_unknown_section_is_not_found(project, lead, client_for) -> None:
    assert client_for(lead).post(_section(project, "secret"), {}).status_code == 404


def test_another_projects_partner_is_not_found(project, make_project, lead,
                                               client_for) -> None:
    other = make_project(name="Autre MSP")
    partner = TerritoryPartner.objects.create(project=other, kind="hospital", name="CH voisin")
    response = client_for(lead).post(reverse("requirements:partner-delete",
                                             args=[project.pk, partner.pk]))
    assert response.status_code == 404
    assert TerritoryPartner.objects.filter(pk=partner.pk).exists()


def test_lead_removes_a_partner(project, lead, client_for) -> None:
    partner = TerritoryPartner.objects.create(project=project, kind="hospital", name="CH")
    response = client_for(lead).post(reverse("requirements:partner-delete",
                                             args=[project.pk, partner.pk]))
    assert response.status_code == 302
    assert not TerritoryPartner.objects.filter(pk=partner.pk).exists()


def test_non_member_gets_404(project, make_user, client_for) -> None:
    assert client_for(make_user()).get(_page(project)).status_code == 404


def test_completion_and_totals_shown_to_the_lead(project, lead, add_member, client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    client_for(referent.user).post(_profession(project, Profession.NURSE),
                                   _profession_post(project, Profession.NURSE))
    content = _text(client_for(lead).get(_page(project)))
    assert "Professions dont la partie est complète : 1 sur 3." in plain(content)
    assert "2400 dossiers" in content
    assert "3 (75 %)" in plain(content)


def test_secretaries_part_has_no_patient_field(make_project, client_for) -> None:
    project = make_project()
    project.professions.create(profession=Profession.SECRETARY, headcount=2)
    response = client_for(project.created_by).post(
        _profession(project, Profession.SECRETARY),
        {"secretary-count_today": "2", "secretary-count_in_five_years": "2",
         "secretary-computerised_count": "2", "secretary-software": "Agenda en ligne",
         "secretary-active_patients_per_professional": "900"})
    content = _text(client_for(project.created_by).get(_page(project)))
    assert response.status_code == 302
    profile = ProfessionProfile.objects.get(project=project, profession=Profession.SECRETARY)
    assert profile.active_patients_per_professional is None
    assert "File active moyenne par professionnel — Secrétaire" not in content


def test_site_split_below_the_head_count_is_refused(project, lead, client_for) -> None:
    data = _profession_post(project, Profession.NURSE)
    for site in project.sites.all():
        data[f"nurse-site_{site.pk}"] = "1"
    response = client_for(lead).post(_profession(project, Profession.NURSE), data)
    assert response.status_code == 200
    assert "chacun exerce sur au moins un site" in _text(response)
    assert not ProfessionProfile.objects.exists()


def test_each_part_says_who_updated_it_last(project, add_member, client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    client = client_for(referent.user)
    client.post(_profession(project, Profession.NURSE),
                _profession_post(project, Profession.NURSE))
    content = _text(client.get(_page(project)))
    assert f"par {referent.user.display_name}." in content
    assert "Dernière mise à jour" in content


def test_a_refused_post_does_not_leak_into_the_rest_of_the_page(project, lead,
                                                               client_for) -> None:
    response = client_for(lead).post(_section(project, "organisation"), _organisation_post(
        secretariat_count="3", workstations_to_equip="2", total_active_patients="9999"))
    content = _text(response)
    assert "au moins autant de postes" in content
    assert "Patients pris en charge par la structure (section 1) : non renseigné." in plain(content)


def test_completion_names_the_referent_of_each_profession(project, lead, add_member,
                                                          client_for) -> None:
    referent = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    content = _text(client_for(lead).get(_page(project)))
    nurse_row = next(r for r in content.split("<tr") if "#profession-nurse" in r)
    gp_row = next(r for r in content.split("<tr") if "#profession-gp" in r)
    assert referent.user.display_name in nurse_row
    assert "aucun" in gp_row


def test_posting_into_a_project_one_is_not_in_is_not_found(project, make_project,
                                                           client_for) -> None:
    other = make_project(name="Autre MSP")
    client = client_for(project.created_by)
    responses = [
        client.post(_profession(other, Profession.NURSE), _profession_post(other, "nurse")),
        client.post(_section(other, "organisation"), _organisation_post()),
        client.post(reverse("requirements:services-save", args=[other.pk, "maintenance"]), {}),
        client.post(reverse("requirements:technical", args=[other.pk]), {}),
    ]
    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    assert not ProfessionProfile.objects.exists()
    assert not ExistingState.objects.exists()
