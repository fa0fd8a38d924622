"""The team page: who sees what, who may change what, and what bad input does."""

from __future__ import annotations

import html
from dataclasses import dataclass

import pytest
from django.urls import reverse

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.models import Invitation, Membership, Project
from projects.team import services as team
from tests.typography import plain

NON_LEAD_ROLES = [r for r in Role.values if r != Role.PROJECT_LEAD]


def text(response) -> str:
    """The page as a user reads it (entities decoded)."""
    return html.unescape(plain(response.content.decode()))


@dataclass
class Team:
    """A project with a lead, a member to act on and a pending invitation."""

    project: Project
    lead: User
    target: Membership
    invitation: Invitation


@pytest.fixture
def team_state(project, lead, add_member) -> Team:
    target = add_member(project, Role.MEMBER, profession=Profession.PHYSIOTHERAPIST)
    invitation, _token = team.invitation_create(
        project=project, email="invitee@exemple.test", role=Role.OBSERVER, invited_by=lead)
    return Team(project=project, lead=lead, target=target, invitation=invitation)


def snapshot(project: Project) -> tuple[set, set]:
    """Everything a team action could change."""
    members = set(Membership.objects.filter(project=project).values_list(
        "user_id", "role", "profession", "domain"))
    invitations = set(Invitation.objects.filter(project=project).values_list(
        "email", "role", "accepted_at", "revoked_at"))
    return members, invitations


# Each team action: URL name, the ids it needs, and a valid post.
ACTIONS = {
    "invite": ("projects:invitation-create", lambda s: [s.project.pk],
               {"invitation-email": "new@exemple.test", "invitation-role": Role.MEMBER}),
    "revoke-invitation": ("projects:invitation-revoke",
                          lambda s: [s.project.pk, s.invitation.pk], {}),
    "change-role": ("projects:membership-role", lambda s: [s.project.pk, s.target.pk],
                    {"membre-{pk}-role": Role.OBSERVER}),
    "revoke-member": ("projects:membership-revoke",
                      lambda s: [s.project.pk, s.target.pk], {}),
}


def action_request(name: str, state: Team) -> tuple[str, dict[str, str]]:
    """URL and post data of one team action on ``state``."""
    url_name, args, data = ACTIONS[name]
    post = {key.format(pk=state.target.pk): value for key, value in data.items()}
    return reverse(url_name, args=args(state)), post


# --- Reading the team --------------------------------------------------------------------


@pytest.mark.parametrize("role", Role.values)
def test_every_member_sees_the_team_with_roles(team_state, add_member, client_for, role):
    viewer = add_member(team_state.project, role).user
    response = client_for(viewer).get(reverse("projects:team", args=[team_state.project.pk]))
    page = text(response)
    assert response.status_code == 200
    assert team_state.lead.email in page
    assert team_state.target.user.display_name in page
    assert "Masseur-kinésithérapeute" in page
    assert "Chef de projet" in page


@pytest.mark.parametrize("role", NON_LEAD_ROLES)
def test_non_leads_see_no_management_controls(team_state, add_member, client_for, role):
    viewer = add_member(team_state.project, role).user
    page = text(client_for(viewer).get(reverse("projects:team", args=[team_state.project.pk])))
    assert "Envoyer l'invitation" not in page
    assert "Retirer de l'équipe" not in page
    assert "invitee@exemple.test" not in page


def test_the_lead_sees_forms_and_pending_invitations(team_state, client_for):
    page = text(client_for(team_state.lead).get(
        reverse("projects:team", args=[team_state.project.pk])))
    assert "Envoyer l'invitation" in page
    assert "invitee@exemple.test" in page
    assert "Annuler l'invitation" in page
    assert "Changer le rôle" in page
    assert '<option value="Indicateurs de pilotage">' in page


def test_the_team_page_query_count_does_not_grow_with_the_team(
    project, lead, add_member, client_for, django_assert_max_num_queries
):
    for _n in range(12):
        add_member(project, Role.MEMBER)
    client = client_for(lead)
    with django_assert_max_num_queries(10):
        client.get(reverse("projects:team", args=[project.pk]))


def test_leads_are_listed_first(project, lead, add_member, client_for):
    referent = add_member(project, Role.DOMAIN_REFERENT).user
    page = text(client_for(lead).get(reverse("projects:team", args=[project.pk])))
    assert page.index(lead.display_name) < page.index(referent.display_name)


def test_anonymous_visitors_are_sent_to_sign_in(project, client):
    response = client.get(reverse("projects:team", args=[project.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_member_of_another_project_gets_404(team_state, make_project, client_for):
    stranger = make_project(name="MSP voisine").created_by
    response = client_for(stranger).get(reverse("projects:team", args=[team_state.project.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("action", ACTIONS)
def test_a_lead_of_another_project_gets_404_on_actions(
    team_state, make_project, client_for, mailoutbox, action
):
    stranger = make_project(name="MSP voisine").created_by
    before = snapshot(team_state.project)
    url, post = action_request(action, team_state)
    response = client_for(stranger).post(url, post)
    assert response.status_code == 404
    assert snapshot(team_state.project) == before


# --- Refusals ----------------------------------------------------------------------------


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("role", NON_LEAD_ROLES)
def test_non_leads_get_403_on_every_team_post(
    team_state, add_member, client_for, mailoutbox, role, action
):
    actor = add_member(team_state.project, role).user
    mailoutbox.clear()
    before = snapshot(team_state.project)
    url, post = action_request(action, team_state)
    response = client_for(actor).post(url, post)
    assert response.status_code == 403
    assert snapshot(team_state.project) == before
    assert mailoutbox == []


@pytest.mark.parametrize("url_name", ["projects:membership-role", "projects:membership-revoke"])
def test_a_membership_of_another_project_gives_404(
    team_state, make_project, client_for, url_name
):
    other_project = make_project(name="MSP voisine")
    foreign = other_project.memberships.get()
    response = client_for(team_state.lead).post(
        reverse(url_name, args=[team_state.project.pk, foreign.pk]),
        {f"membre-{foreign.pk}-role": Role.OBSERVER})
    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.role == Role.PROJECT_LEAD


def test_an_invitation_of_another_project_gives_404(team_state, make_project, client_for):
    other_project = make_project(name="MSP voisine")
    foreign, _token = team.invitation_create(
        project=other_project, email="x@exemple.test", role=Role.MEMBER,
        invited_by=other_project.created_by)
    response = client_for(team_state.lead).post(
        reverse("projects:invitation-revoke", args=[team_state.project.pk, foreign.pk]))
    foreign.refresh_from_db()
    assert response.status_code == 404
    assert foreign.is_pending


@pytest.mark.parametrize(("post", "message"), [
    ({"role": "superadmin"}, "Sélectionnez un choix valide"),
    ({}, "Ce champ est obligatoire"),
    ({"role": Role.PROFESSION_REFERENT}, "Choisissez la profession"),
    ({"role": Role.PROFESSION_REFERENT, "profession": "astrologer"},
     "Sélectionnez un choix valide"),
    ({"role": Role.DOMAIN_REFERENT, "domain": "  "}, "Indiquez le domaine"),
])
def test_forged_role_changes_show_form_errors(team_state, client_for, post, message):
    pk = team_state.target.pk
    before = snapshot(team_state.project)
    response = client_for(team_state.lead).post(
        reverse("projects:membership-role", args=[team_state.project.pk, pk]),
        {f"membre-{pk}-{key}": value for key, value in post.items()})
    assert response.status_code == 200
    assert message in text(response)
    assert snapshot(team_state.project) == before


@pytest.mark.parametrize(("post", "message"), [
    ({"invitation-email": "pas-une-adresse", "invitation-role": Role.MEMBER},
     "Saisissez une adresse de courriel valide"),
    ({"invitation-email": "a@exemple.test", "invitation-role": "root"},
     "Sélectionnez un choix valide"),
    ({"invitation-email": "a@exemple.test", "invitation-role": Role.PROFESSION_REFERENT},
     "Choisissez la profession"),
    ({"invitation-role": Role.MEMBER}, "Ce champ est obligatoire"),
])
def test_bad_invitations_show_form_errors(team_state, client_for, mailoutbox, post, message):
    mailoutbox.clear()
    before = snapshot(team_state.project)
    response = client_for(team_state.lead).post(
        reverse("projects:invitation-create", args=[team_state.project.pk]), post)
    assert response.status_code == 200
    assert message in text(response)
    assert snapshot(team_state.project) == before
    assert mailoutbox == []


def test_inviting_a_member_shows_why_and_sends_nothing(team_state, client_for, mailoutbox):
    mailoutbox.clear()
    response = client_for(team_state.lead).post(
        reverse("projects:invitation-create", args=[team_state.project.pk]),
        {"invitation-email": team_state.target.user.email.upper(),
         "invitation-role": Role.OBSERVER})
    assert "est déjà membre de l'équipe" in text(response)
    assert mailoutbox == []


@pytest.mark.parametrize(("url_name", "post"), [
    ("projects:membership-role", {"role": Role.MEMBER}),
    ("projects:membership-revoke", {}),
])
def test_the_last_lead_is_kept_with_a_message(team_state, client_for, url_name, post):
    lead_membership = team_state.project.memberships.get(user=team_state.lead)
    response = client_for(team_state.lead).post(
        reverse(url_name, args=[team_state.project.pk, lead_membership.pk]),
        {f"membre-{lead_membership.pk}-{k}": v for k, v in post.items()}, follow=True)
    lead_membership.refresh_from_db()
    assert "Le dernier chef de projet ne peut pas changer de rôle." in text(response)
    assert lead_membership.role == Role.PROJECT_LEAD


def test_get_on_an_action_is_not_allowed(team_state, client_for):
    response = client_for(team_state.lead).get(
        reverse("projects:membership-revoke", args=[team_state.project.pk, team_state.target.pk]))
    assert response.status_code == 405


# --- What a lead does --------------------------------------------------------------------


def test_the_lead_invites_and_the_mail_has_an_absolute_link(team_state, client_for, mailoutbox):
    mailoutbox.clear()
    response = client_for(team_state.lead).post(
        reverse("projects:invitation-create", args=[team_state.project.pk]),
        {"invitation-email": "Nadia@Exemple.test", "invitation-role": Role.DOMAIN_REFERENT,
         "invitation-domain": "Sécurité et habilitations"}, follow=True)
    (mail,) = mailoutbox
    assert "Invitation envoyée à nadia@exemple.test" in text(response)
    assert "http://testserver/invitation/" in mail.body
    assert Invitation.objects.get(email="nadia@exemple.test").role_label == (
        "Référent fonctionnel (Sécurité et habilitations)")


def test_the_lead_changes_a_role_and_the_rights_follow(team_state, client_for):
    pk = team_state.target.pk
    response = client_for(team_state.lead).post(
        reverse("projects:membership-role", args=[team_state.project.pk, pk]),
        {f"membre-{pk}-role": Role.PROFESSION_REFERENT,
         f"membre-{pk}-profession": Profession.NURSE}, follow=True)
    user = team_state.target.user
    assert "est maintenant Référent métier (Infirmier·ère)" in text(response)
    assert user.has_perm("projects.write_contribution", team_state.project)
    assert not user.has_perm("projects.manage_team", team_state.project)


def test_the_lead_promotes_a_second_lead(team_state, client_for):
    pk = team_state.target.pk
    client_for(team_state.lead).post(
        reverse("projects:membership-role", args=[team_state.project.pk, pk]),
        {f"membre-{pk}-role": Role.PROJECT_LEAD})
    assert team_state.target.user.has_perm("projects.manage_team", team_state.project)


def test_the_lead_revokes_a_member(team_state, client_for):
    response = client_for(team_state.lead).post(reverse(
        "projects:membership-revoke", args=[team_state.project.pk, team_state.target.pk]),
        follow=True)
    user = team_state.target.user
    assert "ne fait plus partie de l'équipe" in text(response)
    assert not Membership.objects.filter(pk=team_state.target.pk).exists()
    assert not user.has_perm("projects.view_project", team_state.project)


def test_the_revoked_member_loses_access(team_state, client_for, client):
    client_for(team_state.lead).post(reverse(
        "projects:membership-revoke", args=[team_state.project.pk, team_state.target.pk]))
    response = client_for(team_state.target.user).get(
        reverse("projects:team", args=[team_state.project.pk]))
    assert response.status_code == 404


def test_the_lead_revokes_an_invitation(team_state, client_for):
    response = client_for(team_state.lead).post(reverse(
        "projects:invitation-revoke", args=[team_state.project.pk, team_state.invitation.pk]),
        follow=True)
    team_state.invitation.refresh_from_db()
    assert "L'invitation de invitee@exemple.test est annulée." in text(response)
    assert team_state.invitation.revoked_at is not None
    assert "Aucune invitation en attente." in text(response)


def test_revoking_an_invitation_twice_says_so(team_state, client_for):
    url = reverse("projects:invitation-revoke",
                  args=[team_state.project.pk, team_state.invitation.pk])
    client = client_for(team_state.lead)
    client.post(url)
    response = client.post(url, follow=True)
    assert "Cette invitation a déjà été utilisée ou annulée." in text(response)


def test_a_lead_who_leaves_goes_back_to_the_project_list(team_state, add_member, client_for):
    add_member(team_state.project, Role.PROJECT_LEAD)
    own = team_state.project.memberships.get(user=team_state.lead)
    response = client_for(team_state.lead).post(
        reverse("projects:membership-revoke", args=[team_state.project.pk, own.pk]))
    assert response["Location"] == reverse("projects:project-list")
    assert not team_state.lead.has_perm("projects.view_project", team_state.project)
