"""E-mail reminders: the kinds a person has turned off, and every reminder sent."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class ReminderOptOut(models.Model):
    """A kind of reminder one person no longer wants (every kind is sent by default)."""

    # PROTECT: accounts are deactivated, never deleted; the choice stays with them.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(_("type de rappel"), max_length=40)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rappel désactivé")
        verbose_name_plural = _("rappels désactivés")
        constraints = [
            models.UniqueConstraint(fields=("user", "kind"), name="reminder_optout_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.kind}"


class SentReminder(models.Model):
    """One reminder sent to one person on one day: the unique constraint is what keeps a
    second beat tick (or two at once) from sending it again."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=120)
    sent_on = models.DateField()
    sent_at = models.DateTimeField()

    class Meta:
        verbose_name = _("rappel envoyé")
        verbose_name_plural = _("rappels envoyés")
        constraints = [
            models.UniqueConstraint(fields=("user", "kind", "subject", "sent_on"),
                                    name="sent_reminder_once_a_day"),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.kind} {self.subject} ({self.sent_on})"
