"""Step 3: tasks, milestones, meetings of the project bodies, deployment waves."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import ProjectBody, TaskStatus


class Task(models.Model):
    """A piece of work of a step, with dates, owner and status."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="tasks")
    step = models.ForeignKey(
        "projects.Step", on_delete=models.CASCADE, related_name="tasks",
        verbose_name=_("étape"),
    )
    title = models.CharField(_("intitulé"), max_length=200)
    start_on = models.DateField(_("début"))
    due_on = models.DateField(_("échéance"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("responsable"),
    )
    status = models.CharField(
        _("statut"), max_length=16, choices=TaskStatus.choices, default=TaskStatus.TODO
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tâche")
        ordering = ("start_on", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("start_on")),
                name="task_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Milestone(models.Model):
    """A dated milestone of the project (e.g. note de cadrage validated)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(_("intitulé"), max_length=200)
    due_on = models.DateField(_("date"))
    step = models.ForeignKey(
        "projects.Step", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="milestones", verbose_name=_("étape"),
    )
    is_reached = models.BooleanField(_("atteint"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("jalon")
        ordering = ("due_on", "id")

    def __str__(self) -> str:
        return self.title


class Meeting(models.Model):
    """A meeting of one of the project bodies."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="meetings"
    )
    body = models.CharField(_("instance"), max_length=24, choices=ProjectBody.choices)
    held_on = models.DateField(_("date"))
    topic = models.CharField(_("ordre du jour"), max_length=300)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réunion")
        ordering = ("held_on", "id")

    def __str__(self) -> str:
        return f"{self.get_body_display()} — {self.held_on}"


class DeploymentWave(models.Model):
    """A successive wave of modules going live (seed 001, step 3)."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="waves"
    )
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=200)
    start_on = models.DateField(_("mise en service prévue"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vague de déploiement")
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="wave_unique_number"),
        ]

    def __str__(self) -> str:
        return f"Vague {self.number} — {self.title}"
