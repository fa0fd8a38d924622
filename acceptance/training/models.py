"""Training (step 15): groups of trainees, sessions, attendance."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.choices import Profession

from ..choices import AttendanceStatus, TrainingGroupKind, TrainingMode


class TrainingGroup(models.Model):
    """A group trained together: administrators, one profession, the secretariat…"""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nom du groupe"), max_length=120)
    kind = models.CharField(_("type"), max_length=16, choices=TrainingGroupKind.choices)
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices,
                                  blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("kind", "name", "id")
        verbose_name = _("groupe de formation")
        verbose_name_plural = _("groupes de formation")
        constraints = [
            models.UniqueConstraint(fields=("project", "name"), name="training_group_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Trainee(models.Model):
    """A person to train: a member of the project, or someone listed without an account."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(TrainingGroup, on_delete=models.RESTRICT, related_name="trainees",
                              verbose_name=_("groupe"))
    # Empty for a person without an account (a secretary, a vacataire): name only.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    name = models.CharField(_("nom"), max_length=200)
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices,
                                  blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("name", "id")
        verbose_name = _("personne à former")
        verbose_name_plural = _("personnes à former")
        constraints = [
            models.UniqueConstraint(fields=("project", "user"), condition=models.Q(
                user__isnull=False), name="trainee_unique_user"),
        ]

    def __str__(self) -> str:
        return self.name


class TrainingSession(models.Model):
    """A training session: when, where, how, by whom, for which groups."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("intitulé"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=180)
    mode = models.CharField(_("modalité"), max_length=20, choices=TrainingMode.choices,
                            default=TrainingMode.IN_PERSON)
    location = models.CharField(_("lieu ou lien"), max_length=300, blank=True)
    trainer = models.CharField(_("formateur"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(_("nombre de places"), null=True, blank=True)
    groups = models.ManyToManyField(TrainingGroup, related_name="sessions", blank=True,
                                    verbose_name=_("groupes convoqués"))
    convocations_sent_at = models.DateTimeField(_("convocations envoyées le"), null=True,
                                                blank=True)
    history = HistoricalRecords(m2m_fields=[groups])

    class Meta:
        ordering = ("starts_at", "id")
        verbose_name = _("session de formation")
        verbose_name_plural = _("sessions de formation")

    def __str__(self) -> str:
        return self.title


class Attendance(models.Model):
    """Whether one convened person attended one session."""

    session = models.ForeignKey(TrainingSession, on_delete=models.RESTRICT,
                                related_name="attendances")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey(Trainee, on_delete=models.RESTRICT, related_name="attendances")
    status = models.CharField(_("présence"), max_length=10, choices=AttendanceStatus.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("présence")
        verbose_name_plural = _("présences")
        constraints = [
            models.UniqueConstraint(fields=("session", "trainee"), name="attendance_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} — {self.get_status_display()}"
