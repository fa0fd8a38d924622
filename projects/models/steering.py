"""COPIL minutes on the meetings of step 3: attendees, agenda, the dashboard as it was,
numbered decisions, actions (calendar tasks) and the risks reviewed."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MeetingMinutes(models.Model):
    """The compte rendu of one meeting of the comité de pilotage, recorded once."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    # RESTRICT: a meeting with minutes is no longer cancelled by deleting it.
    meeting = models.OneToOneField("projects.Meeting", on_delete=models.RESTRICT,
                                   related_name="minutes")
    attendees = models.ManyToManyField("projects.Membership", related_name="+",
                                       verbose_name=_("présents"))
    # The names as recorded: leaving the team later never removes a presence.
    attendee_names = models.JSONField(_("présents (noms)"), default=list)
    agenda = models.TextField(_("ordre du jour"), max_length=4000)
    notes = models.TextField(_("compte rendu"), blank=True, max_length=8000)
    risks_reviewed = models.ManyToManyField("projects.Risk", related_name="+", blank=True,
                                            verbose_name=_("risques revus"))
    # The dashboard frozen at the meeting: progress, budget, top risks (plain values).
    snapshot = models.JSONField(_("tableau de bord à la date du comité"), default=dict)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["snapshot"])

    class Meta:
        verbose_name = _("compte rendu de COPIL")
        verbose_name_plural = _("comptes rendus de COPIL")

    def __str__(self) -> str:
        return f"Compte rendu — {self.meeting}"


class MeetingDecision(models.Model):
    """A decision of the COPIL, numbered across the project's meetings."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    minutes = models.ForeignKey(MeetingMinutes, on_delete=models.RESTRICT,
                                related_name="decisions")
    number = models.PositiveSmallIntegerField(_("numéro"))
    text = models.CharField(_("décision"), max_length=500)
    decided_on = models.DateField(_("date"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("décision de COPIL")
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("project", "number"),
                                    name="meetingdecision_unique_number"),
        ]

    def __str__(self) -> str:
        return f"D{self.number} — {self.text}"


class MeetingAction(models.Model):
    """An action decided in a COPIL; it is a task of the calendar."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    minutes = models.ForeignKey(MeetingMinutes, on_delete=models.RESTRICT,
                                related_name="actions")
    task = models.OneToOneField("projects.Task", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="meeting_action")
    description = models.CharField(_("action"), max_length=200)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action de COPIL")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.description
