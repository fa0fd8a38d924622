"""Step 7 « prestations attendues »: what the MSP expects from the vendor (MOE).

One row per project holds the expectations of every service family, with numeric service
levels; the data to migrate is a small structured list. Until the project saves, the page
and the cahier des charges show the defaults of ``requirements.service_defaults``.
"""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SupportDays(models.TextChoices):
    WEEKDAYS = "weekdays", _("Du lundi au vendredi")
    WEEKDAYS_SATURDAY = "weekdays_sat", _("Du lundi au samedi")
    EVERY_DAY = "every_day", _("Tous les jours")


class ComplementaryPricing(models.TextChoices):
    """How the complementary services ordered later are priced (seed 001, step 7)."""

    INCLUDED = "included", _("Inclus dans le contrat de base")
    PRICE_LIST = "price_list", _("Tarif unitaire fixé au contrat, révisable selon un indice")
    QUOTE = "quote", _("Sur devis, dans la limite d'un plafond fixé au contrat")


class ServiceExpectations(models.Model):
    """Expectations of the MSP for each family of services, with the SLA figures."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="service_expectations"
    )
    steering = models.TextField(_("pilotage du projet"), blank=True)
    preparation = models.TextField(_("préparation de la mise en œuvre"), blank=True)
    installation = models.TextField(_("installation et paramétrage"), blank=True)
    migration = models.TextField(_("reprise des données"), blank=True)
    acceptance = models.TextField(_("recette fonctionnelle et technique"), blank=True)
    training = models.TextField(_("plan de formation"), blank=True)
    startup_support = models.TextField(_("assistance au démarrage"), blank=True)
    maintenance = models.TextField(_("maintenance et support aux utilisateurs"), blank=True)
    availability_percent = models.DecimalField(_("disponibilité (%)"), max_digits=5,
                                               decimal_places=2, default=Decimal("99.50"))
    blocking_response_hours = models.PositiveSmallIntegerField(
        _("délai d'intervention, anomalie bloquante (heures)"), default=4)
    minor_response_hours = models.PositiveSmallIntegerField(
        _("délai d'intervention, anomalie mineure (heures)"), default=48)
    warranty_months = models.PositiveSmallIntegerField(_("durée de garantie (mois)"),
                                                       default=12)
    support_start_hour = models.PositiveSmallIntegerField(_("ouverture du support (heure)"),
                                                          default=8)
    support_end_hour = models.PositiveSmallIntegerField(_("fermeture du support (heure)"),
                                                        default=19)
    support_days = models.CharField(_("jours d'ouverture du support"), max_length=16,
                                    choices=SupportDays.choices, default=SupportDays.WEEKDAYS)
    full_reversibility = models.TextField(_("réversibilité totale en fin de contrat"),
                                          blank=True)
    partial_reversibility = models.TextField(
        _("réversibilité partielle au départ d'un professionnel"), blank=True)
    complementary_services = models.TextField(_("prestations complémentaires"), blank=True)
    commitment_years = models.PositiveSmallIntegerField(
        _("durée d'engagement du fournisseur (années)"), default=5)
    complementary_pricing = models.CharField(
        _("tarification des prestations complémentaires"), max_length=16,
        choices=ComplementaryPricing.choices, default=ComplementaryPricing.PRICE_LIST)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("prestations attendues")
        verbose_name_plural = _("prestations attendues")

    def __str__(self) -> str:
        return f"Prestations — {self.project}"


class MigrationItem(models.Model):
    """A set of data to take over into the new system: from which software, in which format."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="migration_items"
    )
    data = models.CharField(_("données à reprendre"), max_length=200)
    source_software = models.CharField(_("logiciel ou base source"), max_length=200)
    data_format = models.CharField(_("format d'échange"), max_length=120)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("données à reprendre")
        verbose_name_plural = _("données à reprendre")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.data
