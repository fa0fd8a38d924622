"""Team and invitations: invite by e-mail, accept a link once, revoke (issue item 2).

The raw token only ever lives in the e-mail and the URL; the database keeps its sha256,
so a leaked database does not give anyone a way into a project.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash, token_new

from ..choices import Role
from ..core.services import membership_set_role
from ..models import Invitation, Membership, Project
from ..pagecache.revision import revision_bump
from ..policy import MAX_PROJECT_LEADS, role_details_error

if TYPE_CHECKING:
    from msp_si.accounts.models import User

logger = logging.getLogger(__name__)

# Used when a caller (e.g. a management command) has no request to build the link from.
DEFAULT_BASE_URL = "http://localhost:8000"


def normalise_email(email: str) -> str:
    """Addresses are compared and stored in lower case, like user accounts."""
    return email.strip().lower()


# --- Reads -------------------------------------------------------------------------------


def invitation_for_token(*, raw_token: str) -> Invitation | None:
    """The invitation a link points to, whatever its state, or None if unknown."""
    return (
        Invitation.objects.select_related("project", "invited_by")
        .filter(token_hash=token_hash(raw_token))
        .first()
    )


def invitation_pending_for_token(*, raw_token: str) -> Invitation | None:
    """The invitation a link points to if it can still be accepted, else None."""
    invitation = invitation_for_token(raw_token=raw_token)
    return invitation if invitation is not None and invitation.is_pending else None


def invitation_refusal(invitation: Invitation | None) -> str:
    """Why a link can no longer be used, in French; empty when it is still pending."""
    if invitation is None:
        return _("Ce lien d'invitation n'est pas valide. Vérifiez qu'il est complet.")
    if invitation.accepted_at is not None:
        return _("Cette invitation a déjà été utilisée.")
    if invitation.revoked_at is not None:
        return _("Cette invitation a été annulée par le chef de projet.")
    if invitation.expires_at <= clock.now():
        return _("Cette invitation a expiré. Demandez au chef de projet de vous en envoyer "
                 "une nouvelle.")
    return ""


def invitations_pending(*, project: Project) -> list[Invitation]:
    """Invitations of the project that can still be accepted, soonest expiry first."""
    return list(
        project.invitations.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=clock.now()
        ).select_related("invited_by").order_by("expires_at")
    )


def account_for_email(*, email: str) -> User | None:
    """The account registered with this address, if any."""
    return get_user_model().objects.filter(email__iexact=normalise_email(email)).first()


# --- Writes ------------------------------------------------------------------------------


def _check_role_details(*, role: str, profession: str, domain: str) -> None:
    """The same rules as ``membership_set_role``, checked before anything is sent."""
    error = role_details_error(role=role, profession=profession, domain=domain)
    if error is not None:
        raise DomainError(error)


def _send_invitation_email(*, invitation: Invitation, link: str) -> None:
    """Send the French invitation e-mail; a mail failure undoes the invitation."""
    context = {
        "invitation": invitation,
        "project": invitation.project,
        "inviter": invitation.invited_by.display_name,
        "role_label": invitation.role_label,
        "link": link,
        "valid_days": settings.INVITATION_VALID_DAYS,
    }
    subject = " ".join(render_to_string("emails/invitation_subject.txt", context).split())
    body = render_to_string("emails/invitation_body.txt", context)
    try:
        send_mail(subject, body, None, [invitation.email])
    except (smtplib.SMTPException, OSError) as exc:
        # Sent inside the transaction on purpose: if the mail cannot leave, the lead is
        # told at once and no invitation lingers that nobody received.
        logger.warning("Invitation e-mail to project %s failed: %s", invitation.project_id, exc)
        raise DomainError(
            _("L'e-mail d'invitation n'a pas pu être envoyé. Réessayez dans un instant.")
        ) from exc


@transaction.atomic
def invitation_create(
    *,
    project: Project,
    email: str,
    role: str,
    profession: str = "",
    domain: str = "",
    invited_by: User,
    base_url: str = DEFAULT_BASE_URL,
) -> tuple[Invitation, str]:
    """Invite an address with a role, e-mail the link and return it with the raw token.

    A pending invitation to the same address is revoked: only the newest link works.
    """
    email = normalise_email(email)
    domain = domain.strip() if role == Role.DOMAIN_REFERENT else ""
    _check_role_details(role=role, profession=profession, domain=domain)
    if Membership.objects.filter(project=project, user__email__iexact=email).exists():
        raise DomainError(_("%(email)s est déjà membre de l'équipe.") % {"email": email})
    is_lead_full = (
        Membership.objects.filter(project=project, role=Role.PROJECT_LEAD).count()
        >= MAX_PROJECT_LEADS
    )
    if role == Role.PROJECT_LEAD and is_lead_full:
        raise DomainError(_("Un projet compte au plus deux chefs de projet."))
    now = clock.now()
    project.invitations.filter(
        email=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    raw_token = token_new()
    invitation = Invitation.objects.create(
        project=project,
        email=email,
        role=role,
        profession=profession,
        domain=domain,
        token_hash=token_hash(raw_token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    link = base_url.rstrip("/") + reverse("projects:invitation-accept", args=[raw_token])
    _send_invitation_email(invitation=invitation, link=link)
    return invitation, raw_token


@transaction.atomic
def invitation_revoke(*, invitation: Invitation) -> None:
    """Cancel an invitation that has not been used yet: its link stops working."""
    revoked = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=clock.now())
    revision_bump([invitation.project_id])  # an update in place sends no signal
    if not revoked:
        raise DomainError(_("Cette invitation a déjà été utilisée ou annulée."))


def _pending_or_refuse(raw_token: str) -> Invitation:
    """The pending invitation of a link, or a DomainError saying why it is refused."""
    invitation = invitation_for_token(raw_token=raw_token)
    refusal = invitation_refusal(invitation)
    if refusal or invitation is None:
        raise DomainError(refusal)
    return invitation


def _claim(invitation: Invitation) -> None:
    """Mark the invitation used with a conditional update: of two clicks, one wins."""
    now = clock.now()
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now
    ).update(accepted_at=now)
    if not claimed:
        raise DomainError(_("Cette invitation a déjà été utilisée."))


def _join(invitation: Invitation, user: User) -> Membership:
    """Give the invited role (and its permissions) to the user."""
    return membership_set_role(
        project=invitation.project,
        user=user,
        role=invitation.role,
        profession=invitation.profession,
        domain=invitation.domain,
    )


@transaction.atomic
def invitation_accept(*, raw_token: str, user: User) -> Membership:
    """The signed-in addressee accepts: the invitation is used and the role granted."""
    invitation = _pending_or_refuse(raw_token)
    if normalise_email(user.email) != invitation.email:
        raise DomainError(
            _("Cette invitation est adressée à %(email)s : connectez-vous avec cette adresse.")
            % {"email": invitation.email}
        )
    if Membership.objects.filter(project=invitation.project, user=user).exists():
        raise DomainError(_("Vous êtes déjà membre de ce projet."))
    _claim(invitation)
    return _join(invitation, user)


@transaction.atomic
def invitation_accept_new_account(
    *, raw_token: str, first_name: str, last_name: str, password: str
) -> Membership:
    """Create the addressee's account and accept the invitation with it."""
    invitation = _pending_or_refuse(raw_token)
    if account_for_email(email=invitation.email) is not None:
        raise DomainError(
            _("Un compte existe déjà pour %(email)s : connectez-vous pour accepter "
              "l'invitation.") % {"email": invitation.email}
        )
    # Claim before creating the account: a second submission then stops here instead of
    # colliding on the unique e-mail.
    _claim(invitation)
    user = get_user_model().objects.create_user(
        invitation.email, password, first_name=first_name.strip(), last_name=last_name.strip()
    )
    return _join(invitation, user)
