"""The contract with the chosen vendor (MOE), recorded with the choice at the end of step 11.

Phase 4 holds the vendor to it: its service levels time the anomalies, its obligations are
the needs the offer did not cover in standard, and the PV de recette starts its warranty.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Contract(models.Model):
    """The project's contract with its vendor: dates, service levels, the vendor's link."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="contract")
    vendor_name = models.CharField(_("prestataire"), max_length=200)
    signed_on = models.DateField(_("date de signature"), null=True, blank=True)
    duration_months = models.PositiveSmallIntegerField(_("durée (mois)"), null=True,
                                                       blank=True)
    # Warranty: it starts on the day the PV de recette is validated (cahier des charges).
    warranty_months = models.PositiveSmallIntegerField(_("durée de garantie (mois)"),
                                                       default=12)
    warranty_starts_on = models.DateField(_("début de la garantie"), null=True, blank=True)
    reactivity_months = models.PositiveSmallIntegerField(
        _("période de réactivité renforcée après la recette (mois)"), default=2)
    go_live_on = models.DateField(_("mise en service"), null=True, blank=True)
    # Service levels, copied from step 7 (or the vendor's better commitments), editable.
    blocking_response_hours = models.PositiveSmallIntegerField(
        _("délai de prise en charge d'une anomalie bloquante (heures ouvrées)"))
    major_response_hours = models.PositiveSmallIntegerField(
        _("délai de prise en charge d'une anomalie majeure (heures ouvrées)"))
    minor_response_hours = models.PositiveSmallIntegerField(
        _("délai de prise en charge d'une anomalie mineure (heures ouvrées)"))
    support_start_hour = models.PositiveSmallIntegerField(_("ouverture du support (heure)"))
    support_end_hour = models.PositiveSmallIntegerField(_("fermeture du support (heure)"))
    support_days = models.CharField(_("jours d'ouverture du support"), max_length=16)
    availability_percent = models.DecimalField(_("disponibilité (%)"), max_digits=5,
                                               decimal_places=2, null=True, blank=True)
    # The vendor's link (step 14/16 anomalies), as for the consultation: only its hash.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    token_created_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "token_hash"])

    class Meta:
        verbose_name = _("contrat")
        verbose_name_plural = _("contrats")

    def __str__(self) -> str:
        return str(_("Contrat avec %s")) % self.vendor_name


class Obligation(models.Model):
    """A need the chosen offer does not cover in standard: what the vendor promised for it."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    contract = models.ForeignKey(Contract, on_delete=models.RESTRICT,
                                 related_name="obligations")
    requirement = models.ForeignKey("requirements.Requirement", on_delete=models.PROTECT,
                                    related_name="+")
    # What the need and the answer said when the contract was recorded.
    code = models.CharField(_("code"), max_length=16)
    need_text = models.TextField(_("besoin"))
    priority = models.CharField(_("priorité"), max_length=12)
    answer = models.CharField(_("réponse du prestataire"), max_length=40)
    promised_on = models.DateField(_("date promise"), null=True, blank=True)
    promised_cost = models.DecimalField(_("coût promis (€ HT)"), max_digits=10,
                                        decimal_places=2, null=True, blank=True)
    vendor_comment = models.CharField(_("commentaire du prestataire"), max_length=500,
                                      blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("engagement du prestataire")
        verbose_name_plural = _("engagements du prestataire")
        constraints = [
            models.UniqueConstraint(fields=("contract", "requirement"),
                                    name="obligation_unique_requirement"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.answer}"
