"""Views: the project team, invitations by e-mail and the invitation link (issue item 2)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from msp_si.common.ratelimit import link_rate_limited

from ..access import ProjectAccess, project_view, public_view
from ..core import selectors, services
from ..models import Invitation, Membership
from ..policy import MANAGE_TEAM, VIEW_PROJECT
from . import services as team_services
from .forms import (
    DOMAIN_DATALIST_ID,
    DOMAIN_SUGGESTIONS,
    InvitationForm,
    NewAccountForm,
    RoleForm,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User

INVITATION_PREFIX = "invitation"


def role_form_prefix(membership: Membership) -> str:
    """Each member's role form has its own prefix so field ids stay unique on the page."""
    return f"membre-{membership.pk}"


@dataclass
class MemberRow:
    """One line of the team table, with the lead's role form when they may change it."""

    membership: Membership
    form: RoleForm | None
    is_open: bool = False


def _team_page(
    request: HttpRequest,
    access: ProjectAccess,
    *,
    invite_form: InvitationForm | None = None,
    bound_role_form: tuple[int, RoleForm] | None = None,
) -> HttpResponse:
    """Render the team page; a bound form (with its errors) replaces the blank one."""
    can_manage = access.has(MANAGE_TEAM)
    bound_pk, bound_form = bound_role_form or (None, None)
    rows = []
    for membership in selectors.project_memberships(project=access.project):
        form = bound_form if membership.pk == bound_pk else (
            RoleForm(prefix=role_form_prefix(membership), initial={
                "role": membership.role, "profession": membership.profession,
                "domain": membership.domain,
            }) if can_manage else None
        )
        rows.append(MemberRow(membership=membership, form=form,
                              is_open=membership.pk == bound_pk))
    context = {
        "rows": rows,
        "can_manage": can_manage,
        "invite_form": (invite_form or InvitationForm(prefix=INVITATION_PREFIX))
        if can_manage else None,
        "pending_invitations": team_services.invitations_pending(project=access.project)
        if can_manage else [],
        "domain_suggestions": DOMAIN_SUGGESTIONS,
        "domain_datalist_id": DOMAIN_DATALIST_ID,
    }
    return render(request, "projects/team/team.html", context)


@project_view(VIEW_PROJECT)
@require_GET
def team(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The team with roles; the chef de projet also invites, changes roles and revokes."""
    return _team_page(request, access)


@project_view(MANAGE_TEAM)
@require_POST
def invitation_create(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Invite an address with a role and e-mail it a single-use link."""
    form = InvitationForm(request.POST, prefix=INVITATION_PREFIX)
    if form.is_valid():
        try:
            invitation, _token = team_services.invitation_create(
                project=access.project, invited_by=request.user,
                base_url=request.build_absolute_uri("/"), **form.cleaned_data,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Invitation envoyée à %(email)s (%(role)s).") % {
                "email": invitation.email, "role": invitation.role_label})
            return redirect("projects:team", project_pk=access.project.pk)
    return _team_page(request, access, invite_form=form)


@project_view(MANAGE_TEAM)
@require_POST
def invitation_revoke(
    request: HttpRequest, access: ProjectAccess, invitation_pk: int
) -> HttpResponse:
    """Cancel a pending invitation: its link stops working at once."""
    invitation = get_object_or_404(Invitation, pk=invitation_pk, project=access.project)
    action_run(
        request,
        lambda: team_services.invitation_revoke(invitation=invitation),
        _("L'invitation de %(email)s est annulée.")
        % {"email": invitation.email},
    )
    return redirect("projects:team", project_pk=access.project.pk)


@project_view(MANAGE_TEAM)
@require_POST
def membership_role(
    request: HttpRequest, access: ProjectAccess, membership_pk: int
) -> HttpResponse:
    """Change a member's role (and profession or domain) and therefore their rights."""
    membership = get_object_or_404(
        Membership.objects.select_related("user"), pk=membership_pk, project=access.project
    )
    form = RoleForm(request.POST, prefix=role_form_prefix(membership))
    if not form.is_valid():
        return _team_page(request, access, bound_role_form=(membership.pk, form))
    try:
        updated = services.membership_set_role(
            project=access.project, user=membership.user, **form.cleaned_data
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("%(name)s est maintenant %(role)s.") % {
            "name": membership.user.display_name, "role": updated.role_label})
    return redirect("projects:team", project_pk=access.project.pk)


@project_view(MANAGE_TEAM)
@require_POST
def membership_revoke(
    request: AuthenticatedHttpRequest, access: ProjectAccess, membership_pk: int
) -> HttpResponse:
    """Remove a person from the team with every right they had on the project."""
    membership = get_object_or_404(
        Membership.objects.select_related("user", "project"),
        pk=membership_pk, project=access.project,
    )
    try:
        services.membership_revoke(membership=membership)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("projects:team", project_pk=access.project.pk)
    messages.success(request, _("%(name)s ne fait plus partie de l'équipe.")
                     % {"name": membership.user.display_name})
    if membership.user_id == request.user.pk:
        # A lead who leaves no longer has access to this project's pages.
        return redirect("projects:project-list")
    return redirect("projects:team", project_pk=access.project.pk)


# --- The invitation link (no account needed) ---------------------------------------------


@public_view
@require_http_methods(["GET", "POST"])
@link_rate_limited("invitation-link")
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    """Open an invitation link: create an account, or accept with the matching one."""
    invitation = team_services.invitation_for_token(raw_token=token)
    refusal = team_services.invitation_refusal(invitation)
    if refusal or invitation is None:
        return render(request, "projects/team/invitation_invalid.html",
                      {"refusal": refusal}, status=404 if invitation is None else 410)
    context = {"invitation": invitation, "project": invitation.project,
               "inviter": invitation.invited_by.display_name}
    if request.user.is_authenticated:
        return _accept_signed_in(request, request.user, token, invitation, context)
    if team_services.account_for_email(email=invitation.email) is not None:
        return render(request, "projects/team/invitation_accept.html",
                      {**context, "mode": "sign_in"})
    return _accept_new_account(request, token, invitation, context)


def _accept_signed_in(
    request: HttpRequest, user: User, token: str, invitation: Invitation,
    context: dict[str, object],
) -> HttpResponse:
    """One click for the addressee; anyone else is told to switch accounts."""
    if user.email.lower() != invitation.email:
        return render(request, "projects/team/invitation_accept.html",
                      {**context, "mode": "wrong_account"}, status=403)
    if request.method == "POST":
        try:
            team_services.invitation_accept(raw_token=token, user=user)
        except DomainError as error:
            messages.error(request, error.message)
            return redirect("projects:invitation-accept", token=token)
        messages.success(request, _("Bienvenue dans l'équipe du projet « %(name)s ».")
                         % {"name": invitation.project.name})
        return redirect("projects:project-home", project_pk=invitation.project_id)
    return render(request, "projects/team/invitation_accept.html", {**context, "mode": "confirm"})


def _accept_new_account(
    request: HttpRequest, token: str, invitation: Invitation, context: dict[str, object]
) -> HttpResponse:
    """Create the account with the invited address, accept, and sign the person in."""
    form = NewAccountForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            membership = team_services.invitation_accept_new_account(
                raw_token=token,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Votre compte est créé. Bienvenue dans l'équipe du "
                                        "projet « %(name)s ».") % {"name": invitation.project.name})
            return redirect("projects:project-home", project_pk=invitation.project_id)
    return render(request, "projects/team/invitation_accept.html",
                  {**context, "mode": "new_account", "form": form})


urlpatterns = [
    path("projets/<int:project_pk>/equipe/", team, name="team"),
    path("projets/<int:project_pk>/equipe/inviter/", invitation_create,
         name="invitation-create"),
    path("projets/<int:project_pk>/equipe/invitations/<int:invitation_pk>/annuler/",
         invitation_revoke, name="invitation-revoke"),
    path("projets/<int:project_pk>/equipe/membres/<int:membership_pk>/role/",
         membership_role, name="membership-role"),
    path("projets/<int:project_pk>/equipe/membres/<int:membership_pk>/retirer/",
         membership_revoke, name="membership-revoke"),
    path("invitation/<str:token>/", invitation_accept, name="invitation-accept"),
]
