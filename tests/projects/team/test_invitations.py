"""The invitation link: from the e-mail to the project home, once and only once."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.models import Invitation, Membership
from projects.team import services as team
from tests.conftest import PASSWORD
from tests.typography import plain

ADDRESS = "camille@exemple.test"
NEW_ACCOUNT = {
    "first_name": "Camille",
    "last_name": "Durand",
    "password1": "une-phrase-solide-2026",
    "password2": "une-phrase-solide-2026",
}


def text(response) -> str:
    """The page as a user reads it (entities decoded)."""
    return html.unescape(plain(response.content.decode()))


@pytest.fixture
def invitation(project, lead):
    """A pending invitation of ADDRESS as référent métier; returns (invitation, link)."""
    invitation, token = team.invitation_create(
        project=project, email=ADDRESS, role=Role.PROFESSION_REFERENT,
        profession=Profession.NURSE, invited_by=lead)
    return invitation, reverse("projects:invitation-accept", args=[token])


def test_full_flow_from_the_mail_to_the_project(project, lead, client_for, mailoutbox):
    client_for(lead).post(
        reverse("projects:invitation-create", args=[project.pk]),
        {"invitation-email": ADDRESS, "invitation-role": Role.MEMBER})
    (mail,) = mailoutbox
    link = re.search(r"http://testserver(/invitation/[\w-]+/)", mail.body).group(1)
    newcomer = Client()
    form_page = newcomer.get(link)
    assert "Créer mon compte et rejoindre le projet" in text(form_page)
    response = newcomer.post(link, NEW_ACCOUNT, follow=True)
    assert response.redirect_chain[-1][0] == reverse("projects:project-home", args=[project.pk])
    assert project.name in text(response)
    assert "Bienvenue dans l'équipe du projet" in text(response)
    user = User.objects.get(email=ADDRESS)
    assert user.has_perm("projects.write_contribution", project)


def test_the_newcomer_sees_only_their_projects(invitation, project, make_project):
    other = make_project(name="MSP du Lac")
    _invitation, link = invitation
    newcomer = Client()
    newcomer.post(link, NEW_ACCOUNT)
    listing = newcomer.get(reverse("projects:project-list"))
    assert listing["Location"] == reverse("projects:project-home", args=[project.pk])
    assert newcomer.get(reverse("projects:project-home", args=[other.pk])).status_code == 404


def test_an_unknown_link_gives_404_with_an_explanation(db):
    response = Client().get(reverse("projects:invitation-accept", args=["pas-un-vrai-jeton"]))
    assert response.status_code == 404
    assert "Ce lien d'invitation n'est pas valide" in text(response)


def test_an_expired_link_gives_410_and_changes_nothing(invitation):
    invitation_row, link = invitation
    Invitation.objects.filter(pk=invitation_row.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1))
    response = Client().post(link, NEW_ACCOUNT)
    assert response.status_code == 410
    assert "Cette invitation a expiré" in text(response)
    assert not User.objects.filter(email=ADDRESS).exists()


def test_a_revoked_link_gives_410(invitation):
    invitation_row, link = invitation
    team.invitation_revoke(invitation=invitation_row)
    response = Client().get(link)
    assert response.status_code == 410
    assert "Cette invitation a été annulée par le chef de projet." in text(response)


def test_a_used_link_cannot_be_reused(invitation):
    _invitation, link = invitation
    Client().post(link, NEW_ACCOUNT)
    response = Client().get(link)
    assert response.status_code == 410
    assert "Cette invitation a déjà été utilisée." in text(response)


def test_a_double_submission_creates_one_account(invitation, project):
    _invitation, link = invitation
    browser = Client()
    browser.post(link, NEW_ACCOUNT)
    second = Client().post(link, NEW_ACCOUNT)
    assert second.status_code == 410
    assert User.objects.filter(email=ADDRESS).count() == 1
    assert Membership.objects.filter(project=project, user__email=ADDRESS).count() == 1


@pytest.mark.parametrize(("changes", "message"), [
    ({"password2": "autre-chose-2026"}, "Les deux mots de passe ne sont pas identiques."),
    ({"password1": "court", "password2": "court"}, "trop court"),
    ({"password1": "1234567890123", "password2": "1234567890123"},
     "entièrement numérique"),
    ({"password1": "camille@exemple", "password2": "camille@exemple"}, "trop semblable"),
    ({"first_name": ""}, "Ce champ est obligatoire."),
])
def test_a_bad_account_form_shows_errors_and_changes_nothing(invitation, changes, message):
    invitation_row, link = invitation
    response = Client().post(link, {**NEW_ACCOUNT, **changes})
    invitation_row.refresh_from_db()
    assert response.status_code == 200
    assert message in text(response)
    assert not User.objects.filter(email=ADDRESS).exists()
    assert invitation_row.is_pending


def test_an_existing_account_is_asked_to_sign_in_first(invitation, make_user):
    _invitation, link = invitation
    make_user(ADDRESS)
    response = Client().get(link)
    page = text(response)
    assert "Un compte existe déjà pour l'adresse camille@exemple.test" in page
    assert f'{reverse("login")}?next={link}' in page
    assert 'name="password2"' not in page


def test_signing_in_from_the_link_comes_back_to_it(invitation, make_user):
    _invitation, link = invitation
    make_user(ADDRESS)
    response = Client().post(
        f"{reverse('login')}?next={link}",
        {"username": ADDRESS, "password": PASSWORD, "next": link})
    assert response["Location"] == link


def test_the_addressee_accepts_in_one_click(invitation, project, make_user, client_for):
    invitation_row, link = invitation
    client = client_for(make_user(ADDRESS.upper()))
    confirm = client.get(link)
    assert "Accepter l'invitation" in text(confirm)
    response = client.post(link)
    invitation_row.refresh_from_db()
    assert response["Location"] == reverse("projects:project-home", args=[project.pk])
    assert invitation_row.accepted_at is not None
    assert Membership.objects.get(project=project, user__email=ADDRESS).role_label == (
        "Référent métier (Infirmier·ère)")


def test_a_second_click_is_told_the_link_was_used(invitation, make_user, client_for):
    _invitation, link = invitation
    client = client_for(make_user(ADDRESS))
    client.post(link)
    response = client.post(link, follow=True)
    assert "Cette invitation a déjà été utilisée." in text(response)


@pytest.mark.parametrize("method", ["get", "post"])
def test_signed_in_as_someone_else_changes_nothing(
    invitation, project, make_user, client_for, method
):
    invitation_row, link = invitation
    other = make_user("dominique@exemple.test")
    response = getattr(client_for(other), method)(link)
    invitation_row.refresh_from_db()
    assert response.status_code == 403
    assert "mais vous êtes connecté·e avec l'adresse dominique@exemple.test" in text(response)
    assert invitation_row.is_pending
    assert not Membership.objects.filter(project=project, user=other).exists()


def test_a_link_used_too_often_answers_429_in_french_and_changes_nothing(
        invitation, link_posts_allowed):
    invitation_row, link = invitation
    newcomer = Client()
    for _attempt in range(link_posts_allowed):
        newcomer.post(link, {**NEW_ACCOUNT, "password2": "pas-la-meme-phrase"})
    response = newcomer.post(link, NEW_ACCOUNT)
    assert response.status_code == 429
    assert "Ce lien a été utilisé trop souvent" in text(response)
    assert not User.objects.filter(email=ADDRESS).exists()
    invitation_row.refresh_from_db()
    assert invitation_row.accepted_at is None


def test_an_already_member_is_told_so(project, lead, add_member, client_for):
    member = add_member(project, Role.MEMBER).user
    invitation_row, token = team.invitation_create(
        project=project, email=ADDRESS, role=Role.OBSERVER, invited_by=lead)
    # The address became a member's after the invitation left (account e-mail changed).
    User.objects.filter(pk=member.pk).update(email=ADDRESS)
    member.refresh_from_db()
    response = client_for(member).post(
        reverse("projects:invitation-accept", args=[token]), follow=True)
    invitation_row.refresh_from_db()
    assert "Vous êtes déjà membre de ce projet." in text(response)
    assert invitation_row.is_pending
    assert Membership.objects.get(project=project, user=member).role == Role.MEMBER
