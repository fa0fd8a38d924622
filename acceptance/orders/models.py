"""Complementary orders (step 18): the bon de commande and its priced lines."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import OrderKind, OrderStatus
from .rules import DEFAULT_VAT_PERCENT, order_reference


class PurchaseOrder(models.Model):
    """A complementary service ordered from the vendor, numbered per project."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("numéro"))
    kind = models.CharField(_("type de prestation"), max_length=24, choices=OrderKind.choices)
    title = models.CharField(_("objet"), max_length=200)
    scope = models.TextField(_("périmètre détaillé"), max_length=4000)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("demandé par"))
    concerned = models.CharField(_("profession ou personne concernée"), max_length=200,
                                 blank=True)
    schedule = models.CharField(_("calendrier"), max_length=300, blank=True)
    latest_on = models.DateField(_("date limite de réalisation"), null=True, blank=True)
    opportunity = models.TextField(_("opportunité (coût au regard du besoin)"),
                                   max_length=2000, blank=True)
    # Step 7 did not list it: the chef de projet orders it only with a written reason.
    is_not_foreseen = models.BooleanField(default=False)
    not_foreseen_reason = models.CharField(_("justification hors cahier des charges"),
                                           max_length=500, blank=True)
    vat_percent = models.DecimalField(_("taux de TVA (%)"), max_digits=4, decimal_places=2,
                                      default=DEFAULT_VAT_PERCENT)
    status = models.CharField(_("statut"), max_length=12, choices=OrderStatus.choices,
                              default=OrderStatus.DRAFT)
    approved_at = models.DateTimeField(_("approuvé le"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    status_changed_at = models.DateTimeField(_("statut changé le"))
    created_at = models.DateTimeField(_("créé le"))
    history = HistoricalRecords()

    class Meta:
        ordering = ("-number",)
        verbose_name = _("bon de commande")
        verbose_name_plural = _("bons de commande")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"),
                                    name="purchase_order_unique_number"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} — {self.title}"

    @property
    def reference(self) -> str:
        return order_reference(self.number)


class PurchaseOrderLine(models.Model):
    """One priced line: a price-sheet item, its unit, quantity and unit price HT."""

    order = models.ForeignKey(PurchaseOrder, on_delete=models.RESTRICT, related_name="lines")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    price_key = models.CharField(_("poste de la grille de prix"), max_length=40)
    label = models.CharField(_("désignation"), max_length=200)
    unit = models.CharField(_("unité"), max_length=60)
    quantity = models.DecimalField(_("quantité"), max_digits=8, decimal_places=2)
    unit_price = models.DecimalField(_("prix unitaire HT (€)"), max_digits=10,
                                     decimal_places=2)
    # True when the sheet had no price and the unit price comes from the vendor's quote.
    is_quoted = models.BooleanField(default=False)
    total = models.DecimalField(_("total HT (€)"), max_digits=12, decimal_places=2,
                                default=Decimal("0.00"))
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("ligne de bon de commande")
        verbose_name_plural = _("lignes de bon de commande")

    def __str__(self) -> str:
        return self.label
