"""Forms of the budget: amounts in euros to the cent, never negative."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ..choices import BudgetNature, FundingKind


class EurosField(forms.DecimalField):
    """An amount as people type it: « 1 500,50 », « 1500.5 » (any space groups thousands)."""

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u202f", "").replace("€", "")
        return super().to_python(value)


def _euros(label: StrOrPromise, *, required: bool = True) -> EurosField:
    return EurosField(label=label, max_digits=12, decimal_places=2, min_value=Decimal(0),
                      required=required, localize=True)


class BudgetLineForm(forms.Form):
    """A budget line: nature, label, estimated / committed / paid € HT, VAT rate."""

    nature = forms.ChoiceField(label=_("Nature"), choices=BudgetNature.choices)
    label = forms.CharField(label=_("Libellé"), max_length=200)
    estimated = _euros(_("Estimé (€ HT)"))
    committed = _euros(_("Engagé (€ HT)"))
    paid = _euros(_("Payé (€ HT)"))
    vat_rate = forms.DecimalField(label=_("Taux de TVA (%)"), max_digits=5, decimal_places=2,
                                  min_value=Decimal(0), max_value=Decimal(100),
                                  initial=Decimal("20.00"), localize=True)


class FundingForm(forms.Form):
    """A funding source: origin, label, amounts requested and granted."""

    kind = forms.ChoiceField(label=_("Origine"), choices=FundingKind.choices)
    label = forms.CharField(label=_("Libellé"), max_length=200)
    requested = _euros(_("Demandé (€)"))
    granted = _euros(_("Accordé (€)"))
