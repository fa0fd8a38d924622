"""Forms of step 7 « prestations attendues »: one per group of service families."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..section_forms import SectionMixin, textarea
from .models import MigrationItem, ServiceExpectations
from .rules import SLA_RANGES, sla_problems

# Section slug → (fields, title) in the order of the cahier des charges (step 8).
SECTIONS: dict[str, tuple[tuple[str, ...], Any]] = {
    "steering": (("steering", "preparation", "installation"),
                 _("Pilotage, préparation, installation et paramétrage")),
    "migration": (("migration",), _("Reprise des données")),
    "acceptance": (("acceptance", "training", "startup_support"),
                   _("Recette, formation et assistance au démarrage")),
    "maintenance": (("maintenance", "availability_percent", "blocking_response_hours",
                     "minor_response_hours", "warranty_months", "support_start_hour",
                     "support_end_hour", "support_days"),
                    _("Maintenance, support et niveaux de service")),
    "reversibility": (("full_reversibility", "partial_reversibility"), _("Réversibilité")),
    "complementary": (("complementary_services", "commitment_years",
                       "complementary_pricing"), _("Prestations complémentaires")),
}

_LONG_TEXTS = ("steering", "preparation", "installation", "migration", "acceptance",
               "training", "startup_support", "maintenance", "full_reversibility",
               "partial_reversibility", "complementary_services")


class ServicesSectionForm(SectionMixin, forms.ModelForm):
    """One section of step 7; the SLA figures are checked against their ranges."""

    class Meta:
        model = ServiceExpectations
        fields = tuple(f for fields, _title in SECTIONS.values() for f in fields)
        widgets = {name: textarea(4) for name in _LONG_TEXTS}

    def __init__(self, *args: Any, section: str, read_only: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.section = section
        self.title = SECTIONS[section][1]
        keep = SECTIONS[section][0]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        for name in keep:
            if name in SLA_RANGES:
                allowed = SLA_RANGES[name]
                self.fields[name].widget.attrs.update(
                    {"min": str(allowed.minimum), "max": str(allowed.maximum)})
        self.finish(read_only=read_only)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        merged = {k: data.get(k, getattr(self.instance, k)) for k in SLA_RANGES}
        posted = {k: v for k, v in data.items() if k in SLA_RANGES}
        self.add_problems({k: v for k, v in sla_problems(merged).items()
                           if k in posted or k not in self.fields})
        return data

    def values(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.fields}


class MigrationItemForm(forms.ModelForm):
    """A set of data to migrate: what, from where, in which format."""

    class Meta:
        model = MigrationItem
        fields = ("data", "source_software", "data_format")
        help_texts = {"data_format": _("Par exemple : CSV, XML, export PDF, HPRIM.")}
