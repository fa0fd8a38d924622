"""Members' written contributions to step 1, and who has not answered yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.choices import Role
from projects.framing.services import contribution_save
from projects.models import Contribution
from tests.typography import plain

pytestmark = pytest.mark.django_db

WRITERS = [Role.PROJECT_LEAD, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT, Role.MEMBER]
FOLLOWERS = [Role.PROJECT_LEAD, Role.AMOA]
NOT_FOLLOWING = [Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT, Role.MEMBER, Role.OBSERVER]


def _post(**overrides: str) -> dict[str, str]:
    data = {"expectations": "Voir les traitements en cours des patients partagés.",
            "wished_record_sharing": "2", "wished_coordination": "1",
            "wished_steering": "0"}
    data.update(overrides)
    return data


def _write(project, user, text: str = "Partager les synthèses"):  # type: ignore[no-untyped-def]
    return contribution_save(project=project, author=user, expectations=text,
                             wished_record_sharing=2, wished_coordination=1, wished_steering=1)


@pytest.mark.parametrize("role", WRITERS)
def test_each_professional_writes_then_edits_one_contribution(project, add_member, client_for,
                                                              role: str) -> None:
    user = add_member(project, role).user
    client = client_for(user)
    url = reverse("projects:contribution", args=[project.pk])
    first = client.post(url, _post())
    second = client.post(url, _post(expectations="Un agenda partagé", wished_coordination="3"))
    contribution = Contribution.objects.get(project=project, author=user)
    assert (first.status_code, second.status_code) == (302, 302)
    assert Contribution.objects.filter(project=project).count() == 1
    assert (contribution.expectations, contribution.wished_coordination) == (
        "Un agenda partagé", 3)
    assert "Votre contribution est enregistrée." in plain(client.get(url).content.decode())


def test_saving_twice_through_the_service_keeps_one_row(project, lead) -> None:
    _write(project, lead, "Première version")
    _write(project, lead, "Seconde version")
    assert list(Contribution.objects.values_list("expectations", flat=True)) == [
        "Seconde version"]


@pytest.mark.parametrize("role", [Role.AMOA, Role.OBSERVER])
def test_amoa_and_observers_do_not_contribute(project, add_member, client_for,
                                              role: str) -> None:
    client = client_for(add_member(project, role).user)
    url = reverse("projects:contribution", args=[project.pk])
    assert (client.get(url).status_code, client.post(url, _post()).status_code) == (403, 403)
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"expectations": ""}, "Ce champ est obligatoire."),
        ({"wished_steering": "9"}, "Palier inconnu."),
        ({"wished_record_sharing": "beaucoup"}, "Palier inconnu."),
    ],
)
def test_bad_contribution_is_explained_and_saves_nothing(project, lead, client_for,
                                                         overrides: dict[str, str],
                                                         message: str) -> None:
    response = client_for(lead).post(reverse("projects:contribution", args=[project.pk]),
                                     _post(**overrides))
    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert not Contribution.objects.exists()


def test_a_contribution_belongs_to_its_project(project, make_project, client_for) -> None:
    outsider = make_project(name="Autre MSP").created_by
    response = client_for(outsider).post(reverse("projects:contribution", args=[project.pk]),
                                         _post())
    assert response.status_code == 404
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("role", FOLLOWERS)
def test_lead_and_amoa_read_contributions_and_who_is_missing(project, add_member, client_for,
                                                             role: str) -> None:
    reader = add_member(project, role).user
    answered = add_member(project, Role.MEMBER).user
    silent_member = add_member(project, Role.MEMBER).user
    silent_referent = add_member(project, Role.PROFESSION_REFERENT).user
    observer = add_member(project, Role.OBSERVER).user
    _write(project, answered, "Un dossier commun")
    response = client_for(reader).get(reverse("projects:contribution-list", args=[project.pk]))
    content = plain(response.content.decode())
    missing = content[content.index('class="missing-list"'):content.index("received-title")]
    assert response.status_code == 200
    assert "Un dossier commun" in content
    assert silent_member.display_name in missing
    assert silent_referent.display_name in missing
    assert project.created_by.display_name in missing
    assert answered.display_name not in missing
    assert observer.display_name not in missing


@pytest.mark.parametrize("role", NOT_FOLLOWING)
def test_others_cannot_read_everyones_contributions(project, add_member, client_for,
                                                    role: str) -> None:
    client = client_for(add_member(project, role).user)
    response = client.get(reverse("projects:contribution-list", args=[project.pk]))
    assert response.status_code == 403


def test_framing_page_counts_answers_and_names_the_missing_for_the_lead(
    project, lead, add_member, client_for
) -> None:
    answered = add_member(project, Role.MEMBER).user
    silent = add_member(project, Role.DOMAIN_REFERENT).user
    amoa = add_member(project, Role.AMOA).user
    _write(project, answered)
    content = plain(
        client_for(lead).get(reverse("projects:framing", args=[project.pk])).content.decode())
    assert "1 contribution reçue sur 3 attendues." in content
    assert f'<span class="missing-name">{silent.display_name}</span>' in content
    assert f'<span class="missing-name">{answered.display_name}</span>' not in content
    assert f'<span class="missing-name">{amoa.display_name}</span>' not in content


@pytest.mark.parametrize("role", NOT_FOLLOWING)
def test_framing_page_shows_only_the_count_to_others(project, add_member, client_for,
                                                     role: str) -> None:
    silent = add_member(project, Role.MEMBER).user
    reader = add_member(project, role).user
    content = client_for(reader).get(reverse("projects:framing", args=[project.pk])).content
    text = content.decode()
    assert "contribution reçue sur" in text
    assert silent.display_name not in text


def test_a_contribution_outlives_its_author_leaving_the_team(project, add_member) -> None:
    from django.db.models import ProtectedError

    from projects.core.services import membership_revoke

    membership = add_member(project, Role.MEMBER)
    _write(project, membership.user, "Un dossier partagé avec la pharmacie")
    membership_revoke(membership=membership)
    with pytest.raises(ProtectedError):  # accounts are deactivated, never deleted
        membership.user.delete()
    assert Contribution.objects.get(project=project).expectations == (
        "Un dossier partagé avec la pharmacie")
