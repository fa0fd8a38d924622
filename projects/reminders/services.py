"""Writes of the reminders: send today's, once; a person's choice of reminders.

Sending is per person, inside one transaction that first locks the person's row: a second
beat tick running at the same moment waits, then finds today's reminders recorded and sends
nothing. The unique constraint on ``SentReminder`` stands behind the lock. The e-mail leaves
inside the transaction, so a mail server that refuses it leaves nothing recorded and the
next tick tries again.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from msp_si.accounts.models import User
from msp_si.common import clock
from msp_si.common.errors import DomainError

from ..models import ReminderOptOut, SentReminder
from ..plugins import ReminderItem, ReminderKind, reminder_kinds, reminder_sources
from . import rules
from .tokens import stop_token, stop_token_read

logger = logging.getLogger(__name__)


def reminders_due(*, today: date, now: datetime) -> list[ReminderItem]:
    """Everything the plug-ins find due today, every project, before anyone's choice."""
    return [item for source in reminder_sources()
            for item in import_string(source)(today=today, now=now)]


def reminders_send(*, today: date | None = None, now: datetime | None = None) -> int:
    """E-mail today's reminders, one message per person; returns how many left.

    Safe to run twice the same day, or twice at once: nothing is sent twice.
    """
    now = now or clock.now()
    today = today or clock.today()
    items = reminders_due(today=today, now=now)
    user_ids = {item.user_id for item in items}
    mailings = rules.plan(
        items, kind_order=[kind.code for kind in reminder_kinds()],
        opted_out=set(ReminderOptOut.objects.filter(user_id__in=user_ids)
                      .values_list("user_id", "kind")),
        already_sent=set(SentReminder.objects.filter(user_id__in=user_ids, sent_on=today)
                         .values_list("user_id", "kind", "subject")))
    return sum(_mailing_send(mailing=mailing, today=today, now=now) for mailing in mailings)


@transaction.atomic
def _mailing_send(*, mailing: rules.Mailing, today: date, now: datetime) -> int:
    """Record and send one person's reminders (1), or nothing left to send (0)."""
    user = User.objects.select_for_update().filter(pk=mailing.user_id, is_active=True).first()
    if user is None or not user.email:
        return 0
    # Re-read under the lock: a concurrent tick may have sent some of them meanwhile.
    sent = set(SentReminder.objects.filter(user=user, sent_on=today)
               .values_list("kind", "subject"))
    items = [item for item in mailing.items if (item.kind, item.subject) not in sent]
    if not items:
        return 0
    try:
        with transaction.atomic():
            SentReminder.objects.bulk_create([
                SentReminder(user=user, kind=item.kind, subject=item.subject, sent_on=today,
                             sent_at=now) for item in items])
    except IntegrityError:
        return 0  # another tick recorded them meanwhile; any left over go at the next tick
    try:
        _message(user=user, items=items, today=today).send()
    except (smtplib.SMTPException, OSError) as error:
        logger.warning("Reminder e-mail to user %s failed: %s", user.pk, error)
        transaction.set_rollback(True)
        return 0
    return 1


def _message(*, user: User, items: list[ReminderItem], today: date) -> EmailMultiAlternatives:
    """The French e-mail, text and HTML, with a stop link per kind of reminder."""
    labels = {kind.code: kind.label for kind in reminder_kinds()}
    sections: dict[str, list[ReminderItem]] = {}
    for item in items:
        sections.setdefault(item.kind, []).append(item)
    context = {
        "user": user,
        "count": len(items),
        "site_url": settings.SITE_URL,
        "preferences_url": settings.SITE_URL + reverse("projects:reminder-preferences"),
        "sections": [{
            "label": labels.get(kind, kind),
            "items": [{"item": item, "url": settings.SITE_URL + item.path}
                      for item in section],
            "stop_url": settings.SITE_URL + reverse("projects:reminder-stop", args=[
                stop_token(user_id=user.pk, kind=kind, issued_on=today)]),
        } for kind, section in sections.items()],
    }
    message = EmailMultiAlternatives(
        rules.subject_line(len(items)),
        render_to_string("emails/reminders_body.txt", context), None, [user.email])
    message.attach_alternative(render_to_string("emails/reminders_body.html", context),
                               "text/html")
    # Mail clients show their own « se désabonner » for the first kind's link.
    message.extra_headers["List-Unsubscribe"] = f"<{context['sections'][0]['stop_url']}>"
    message.extra_headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    return message


def reminder_kinds_for(user: User) -> list[tuple[ReminderKind, bool]]:
    """Every kind of reminder and whether ``user`` receives it."""
    off = set(ReminderOptOut.objects.filter(user=user).values_list("kind", flat=True))
    return [(kind, kind.code not in off) for kind in reminder_kinds()]


@transaction.atomic
def reminder_preferences_set(*, user: User, enabled: Iterable[str]) -> None:
    """Keep the kinds in ``enabled`` and turn every other kind off for ``user``."""
    codes = {kind.code for kind in reminder_kinds()}
    wanted = set(enabled)
    if not wanted <= codes:
        raise DomainError(_("Ce type de rappel n'existe pas : rien n'a été changé."))
    # Row by row (never in bulk): each change leaves its line in the history.
    current = {row.kind: row for row in ReminderOptOut.objects.filter(user=user)}
    for code in sorted(wanted & set(current)):
        current[code].delete()
    for code in sorted(codes - wanted - set(current)):
        ReminderOptOut.objects.create(user=user, kind=code)


def reminder_stop_request(*, token: str) -> tuple[User, ReminderKind]:
    """Who and which kind a stop link names; a DomainError when forged, expired or stale."""
    request = stop_token_read(token, today=clock.today(),
                              valid_days=settings.REMINDER_STOP_LINK_DAYS)
    kind = next((kind for kind in reminder_kinds() if kind.code == request.kind), None)
    user = User.objects.filter(pk=request.user_id, is_active=True).first()
    if kind is None or user is None:
        raise DomainError(_("Ce lien d'arrêt des rappels ne correspond plus à aucun rappel. "
                            "Vous pouvez choisir vos rappels depuis votre compte."))
    return user, kind


@transaction.atomic
def reminder_stop(*, token: str) -> tuple[User, ReminderKind]:
    """Turn off the kind of reminder a valid stop link names (once is enough)."""
    user, kind = reminder_stop_request(token=token)
    ReminderOptOut.objects.get_or_create(user=user, kind=kind.code)
    return user, kind
