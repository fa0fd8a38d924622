"""Forms of step 4 « étude de l'existant »: one per section, one per profession.

Profession forms are keyed by the profession's code and the per-site fields by the site id
of this project; the view refuses any code or id the project does not have.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.models import Site

from ..section_forms import SectionMixin, textarea
from .models import ExistingState, TerritoryPartner
from .rules import (
    MAX_PATIENTS_PER_PROFESSIONAL,
    MAX_PROFESSIONALS,
    ProfessionFigures,
    bandwidth_problems,
    figures_problems,
    has_patient_file,
    organisation_problems,
)
from .selectors import ProfessionPart
from .services import IT_FIELDS, ORGANISATION_FIELDS, TERRITORY_FIELDS


class StateSectionForm(SectionMixin, forms.ModelForm):
    """A section stored on ``ExistingState``; never saved by the form itself."""

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finish(read_only=read_only)

    def values(self) -> dict[str, Any]:
        # Each section's Meta names its fields; ``_meta`` is where Django keeps them.
        return {name: self.cleaned_data[name] for name in self._meta.fields or ()}


class OrganisationForm(StateSectionForm):
    """Start date, secretariats, workstations to equip, patients of the structure."""

    class Meta:
        model = ExistingState
        fields = ORGANISATION_FIELDS
        widgets = {"structure_start_on": forms.DateInput(attrs={"type": "date"},
                                                         format="%Y-%m-%d"),
                   "organisation_note": textarea()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.add_problems(organisation_problems(
            secretariat_count=data.get("secretariat_count"),
            workstations_to_equip=data.get("workstations_to_equip"),
            total_active_patients=data.get("total_active_patients")))
        return data


class ItForm(StateSectionForm):
    """IT diagnosis: practices, data entry, workstations, server, network, bandwidth."""

    class Meta:
        model = ExistingState
        fields = IT_FIELDS
        widgets = {name: textarea() for name in (
            "coordination_practices", "sharing_processes", "data_entry_note",
            "workstations_note", "server_note", "network_note", "telecom_note")}
        help_texts = {"sharing_processes": _(
                          "Qui transmet quoi à qui, comment et quand : adressages, "
                          "comptes rendus, alertes, réunions de concertation…"),
                      "bandwidth_down_mbps": _("En Mbit/s, par exemple 100."),
                      "bandwidth_up_mbps": _("En Mbit/s, par exemple 20.")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.add_problems(bandwidth_problems(
            down=data.get("bandwidth_down_mbps"), up=data.get("bandwidth_up_mbps"),
            is_guaranteed=bool(data.get("is_bandwidth_guaranteed"))))
        return data


class TerritoryForm(StateSectionForm):
    """Use of the DMP and of secure messaging."""

    class Meta:
        model = ExistingState
        fields = TERRITORY_FIELDS


class PathologiesForm(SectionMixin, forms.Form):
    """Chronic pathologies followed under a protocol: a catalogue and a free note."""

    other = forms.CharField(label=_("Autres pathologies ou protocoles"), required=False,
                            max_length=2000, widget=textarea(2))

    def __init__(self, *args: Any, chosen: list[tuple[str, str, bool, str]],
                 other: str, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.chosen = chosen
        self.fields["other"].initial = other
        for code, label, selected, note in chosen:
            self.fields[f"{code}_selected"] = forms.BooleanField(
                label=_("Suivie sous protocole — %s") % label, required=False,
                initial=selected)
            self.fields[f"{code}_note"] = forms.CharField(
                label=_("Précision — %s") % label, required=False, max_length=300,
                initial=note)
        self.finish(read_only=read_only)

    def rows(self) -> list[dict[str, Any]]:
        return [{"label": label, "selected": self[f"{code}_selected"],
                 "note": self[f"{code}_note"]} for code, label, _s, _n in self.chosen]

    def selections(self) -> dict[str, tuple[bool, str]]:
        d = self.cleaned_data
        return {code: (d[f"{code}_selected"], d[f"{code}_note"])
                for code, _l, _s, _n in self.chosen}


def _count(label: str, maximum: int = MAX_PROFESSIONALS) -> forms.IntegerField:
    return forms.IntegerField(label=label, required=False, min_value=0, max_value=maximum)


class ProfessionForm(SectionMixin, forms.Form):
    """One profession's part of step 4, filled by its référent métier (or the chef)."""

    VALUE_FIELDS = ("count_today", "count_in_five_years", "outlook_note",
                    "active_patients_per_professional", "computerised_count", "software",
                    "software_functions")

    def __init__(self, *args: Any, part: ProfessionPart, sites: list[Site],
                 read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.part = part
        self.sites = sites if len(sites) > 1 else []
        name = part.label
        f = self.fields
        f["count_today"] = _count(_("Professionnels aujourd'hui — %s") % name)
        f["count_in_five_years"] = _count(_("Professionnels dans cinq ans — %s") % name)
        f["outlook_note"] = forms.CharField(
            label=_("Arrivées ou départs prévus — %s") % name, required=False, max_length=300)
        for site in self.sites:
            f[f"site_{site.pk}"] = _count(_("Effectif sur le site %(site)s — %(p)s")
                                          % {"site": site.name, "p": name})
        self.has_patients = has_patient_file(part.profession)
        if self.has_patients:
            f["active_patients_per_professional"] = _count(
                _("File active moyenne par professionnel — %s") % name,
                MAX_PATIENTS_PER_PROFESSIONAL)
        f["computerised_count"] = _count(_("Professionnels informatisés — %s") % name)
        f["software"] = forms.CharField(label=_("Logiciels métier utilisés — %s") % name,
                                        required=False, max_length=300)
        f["software_functions"] = forms.CharField(
            label=_("Fonctions couvertes par ces logiciels — %s") % name, required=False,
            max_length=2000, widget=textarea(2))
        for key in self.VALUE_FIELDS:
            if key in f:
                f[key].initial = getattr(part, key)
        for site in self.sites:
            f[f"site_{site.pk}"].initial = part.site_counts.get(site.pk)
        self.finish(read_only=read_only)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        self.add_problems(figures_problems(ProfessionFigures(
            profession=self.part.profession, count_today=data.get("count_today"),
            count_in_five_years=data.get("count_in_five_years"),
            active_patients_per_professional=data.get("active_patients_per_professional"),
            computerised_count=data.get("computerised_count"),
            site_counts={str(s.pk): data.get(f"site_{s.pk}") for s in self.sites})))
        return data

    def site_fields(self) -> list[forms.BoundField]:
        return [self[f"site_{s.pk}"] for s in self.sites]

    def values(self) -> dict[str, Any]:
        return {k: self.cleaned_data[k] for k in self.VALUE_FIELDS if k in self.fields}

    def site_counts(self) -> dict[int, int | None]:
        return {s.pk: self.cleaned_data.get(f"site_{s.pk}") for s in self.sites}


class PartnerForm(forms.ModelForm):
    """A new actor of the territory."""

    class Meta:
        model = TerritoryPartner
        fields = ("kind", "name", "exchanges")
        help_texts = {"exchanges": _("Par exemple : résultats de biologie reçus par "
                                     "messagerie sécurisée, comptes rendus d'hospitalisation.")}
