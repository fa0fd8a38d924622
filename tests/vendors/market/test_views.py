"""Step 5 pages: who reads, who writes, objects scoped by project, bad input refused."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.choices import Role
from tests.typography import plain
from vendors.choices import AssessmentDecision
from vendors.models import Vendor, VendorAssessment

from ..conftest import vendor_values

pytestmark = pytest.mark.django_db

D = AssessmentDecision
READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
EDITORS = [Role.PROJECT_LEAD, Role.AMOA]


def _study(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("vendors:market-study", args=[project.pk])


def _detail(project, assessment) -> str:  # type: ignore[no-untyped-def]
    return reverse("vendors:assessment-detail", args=[project.pk, assessment.pk])


def _assessment_post(**overrides: object) -> dict[str, object]:
    data: dict[str, object] = {
        "demo_on": "2026-10-05", "demo_notes": "Démonstration sur site",
        "visit_on": "", "visit_structure": "", "visit_notes": "",
        "covered_modules": ["synthesis", "shared_agenda"], "missing_modules": ["billing"],
        "strengths": "Agenda très complet", "weaknesses": "", "decision": D.KEPT,
        "decision_reason": "",
    }
    data.update(overrides)
    return data


def _state(assessment) -> tuple:  # type: ignore[no-untyped-def]
    assessment.refresh_from_db()
    return (assessment.decision, assessment.strengths, assessment.covered_modules,
            assessment.decision_reason)


@pytest.mark.parametrize("role", READERS + EDITORS)
def test_every_member_reads_the_market_study(project, add_member, client_for,
                                             make_assessment, role: str) -> None:
    make_assessment(project, vendor=None, covered_modules=["synthesis"], decision=D.KEPT)
    client = client_for(add_member(project, role).user)
    content = plain(client.get(_study(project)).content.decode())
    assert "Étude de marché" in content
    assert "Éditeurs évalués" in content
    assert "Couverture des modules fonctionnels" in content
    assert "Fiche de synthèse partagée du dossier patient" in content
    assert "Couvert" in content
    assert "Retenez 3 à 5 éditeurs" in content


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_change_an_assessment(project, add_member, client_for,
                                             make_assessment, role: str) -> None:
    assessment = make_assessment(project, strengths="Avant")
    client = client_for(add_member(project, role).user)
    page = plain(client.get(_detail(project, assessment)).content.decode())
    before = _state(assessment)
    response = client.post(_detail(project, assessment), _assessment_post())
    assert "Enregistrer l'évaluation" not in page
    assert "Avant" in page
    assert response.status_code == 403
    assert _state(assessment) == before


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_touch_the_catalogue(project, add_member, client_for, make_vendor,
                                            role: str) -> None:
    vendor = make_vendor()
    client = client_for(add_member(project, role).user)
    study = plain(client.get(_study(project)).content.decode())
    assert "Ajouter un éditeur au catalogue" not in study
    assert vendor.name not in study  # not assessed by this project: not shown to readers
    create = client.post(reverse("vendors:vendor-create", args=[project.pk]),
                         vendor_values(name="Intrus", product="Logiciel"))
    update = client.post(reverse("vendors:vendor-update", args=[project.pk, vendor.pk]),
                         vendor_values(name="Renommé", product="Produit"))
    delete = client.post(reverse("vendors:vendor-delete", args=[project.pk, vendor.pk]))
    add = client.post(reverse("vendors:assessment-add", args=[project.pk]),
                      {"vendor": vendor.pk})
    assert [r.status_code for r in (create, update, delete, add)] == [403] * 4
    assert list(Vendor.objects.values_list("name", flat=True)) == [vendor.name]
    assert not VendorAssessment.objects.exists()


@pytest.mark.parametrize("role", EDITORS)
def test_editors_assess_a_vendor(project, add_member, client_for, make_assessment,
                                 role: str) -> None:
    assessment = make_assessment(project)
    client = client_for(add_member(project, role).user)
    response = client.post(_detail(project, assessment), _assessment_post())
    assert response.status_code == 302
    assert _state(assessment) == (D.KEPT, "Agenda très complet",
                                  ["shared_agenda", "synthesis"], "")
    assert assessment.missing_modules == ["billing"]
    assert str(assessment.demo_on) == "2026-10-05"
    page = plain(client.get(response.url).content.decode())
    assert "est enregistrée" in page
    assert "Enregistrer l'évaluation" in page  # the button readers must not get


def test_amoa_eliminates_only_with_a_reason(project, add_member, client_for,
                                            make_assessment) -> None:
    assessment = make_assessment(project)
    client = client_for(add_member(project, Role.AMOA).user)
    refused = client.post(_detail(project, assessment), _assessment_post(decision=D.ELIMINATED))
    assert refused.status_code == 200
    assert "Indiquez le motif pour lequel cet éditeur est écarté." in plain(
        refused.content.decode())
    assert _state(assessment)[0] == D.UNDER_STUDY
    client.post(_detail(project, assessment), _assessment_post(
        decision=D.ELIMINATED, decision_reason="Pas compatible DMP"))
    assert _state(assessment)[0::3] == (D.ELIMINATED, "Pas compatible DMP")
    study = plain(client.get(_study(project)).content.decode())
    assert "Pas compatible DMP" in study


@pytest.mark.parametrize(("overrides", "message"), [
    ({"covered_modules": ["synthesis", "crypto_mining"]},
     "Module fonctionnel inconnu : « crypto_mining »."),
    ({"missing_modules": ["<script>"]}, "Module fonctionnel inconnu"),
    ({"covered_modules": ["billing"], "missing_modules": ["billing"]},
     "ne peut pas être à la fois couvert et non couvert"),
    ({"decision": "chosen_by_amoa"}, "Décision inconnue"),
])
def test_forged_values_are_refused_in_french(project, lead, client_for, make_assessment,
                                             overrides: dict, message: str) -> None:
    assessment = make_assessment(project, strengths="Avant")
    before = _state(assessment)
    response = client_for(lead).post(_detail(project, assessment), _assessment_post(**overrides))
    content = plain(response.content.decode())
    assert response.status_code == 200
    assert message in content
    assert "pas été enregistrée : corrigez les erreurs" in plain(content)
    assert _state(assessment) == before


def test_another_projects_assessment_is_not_found(project, make_project, lead, client_for,
                                                  make_assessment) -> None:
    other = make_assessment(make_project(name="MSP voisine"), strengths="Secret")
    client = client_for(lead)
    url = reverse("vendors:assessment-detail", args=[project.pk, other.pk])
    remove = reverse("vendors:assessment-remove", args=[project.pk, other.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, _assessment_post()).status_code == 404
    assert client.post(remove).status_code == 404
    assert _state(other)[1] == "Secret"


def test_non_members_do_not_see_the_study(project, make_user, client_for) -> None:
    assert client_for(make_user()).get(_study(project)).status_code == 404


@pytest.mark.parametrize("role", EDITORS)
def test_editors_add_a_vendor_to_catalogue_and_study(project, add_member, client_for,
                                                     role: str) -> None:
    client = client_for(add_member(project, role).user)
    url = reverse("vendors:vendor-create", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, vendor_values(name="Atelier Pluriel", product="Pluriel"))
    vendor = Vendor.objects.get()
    assessment = VendorAssessment.objects.get(project=project, vendor=vendor)
    assert response.url == _detail(project, assessment)
    assert vendor.name == "Atelier Pluriel"


def test_a_duplicate_links_to_the_existing_assessment(project, lead, client_for,
                                                      make_assessment, make_vendor) -> None:
    assessment = make_assessment(project, vendor=make_vendor(name="Horizon Vert",
                                                             product="HorizonDoc"))
    response = client_for(lead).post(reverse("vendors:vendor-create", args=[project.pk]),
                                     vendor_values(name="HORIZON VERT SAS",
                                                   product="horizondoc"))
    content = plain(response.content.decode())
    assert response.status_code == 200
    assert "figure déjà dans le catalogue" in content
    assert f'href="{_detail(project, assessment)}"' in content
    assert Vendor.objects.count() == 1


def test_a_duplicate_not_yet_assessed_links_to_the_catalogue_entry(project, lead, client_for,
                                                                   make_vendor) -> None:
    vendor = make_vendor(name="Kerandel", product="Parcours")
    client = client_for(lead)
    response = client.post(reverse("vendors:vendor-create", args=[project.pk]),
                           vendor_values(name="Kérandel", product="Parcours"))
    entry = reverse("vendors:vendor-update", args=[project.pk, vendor.pk])
    assert f'href="{entry}"' in plain(response.content.decode())
    # From the entry, the chef de projet puts it in the study instead of a duplicate.
    added = client.post(reverse("vendors:assessment-add", args=[project.pk]),
                        {"vendor": vendor.pk})
    assessment = VendorAssessment.objects.get(project=project, vendor=vendor)
    assert added.url == _detail(project, assessment)


def test_adding_an_unknown_catalogue_entry_is_refused(project, lead, client_for) -> None:
    client = client_for(lead)
    response = client.post(reverse("vendors:assessment-add", args=[project.pk]),
                           {"vendor": "99999"}, follow=True)
    assert "Éditeur introuvable dans le catalogue." in plain(response.content.decode())
    assert not VendorAssessment.objects.exists()


def test_amoa_corrects_a_catalogue_entry(project, add_member, client_for,
                                         make_assessment) -> None:
    assessment = make_assessment(project)
    client = client_for(add_member(project, Role.AMOA).user)
    url = reverse("vendors:vendor-update", args=[project.pk, assessment.vendor_id])
    response = client.post(url, vendor_values(name="Nom corrigé", product="Produit corrigé",
                                              label_level="advanced"))
    assessment.vendor.refresh_from_db()
    assert response.url == _detail(project, assessment)
    assert (assessment.vendor.name, assessment.vendor.label_level) == ("Nom corrigé",
                                                                       "advanced")


def test_an_assessed_entry_is_not_deleted(project, lead, client_for, make_assessment) -> None:
    assessment = make_assessment(project)
    response = client_for(lead).post(
        reverse("vendors:vendor-delete", args=[project.pk, assessment.vendor_id]), follow=True)
    assert "ne peut pas être supprimé du catalogue" in plain(response.content.decode())
    assert Vendor.objects.filter(pk=assessment.vendor_id).exists()


def test_an_entry_nobody_assessed_is_deleted(project, lead, client_for, make_vendor) -> None:
    vendor = make_vendor(project)
    response = client_for(lead).post(
        reverse("vendors:vendor-delete", args=[project.pk, vendor.pk]), follow=True)
    assert "est supprimé du catalogue" in plain(response.content.decode())
    assert not Vendor.objects.filter(pk=vendor.pk).exists()


def test_removing_a_vendor_under_study_but_not_a_kept_one(project, lead, client_for,
                                                          make_assessment) -> None:
    pending, kept = make_assessment(project), make_assessment(project, decision=D.KEPT)
    client = client_for(lead)
    client.post(reverse("vendors:assessment-remove", args=[project.pk, pending.pk]))
    refused = client.post(reverse("vendors:assessment-remove", args=[project.pk, kept.pk]),
                          follow=True)
    assert "reste tracé" in plain(refused.content.decode())
    assert list(VendorAssessment.objects.filter(project=project)) == [kept]


def test_more_than_five_kept_shows_the_warning(project, lead, client_for,
                                               make_assessment) -> None:
    for _ in range(5):
        make_assessment(project, decision=D.KEPT)
    client = client_for(lead)
    assert "la méthode en conseille 5 au plus" not in plain(
        client.get(_study(project)).content.decode())
    sixth = make_assessment(project)
    saved = client.post(_detail(project, sixth), _assessment_post(), follow=True)
    assert "6 éditeurs sont retenus" in plain(saved.content.decode())  # said when keeping it
    content = plain(client.get(_study(project)).content.decode())
    assert "6 éditeurs sont retenus : la méthode en conseille 5 au plus" in plain(content)


def test_study_page_queries_are_bounded(project, lead, client_for, make_assessment,
                                        make_vendor, django_assert_max_num_queries) -> None:
    for n in range(10):
        make_assessment(project, covered_modules=["synthesis"], missing_modules=["billing"],
                        decision=[D.KEPT, D.UNDER_STUDY][n % 2])
    make_vendor()  # in the catalogue, not assessed: offered to the editors
    client = client_for(lead)
    # Session, user, membership, permissions (2), assessments, scope, catalogue: 8 for any N.
    with django_assert_max_num_queries(8):
        response = client.get(_study(project))
    assert plain(response.content.decode()).count('class="coverage coverage-covered"') == 10


def test_step_5_links_to_the_market_study(project, lead, client_for) -> None:
    content = plain(client_for(lead).get(
        reverse("projects:step-detail", args=[project.pk, 5])).content.decode())
    assert _study(project) in content


def test_the_catalogue_is_shared_but_corrected_only_by_its_project(
        project, make_project, make_user, add_member, client_for, make_assessment) -> None:
    assessment = make_assessment(project)
    vendor = assessment.vendor
    other = make_project(name="MSP du Plateau")
    amoa = add_member(other, Role.AMOA, user=make_user()).user
    client = client_for(amoa)
    study = plain(client.get(_study(other)).content.decode())
    assert f'<option value="{vendor.pk}">' in study  # offered for assessment
    url = reverse("vendors:vendor-update", args=[other.pk, vendor.pk])
    page = plain(client.get(url).content.decode())
    response = client.post(url, vendor_values(name=vendor.name, product=vendor.product,
                                              is_hds_certified=True,
                                              contact_email="pirate@exemple.test"))
    refused = plain(response.content.decode())
    saved = (vendor.is_hds_certified, vendor.contact_email)
    vendor.refresh_from_db()
    assert response.status_code == 403
    assert (vendor.is_hds_certified, vendor.contact_email) == saved
    assert vendor.history.count() == 1
    # The other project reads the entry, is told why it cannot correct it, and gets no form.
    for content in (page, refused):
        assert vendor.contact_email in content
        assert "ne se corrigent pas depuis ce projet" in content
        assert "Enregistrer la correction" not in content
        assert "Supprimer cette fiche du catalogue" not in content
    assert "La fiche du catalogue n'a pas été modifiée." in refused
    assert "Ajouter cet éditeur à l'étude de marché du projet" in page


def test_a_refused_correction_keeps_the_entry_and_says_why(project, lead, client_for,
                                                           make_vendor) -> None:
    make_vendor(name="Horizon", product="Doc")
    other = make_vendor(project, name="Kerandel", product="Parcours")
    saved_email = other.contact_email
    client = client_for(lead)
    url = reverse("vendors:vendor-update", args=[project.pk, other.pk])
    duplicate = plain(
        client.post(url, vendor_values(name="horizon", product="DOC")).content.decode())
    bad_email = plain(client.post(url, vendor_values(name="Kerandel", product="Parcours",
                                               contact_email="pas-une-adresse")).content.decode())
    other.refresh_from_db()
    assert "figure déjà dans le catalogue" in duplicate
    assert "Fiche du catalogue : Kerandel — Parcours" in duplicate
    assert "Saisissez une adresse de courriel valide." in bad_email
    assert (other.name, other.contact_email) == ("Kerandel", saved_email)


def test_the_creator_loses_the_correction_once_another_project_assesses_it(
        project, lead, make_project, client_for, make_assessment) -> None:
    assessment = make_assessment(project)
    client = client_for(lead)
    assert "Corriger la fiche du catalogue" in plain(client.get(
        _detail(project, assessment)).content.decode())
    make_assessment(make_project(name="MSP voisine"), vendor=assessment.vendor)
    detail = plain(client.get(_detail(project, assessment)).content.decode())
    url = reverse("vendors:vendor-update", args=[project.pk, assessment.vendor_id])
    response = client.post(url, vendor_values(name="Nom corrigé", product="Produit"))
    assessment.vendor.refresh_from_db()
    assert "Corriger la fiche du catalogue" not in detail
    assert "Proposer une correction" in detail
    assert response.status_code == 403
    assert "Un autre projet évalue aussi cet éditeur" in plain(response.content.decode())
    assert assessment.vendor.name != "Nom corrigé"


def test_a_project_proposes_a_correction_on_its_assessment(project, lead, client_for,
                                                           make_vendor) -> None:
    vendor = make_vendor()  # an instance-wide entry: no project corrects it
    client = client_for(lead)
    client.post(reverse("vendors:assessment-add", args=[project.pk]), {"vendor": vendor.pk})
    assessment = VendorAssessment.objects.get(project=project, vendor=vendor)
    client.post(_detail(project, assessment), _assessment_post(
        catalogue_note="Certifié HDS depuis 2026 (certificat joint au courriel)."))
    page = plain(client.get(_detail(project, assessment)).content.decode())
    assessment.refresh_from_db()
    assert assessment.catalogue_note == "Certifié HDS depuis 2026 (certificat joint au courriel)."
    assert "Certifié HDS depuis 2026" in page
    assert Vendor.objects.get(pk=vendor.pk).is_hds_certified is False


def test_an_unknown_catalogue_entry_is_not_found(project, lead, client_for,
                                                 make_vendor) -> None:
    vendor = make_vendor(project)
    vendor_pk = vendor.pk
    vendor.delete()
    client = client_for(lead)
    assert client.get(reverse("vendors:vendor-update",
                              args=[project.pk, vendor_pk])).status_code == 404
    assert client.post(reverse("vendors:vendor-delete",
                               args=[project.pk, vendor_pk])).status_code == 404


def test_two_clicks_do_not_remove_a_consulted_vendor(project, lead, client_for,
                                                     make_consulted) -> None:
    from vendors.consultation.models import AnswerSet, ConsultedVendor

    consulted = make_consulted(project)
    assessment = VendorAssessment.objects.get(pk=consulted.assessment_id)
    client = client_for(lead)
    client.post(_detail(project, assessment), _assessment_post(decision=D.UNDER_STUDY))
    response = client.post(reverse("vendors:assessment-remove",
                                   args=[project.pk, assessment.pk]), follow=True)
    assert "a été consulté : il reste dans" in plain(response.content.decode())
    assert VendorAssessment.objects.filter(pk=assessment.pk).exists()
    assert ConsultedVendor.objects.filter(pk=consulted.pk).exists()
    assert AnswerSet.objects.filter(consulted=consulted).count() == 1
