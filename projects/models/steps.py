"""The 18 steps of a project, their status history and collegial validations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import StepStatus, ValidationDecision
from ..method import STEP_BY_NUMBER, StepDefinition


class Step(models.Model):
    """One of the 18 steps of the method, as followed on one project."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="steps")
    number = models.PositiveSmallIntegerField()
    status = models.CharField(
        _("statut"), max_length=16, choices=StepStatus.choices, default=StepStatus.TODO
    )
    # SET_NULL: an assignment, not something the person produced.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("responsable"),
    )
    start_on = models.DateField(_("début prévu"), null=True, blank=True)
    due_on = models.DateField(_("échéance"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("étape")
        ordering = ("project", "number")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="step_unique_number"),
            models.CheckConstraint(
                condition=models.Q(number__gte=1, number__lte=18), name="step_number_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.definition.title}"

    @property
    def definition(self) -> StepDefinition:
        """Title, phase, objective and deliverable from the method."""
        return STEP_BY_NUMBER[self.number]


class StepTransition(models.Model):
    """One status change of a step: who, when, from → to."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=StepStatus.choices)
    to_status = models.CharField(max_length=16, choices=StepStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("changement de statut")
        ordering = ("-at", "-id")

    def __str__(self) -> str:
        return f"{self.step}: {self.from_status} → {self.to_status}"


class StepValidation(models.Model):
    """The collegial validation of a step's deliverable, recorded by a chef de projet."""

    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="validations")
    held_on = models.DateField(_("date de la réunion"))
    decision = models.CharField(
        _("décision"), max_length=16, choices=ValidationDecision.choices
    )
    attendees = models.ManyToManyField(
        "projects.Membership", related_name="+", verbose_name=_("présents")
    )
    # The attendees' names as recorded: removing someone from the team later deletes their
    # membership (hence their row in ``attendees``), never their presence at the meeting.
    attendee_names = models.JSONField(_("présents (noms)"), default=list)
    notes = models.TextField(_("compte rendu"), blank=True)
    document = models.ForeignKey(
        "projects.Document", on_delete=models.PROTECT, null=True, blank=True,
        related_name="validations", verbose_name=_("version validée du document"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("validation collégiale")
        ordering = ("-held_on", "-id")

    def __str__(self) -> str:
        return f"{self.step} — {self.get_decision_display()} ({self.held_on})"
