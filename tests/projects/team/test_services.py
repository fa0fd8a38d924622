"""Services of the team: invitations (hashed, expiring, single-use) and roles."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from msp_si.common.errors import DomainError
from projects.choices import Profession, Role
from projects.core import services
from projects.core.services import permissions_resync
from projects.models import Invitation, Membership
from projects.team import services as team

BASE_URL = "https://msp.exemple.test"


@pytest.fixture
def invite(lead, project):
    """Invite an address to ``project`` on behalf of its lead; returns (invitation, token)."""

    def make(email="camille@exemple.test", role=Role.MEMBER, **kwargs):
        return team.invitation_create(
            project=project, email=email, role=role, invited_by=lead, base_url=BASE_URL,
            profession=kwargs.pop("profession", ""), domain=kwargs.pop("domain", ""),
        )

    return make


def test_only_the_sha256_of_the_token_is_stored(invite):
    invitation, token = invite()
    invitation.refresh_from_db()
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert not Invitation.objects.filter(token_hash=token).exists()
    assert len(token) >= 40


def test_invitation_expires_after_the_configured_number_of_days(invite, settings):
    settings.INVITATION_VALID_DAYS = 3
    before = timezone.now()
    invitation, _token = invite()
    assert before + timedelta(days=3) <= invitation.expires_at
    assert invitation.expires_at <= timezone.now() + timedelta(days=3)


def test_the_email_is_french_and_carries_the_absolute_link(invite, project, mailoutbox):
    _invitation, token = invite(role=Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    (mail,) = mailoutbox
    assert mail.to == ["camille@exemple.test"]
    assert project.name in mail.subject
    assert f"{BASE_URL}/invitation/{token}/" in mail.body
    assert "Référent métier (Infirmier·ère)" in mail.body
    assert "&#x27;" not in mail.body  # plain text, not HTML-escaped


def test_addresses_are_stored_in_lower_case(invite):
    invitation, _token = invite(email="  Camille.Durand@Exemple.TEST ")
    assert invitation.email == "camille.durand@exemple.test"


def test_reinviting_revokes_the_pending_invitation(invite, make_user):
    first, first_token = invite(email="camille@exemple.test")
    _second, second_token = invite(email="CAMILLE@exemple.test", role=Role.OBSERVER)
    first.refresh_from_db()
    assert first.revoked_at is not None
    user = make_user("camille@exemple.test")
    with pytest.raises(DomainError, match="annulée"):
        team.invitation_accept(raw_token=first_token, user=user)
    membership = team.invitation_accept(raw_token=second_token, user=user)
    assert membership.role == Role.OBSERVER


def test_inviting_a_member_is_refused_and_sends_nothing(invite, project, add_member, mailoutbox):
    member = add_member(project).user
    with pytest.raises(DomainError, match="déjà membre"):
        invite(email=member.email.upper())
    assert not Invitation.objects.filter(project=project).exists()
    assert mailoutbox == []


def test_inviting_a_third_lead_is_refused(invite, project, add_member):
    add_member(project, Role.PROJECT_LEAD)
    with pytest.raises(DomainError, match="au plus deux chefs de projet"):
        invite(role=Role.PROJECT_LEAD)


@pytest.mark.parametrize(("role", "details", "message"), [
    (Role.PROFESSION_REFERENT, {}, "profession"),
    (Role.DOMAIN_REFERENT, {"domain": "   "}, "domaine"),
    ("superuser", {}, "Rôle inconnu"),
])
def test_incomplete_roles_are_refused(invite, project, role, details, message):
    with pytest.raises(DomainError, match=message):
        invite(role=role, **details)
    assert not Invitation.objects.filter(project=project).exists()


def test_a_mail_failure_leaves_no_invitation(invite, project, monkeypatch):
    def broken_send_mail(*args, **kwargs):
        raise OSError("SMTP injoignable")

    monkeypatch.setattr(team, "send_mail", broken_send_mail)
    with pytest.raises(DomainError, match="n'a pas pu être envoyé"):
        invite()
    assert not Invitation.objects.filter(project=project).exists()


@pytest.mark.parametrize(("role", "permission", "expected"), [
    (Role.PROJECT_LEAD, "manage_team", True),
    (Role.AMOA, "edit_framing", True),
    (Role.AMOA, "validate_deliverable", False),
    (Role.MEMBER, "write_contribution", True),
    (Role.MEMBER, "edit_framing", False),
    (Role.OBSERVER, "view_project", True),
    (Role.OBSERVER, "write_contribution", False),
])
def test_accepting_grants_the_permissions_of_the_role(
    invite, project, make_user, role, permission, expected
):
    _invitation, token = invite(role=role)
    user = make_user("camille@exemple.test")
    team.invitation_accept(raw_token=token, user=user)
    assert user.has_perm(f"projects.{permission}", project) is expected


def test_accepting_records_profession_and_domain(invite, make_user):
    _invitation, token = invite(role=Role.DOMAIN_REFERENT, domain="Indicateurs de pilotage")
    membership = team.invitation_accept(raw_token=token, user=make_user("camille@exemple.test"))
    assert membership.role_label == "Référent fonctionnel (Indicateurs de pilotage)"


def test_an_invitation_is_used_once(invite, make_user, project):
    invitation, token = invite()
    user = make_user("camille@exemple.test")
    team.invitation_accept(raw_token=token, user=user)
    with pytest.raises(DomainError, match="déjà été utilisée"):
        team.invitation_accept_new_account(
            raw_token=token, first_name="A", last_name="B", password="x" * 12)
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert Membership.objects.filter(project=project).count() == 2


def test_a_concurrent_accept_loses_the_conditional_update(invite, make_user, project, monkeypatch):
    invitation, token = invite()
    stale = Invitation.objects.get(pk=invitation.pk)
    # Another request committed its claim after this one read the invitation.
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at=timezone.now())
    monkeypatch.setattr(team, "invitation_for_token", lambda *, raw_token: stale)
    user = make_user("camille@exemple.test")
    with pytest.raises(DomainError, match="déjà été utilisée"):
        team.invitation_accept(raw_token=token, user=user)
    assert not Membership.objects.filter(project=project, user=user).exists()


def test_an_expired_invitation_is_refused(invite, make_user, project):
    invitation, token = invite()
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1))
    user = make_user("camille@exemple.test")
    with pytest.raises(DomainError, match="expiré"):
        team.invitation_accept(raw_token=token, user=user)
    assert not Membership.objects.filter(project=project, user=user).exists()


def test_a_revoked_invitation_is_refused(invite, make_user, project):
    invitation, token = invite()
    team.invitation_revoke(invitation=invitation)
    with pytest.raises(DomainError, match="annulée"):
        team.invitation_accept_new_account(
            raw_token=token, first_name="Camille", last_name="Durand", password="x" * 12)
    assert not Membership.objects.filter(
        project=project, user__email="camille@exemple.test").exists()


def test_revoking_twice_is_refused(invite):
    invitation, _token = invite()
    team.invitation_revoke(invitation=invitation)
    with pytest.raises(DomainError, match="déjà été utilisée ou annulée"):
        team.invitation_revoke(invitation=invitation)


def test_an_unknown_token_is_refused(make_user):
    with pytest.raises(DomainError, match="pas valide"):
        team.invitation_accept(raw_token="inconnu", user=make_user())


def test_only_the_addressee_may_accept(invite, make_user, project):
    invitation, token = invite()
    intruder = make_user("quelquun@exemple.test")
    with pytest.raises(DomainError, match=r"adressée à camille@exemple\.test"):
        team.invitation_accept(raw_token=token, user=intruder)
    invitation.refresh_from_db()
    assert invitation.is_pending
    assert not intruder.has_perm("projects.view_project", project)


def test_new_account_refused_when_the_address_has_one(invite, make_user):
    _invitation, token = invite()
    make_user("camille@exemple.test")
    with pytest.raises(DomainError, match="Un compte existe déjà"):
        team.invitation_accept_new_account(
            raw_token=token, first_name="Camille", last_name="Durand", password="x" * 12)


def test_new_account_is_created_and_joins(invite, project):
    _invitation, token = invite(role=Role.PROFESSION_REFERENT, profession=Profession.GP)
    membership = team.invitation_accept_new_account(
        raw_token=token, first_name=" Camille ", last_name="Durand",
        password="une-phrase-solide-2026")
    user = membership.user
    assert (user.email, user.get_full_name()) == ("camille@exemple.test", "Camille Durand")
    assert user.check_password("une-phrase-solide-2026")
    assert user.has_perm("projects.write_contribution", project)


def test_a_refused_role_keeps_the_invitation_pending(invite, add_member, project, make_user):
    invitation, token = invite(role=Role.PROJECT_LEAD)
    add_member(project, Role.PROJECT_LEAD)  # the second seat was filled meanwhile
    with pytest.raises(DomainError, match="au plus deux"):
        team.invitation_accept(raw_token=token, user=make_user("camille@exemple.test"))
    invitation.refresh_from_db()
    assert invitation.is_pending


def test_pending_invitations_leave_out_used_revoked_and_expired(invite, make_user, project):
    _used, used_token = invite(email="a@exemple.test")
    team.invitation_accept(raw_token=used_token, user=make_user("a@exemple.test"))
    revoked, _t = invite(email="b@exemple.test")
    team.invitation_revoke(invitation=revoked)
    expired, _t = invite(email="c@exemple.test")
    Invitation.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    pending, _t = invite(email="d@exemple.test")
    assert team.invitations_pending(project=project) == [pending]


# --- Roles: membership_set_role and membership_revoke ------------------------------------


def test_the_last_lead_cannot_be_removed(project, lead):
    membership = Membership.objects.get(project=project, user=lead)
    with pytest.raises(DomainError, match="dernier chef de projet"):
        services.membership_revoke(membership=membership)
    assert lead.has_perm("projects.manage_team", project)


def test_the_last_lead_cannot_be_demoted(project, lead):
    with pytest.raises(DomainError, match="dernier chef de projet"):
        services.membership_set_role(project=project, user=lead, role=Role.MEMBER)
    assert Membership.objects.get(project=project, user=lead).role == Role.PROJECT_LEAD


def test_a_third_lead_is_refused(project, add_member):
    add_member(project, Role.PROJECT_LEAD)
    member = add_member(project, Role.MEMBER)
    with pytest.raises(DomainError, match="au plus deux"):
        services.membership_set_role(project=project, user=member.user, role=Role.PROJECT_LEAD)
    assert not member.user.has_perm("projects.manage_team", project)


def test_a_lead_can_step_down_when_another_remains(project, lead, add_member):
    add_member(project, Role.PROJECT_LEAD)
    services.membership_set_role(project=project, user=lead, role=Role.MEMBER)
    assert not lead.has_perm("projects.manage_team", project)
    assert lead.has_perm("projects.write_contribution", project)


def test_revoking_removes_every_permission(project, add_member):
    member = add_member(project, Role.AMOA)
    services.membership_revoke(membership=member)
    assert not member.user.has_perm("projects.view_project", project)
    assert not member.user.has_perm("projects.edit_framing", project)


def test_resync_gives_existing_members_what_the_policy_now_grants(project, add_member):
    """A permission added to the policy reaches people who already hold the role."""
    referent = add_member(project, Role.PROFESSION_REFERENT)
    remove_perm("projects.edit_needs", referent.user, project)
    assign_perm("projects.manage_team", referent.user, project)  # never theirs
    permissions_resync()
    fresh = Membership.objects.get(pk=referent.pk).user  # a new permission cache
    assert fresh.has_perm("projects.edit_needs", project) is True
    assert fresh.has_perm("projects.manage_team", project) is False
