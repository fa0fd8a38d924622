"""Forms of the market study: a catalogue entry and a project's assessment of it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from projects.method import MODULES

from ..choices import AssessmentDecision
from .models import Vendor, VendorAssessment
from .rules import coverage_error, decision_error

_MODULE_CHOICES = [(m.code, m.title) for m in MODULES]
_UNKNOWN_MODULE = _("Module fonctionnel inconnu : « %(value)s ».")


class VendorForm(forms.ModelForm):
    """A catalogue entry: vendor, product, label, DMP, certified host and contact."""

    class Meta:
        model = Vendor
        fields = ("name", "product", "version", "label_level", "is_dmp_compatible",
                  "is_hds_certified", "contact_name", "contact_email", "contact_phone",
                  "website", "postal_address")
        widgets = {"postal_address": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "label_level": _("Label e-santé de l'ANS pour les logiciels de maisons et "
                             "centres de santé."),
            "website": _("Adresse notée pour mémoire ; l'application ne la consulte pas."),
            "postal_address": _("Destinataire des lettres de consultation et de convocation."),
        }
        error_messages = {
            "label_level": {"invalid_choice": _("Niveau de label inconnu.")},
        }


class CatalogueChoiceForm(forms.Form):
    """Pick an existing catalogue entry to assess."""

    vendor = forms.ModelChoiceField(label=_("Éditeur du catalogue"),
                                    queryset=Vendor.objects.all())


def _date_field(label: StrOrPromise) -> forms.DateField:
    return forms.DateField(label=label, required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


def _text_field(label: StrOrPromise, rows: int = 3) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=5000,
                           widget=forms.Textarea(attrs={"rows": rows}))


class AssessmentForm(forms.Form):
    """Demo, visit, modules covered or not, strengths and weaknesses, decision."""

    demo_on = _date_field(_("Date de la démonstration"))
    demo_notes = _text_field(_("Notes de démonstration"))
    visit_on = _date_field(_("Date de la visite"))
    visit_structure = forms.CharField(label=_("Structure visitée"), required=False,
                                      max_length=200)
    visit_notes = _text_field(_("Notes de visite"))
    covered_modules = forms.MultipleChoiceField(
        label=_("Modules couverts"), required=False, choices=_MODULE_CHOICES,
        error_messages={"invalid_choice": _UNKNOWN_MODULE})
    missing_modules = forms.MultipleChoiceField(
        label=_("Modules non couverts"), required=False, choices=_MODULE_CHOICES,
        error_messages={"invalid_choice": _UNKNOWN_MODULE})
    strengths = _text_field(_("Points forts"))
    weaknesses = _text_field(_("Points faibles"))
    decision = forms.ChoiceField(
        label=_("Décision"), choices=AssessmentDecision.choices,
        error_messages={"invalid_choice": _("Décision inconnue : choisissez « à l'étude », "
                                            "« retenu » ou « écarté ».")})
    decision_reason = _text_field(_("Motif de la décision"), rows=2)
    catalogue_note = _text_field(_("Correction proposée pour la fiche du catalogue"), rows=2)

    def __init__(self, *args: Any, assessment: VendorAssessment, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {name: getattr(assessment, name)
                                      for name in self.base_fields})
        super().__init__(*args, **kwargs)
        self.fields["decision_reason"].help_text = _("Obligatoire pour écarter un éditeur.")
        self.fields["catalogue_note"].help_text = _(
            "Une information commune de la fiche est fausse (certification HDS, label, "
            "contact…) ? Décrivez la correction : un administrateur de l'instance la "
            "reportera sur la fiche partagée.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "decision" in data:
            error = decision_error(data["decision"], data.get("decision_reason", ""))
            if error:
                self.add_error("decision_reason", error)
        if "covered_modules" in data and "missing_modules" in data:
            error = coverage_error(data["covered_modules"], data["missing_modules"])
            if error:
                self.add_error(None, error)
        return data

    def coverage_rows(self) -> list[dict[str, Any]]:
        """One row per module with the state of its two checkboxes, posted or saved."""
        covered = set(self["covered_modules"].value() or [])
        missing = set(self["missing_modules"].value() or [])
        return [{"module": m, "is_covered": m.code in covered, "is_missing": m.code in missing}
                for m in MODULES]
