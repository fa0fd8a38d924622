"""Forms of the projects app: parse and validate input, nothing else."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import LegalStructure, Profession
from ..models import Project

MAX_HEADCOUNT = 500


class ProjectForm(forms.ModelForm):
    """Identity of the MSP: name, legal structure, start date."""

    class Meta:
        model = Project
        fields = ("name", "legal_structure", "start_on")
        widgets = {"start_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class SiteForm(forms.Form):
    name = forms.CharField(label=_("Nom du site"), max_length=120, required=False)
    city = forms.CharField(label=_("Commune"), max_length=120, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("city") and not data.get("name"):
            self.add_error("name", _("Donnez un nom au site."))
        return data


SiteFormSet = forms.formset_factory(SiteForm, extra=1, min_num=1, max_num=10,
                                    validate_max=True)


class HeadcountForm(forms.Form):
    """Head count per profession: one number field per profession of the catalogue."""

    def __init__(self, *args: Any, initial_counts: dict[str, int] | None = None,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        counts = initial_counts or {}
        for code, label in Profession.choices:
            self.fields[code] = forms.IntegerField(
                label=label, min_value=0, max_value=MAX_HEADCOUNT, required=False,
                initial=counts.get(code, 0),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(data.get(code) for code in Profession.values):
            raise forms.ValidationError(
                _("Indiquez l'effectif d'au moins une profession présente.")
            )
        return data

    def counts(self) -> list[tuple[str, int]]:
        """Professions present, in catalogue order, with their head count."""
        return [(c, self.cleaned_data[c]) for c in Profession.values
                if self.cleaned_data.get(c)]


LEGAL_STRUCTURE_CHOICES = LegalStructure.choices
