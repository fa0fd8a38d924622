"""The project's risk register: risks, every re-evaluation kept, preventive actions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import RiskNature, RiskStatus

_SCALE = [MinValueValidator(1), MaxValueValidator(4)]


class Risk(models.Model):
    """A risk of the project: nature, rating (probability × impact, 1–4 each), owner."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="risks")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=200)
    nature = models.CharField(_("nature"), max_length=16, choices=RiskNature.choices)
    description = models.TextField(_("description"), blank=True, max_length=2000)
    # The latest rating; every rating, this one included, is a RiskAssessment row.
    probability = models.PositiveSmallIntegerField(_("probabilité"), validators=_SCALE)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=_SCALE)
    assessed_on = models.DateField(_("dernière évaluation"))
    status = models.CharField(_("statut"), max_length=12, choices=RiskStatus.choices,
                              default=RiskStatus.OPEN)
    # SET_NULL: an assignment, not something the person produced.
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("responsable"))
    # Code of the method's known risk it comes from (``risks.rules.KNOWN_RISKS``), if any.
    source = models.CharField(max_length=32, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("risque")
        ordering = ("number",)
        constraints = [
            models.UniqueConstraint(fields=("project", "number"), name="risk_unique_number"),
            # Each of the method's known risks is accepted or refused once per project.
            models.UniqueConstraint(fields=("project", "source"), name="risk_unique_source",
                                    condition=~models.Q(source="")),
            models.CheckConstraint(condition=models.Q(probability__gte=1, probability__lte=4,
                                                      impact__gte=1, impact__lte=4),
                                   name="risk_rating_range"),
        ]

    def __str__(self) -> str:
        return f"R{self.number} — {self.title}"

    @property
    def criticality(self) -> int:
        """Probability × impact, 1 to 16."""
        return self.probability * self.impact


class RiskAssessment(models.Model):
    """One rating of a risk, kept for ever: the criticality over time."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    # RESTRICT: a rating stays as long as its risk (only the whole project takes both).
    risk = models.ForeignKey(Risk, on_delete=models.RESTRICT, related_name="assessments")
    probability = models.PositiveSmallIntegerField(_("probabilité"), validators=_SCALE)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=_SCALE)
    assessed_on = models.DateField(_("date"))
    comment = models.CharField(_("commentaire"), max_length=500, blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("évaluation d'un risque")
        ordering = ("assessed_on", "id")

    def __str__(self) -> str:
        return f"R{self.risk.number} — {self.probability} × {self.impact}"

    @property
    def criticality(self) -> int:
        """Probability × impact, 1 to 16."""
        return self.probability * self.impact


class RiskAction(models.Model):
    """A preventive action of a risk: what, who, by when; it is a task of the calendar."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    risk = models.ForeignKey(Risk, on_delete=models.RESTRICT, related_name="actions")
    # The calendar task carrying the action (its status says whether it is done).
    task = models.OneToOneField("projects.Task", on_delete=models.SET_NULL, null=True,
                                blank=True, related_name="risk_action")
    description = models.CharField(_("action préventive"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("action préventive")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.description
