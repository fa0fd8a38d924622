"""The project's budget: lines by nature (estimated, committed, paid) and funding sources."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from ..choices import BudgetNature, FundingKind


def _amount(label: StrOrPromise) -> models.DecimalField:
    """An amount in euros to the cent, zero until known."""
    return models.DecimalField(label, max_digits=12, decimal_places=2, default=Decimal(0))


class BudgetLine(models.Model):
    """A line of the budget entered by hand: amounts in € HT, with its VAT rate."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="budget_lines")
    nature = models.CharField(_("nature"), max_length=16, choices=BudgetNature.choices)
    label = models.CharField(_("libellé"), max_length=200)
    estimated = _amount(_("estimé (€ HT)"))
    committed = _amount(_("engagé (€ HT)"))
    paid = _amount(_("payé (€ HT)"))
    vat_rate = models.DecimalField(_("taux de TVA (%)"), max_digits=5, decimal_places=2,
                                   default=Decimal("20.00"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ligne de budget")
        ordering = ("nature", "id")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(estimated__gte=0, committed__gte=0, paid__gte=0,
                                   vat_rate__gte=0, vat_rate__lte=100),
                name="budgetline_amounts_positive"),
        ]

    def __str__(self) -> str:
        return self.label


class FundingSource(models.Model):
    """A funding of the project: amount requested and amount granted."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="funding_sources")
    kind = models.CharField(_("origine"), max_length=20, choices=FundingKind.choices)
    label = models.CharField(_("libellé"), max_length=200)
    requested = _amount(_("demandé (€)"))
    granted = _amount(_("accordé (€)"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financement")
        ordering = ("kind", "id")
        constraints = [
            models.CheckConstraint(condition=models.Q(requested__gte=0, granted__gte=0),
                                   name="fundingsource_amounts_positive"),
        ]

    def __str__(self) -> str:
        return self.label
