"""The anomaly log shared by the recette (step 14) and maintenance (step 16)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import AnomalyStatus, Severity


class Anomaly(models.Model):
    """A fiche anomalie, timed against the contract's service levels."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    reproduction = models.TextField(_("étapes pour reproduire"), max_length=4000, blank=True)
    severity = models.CharField(_("gravité"), max_length=12, choices=Severity.choices)
    status = models.CharField(_("statut"), max_length=16, choices=AnomalyStatus.choices,
                              default=AnomalyStatus.OPEN)
    requirement = models.ForeignKey("requirements.Requirement", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("besoin"))
    case = models.ForeignKey("acceptance.AcceptanceCase", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="anomalies",
                             verbose_name=_("cas de test"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("signalée par"))
    reported_at = models.DateTimeField(_("signalée le"))
    # SLA clock: when the vendor must have taken it into account, from the contract.
    due_at = models.DateTimeField(_("prise en compte attendue avant"), null=True, blank=True)
    acknowledged_at = models.DateTimeField(_("prise en compte le"), null=True, blank=True)
    corrected_at = models.DateTimeField(_("corrigée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    # After go-live (step 16), non-blocking anomalies go into the periodic list.
    is_after_go_live = models.BooleanField(default=False)
    reserve_due_on = models.DateField(_("levée de la réserve attendue le"), null=True,
                                      blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("-number",)
        verbose_name = _("anomalie")
        verbose_name_plural = _("anomalies")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"),
                                    name="anomaly_unique_number"),
        ]

    def __str__(self) -> str:
        return f"AN-{self.number:03d} — {self.title}"


class AnomalyComment(models.Model):
    """A comment on an anomaly: from a member (internal or shared) or from the vendor."""

    anomaly = models.ForeignKey(Anomaly, on_delete=models.RESTRICT, related_name="comments")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+")
    # Written through the vendor's link (no account): ``author`` is empty.
    is_from_vendor = models.BooleanField(default=False)
    # Internal comments are never shown to the vendor.
    is_internal = models.BooleanField(default=False)
    text = models.TextField(_("commentaire"), max_length=4000)
    created_at = models.DateTimeField()
    history = HistoricalRecords()

    class Meta:
        ordering = ("created_at", "id")
        verbose_name = _("commentaire d'anomalie")
        verbose_name_plural = _("commentaires d'anomalie")

    def __str__(self) -> str:
        return self.text[:60]
