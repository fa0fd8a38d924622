"""Forms of the contract page: its dates and service levels, an obligation's promise."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from requirements.expected.models import SupportDays

from .models import Contract, Obligation

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ContractForm(forms.ModelForm):
    """Dates and service levels of the contract (step 7 figures, or the vendor's better ones)."""

    support_days = forms.ChoiceField(label=_("Jours d'ouverture du support"),
                                     choices=SupportDays.choices)

    class Meta:
        model = Contract
        fields = ("signed_on", "duration_months", "go_live_on", "warranty_months",
                  "reactivity_months", "blocking_response_hours", "major_response_hours",
                  "minor_response_hours", "support_start_hour", "support_end_hour",
                  "support_days", "availability_percent")
        widgets = {"signed_on": _DATE, "go_live_on": _DATE}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("support_start_hour"), data.get("support_end_hour")
        if start is not None and end is not None and not 0 <= start < end <= 24:
            self.add_error("support_end_hour", _("La fermeture du support doit suivre son "
                                                 "ouverture, au plus tard à 24 h."))
        percent = data.get("availability_percent")
        if percent is not None and not 0 <= percent <= 100:
            self.add_error("availability_percent", _("Une disponibilité est comprise entre "
                                                     "0 et 100 %."))
        return data


class ObligationForm(forms.ModelForm):
    """What the vendor promised for one need, and the team's note."""

    class Meta:
        model = Obligation
        fields = ("promised_on", "promised_cost", "note")
        widgets = {"promised_on": _DATE}

    def clean_promised_cost(self) -> Any:
        cost = self.cleaned_data.get("promised_cost")
        if cost is not None and cost < 0:
            raise forms.ValidationError(_("Un coût ne peut pas être négatif."))
        return cost
