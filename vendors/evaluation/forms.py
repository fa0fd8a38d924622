"""Forms of step 11: the criteria configuration, an evaluator's marks, a recorded decision."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..market.models import VendorAssessment
from .cost import MIN_YEARS
from .models import MAX_YEARS, CriteriaSettings, EliminatoryCriterion, SecondaryCriterion
from .scoring import MARK_MAX, MARK_MIN
from .services import SETTINGS_FIELDS


class CriteriaForm(forms.Form):
    """Assumptions of the cost, eliminatory criteria applied, ranks and weights."""

    horizon_years = forms.IntegerField(
        label=_("Durée d'analyse du coût (années)"), min_value=MIN_YEARS, max_value=MAX_YEARS,
        help_text=_("Au moins trois ans, comme le demande la méthode."))
    budget_ceiling = forms.DecimalField(
        label=_("Plafond budgétaire sur la durée (€ HT)"), required=False,
        min_value=Decimal("0.01"), max_digits=12, decimal_places=2,
        help_text=_("Laissez vide si le projet ne fixe pas de plafond."))
    new_professionals_per_year = forms.IntegerField(
        label=_("Arrivées de professionnels par an"), min_value=0, max_value=50)
    extra_training_days_per_year = forms.DecimalField(
        label=_("Jours de formation complémentaire par an"), min_value=0, max_value=365,
        max_digits=5, decimal_places=1)
    new_configuration_days_per_year = forms.DecimalField(
        label=_("Jours de nouveaux paramétrages par an"), min_value=0, max_value=365,
        max_digits=5, decimal_places=1)
    departures_per_year = forms.IntegerField(
        label=_("Départs de professionnels par an (réversibilité partielle)"), min_value=0,
        max_value=50)
    include_full_reversibility = forms.BooleanField(
        label=_("Compter la réversibilité totale en fin de contrat"), required=False)

    def __init__(self, *args: Any, settings: CriteriaSettings,
                 eliminatory: Sequence[EliminatoryCriterion],
                 secondary: Sequence[SecondaryCriterion], **kwargs: Any) -> None:
        kwargs.setdefault("initial", {f: getattr(settings, f) for f in SETTINGS_FIELDS})
        super().__init__(*args, **kwargs)
        self.eliminatory, self.secondary = list(eliminatory), list(secondary)
        for e in self.eliminatory:
            self.fields[f"enabled_{e.pk}"] = forms.BooleanField(
                label=e.label, required=False, initial=e.is_enabled)
        for c in self.secondary:
            self.fields[f"rank_{c.code}"] = forms.IntegerField(
                label=_("Rang de « %s »") % c.get_code_display(), min_value=1,
                max_value=len(self.secondary), initial=c.rank)
            self.fields[f"weight_{c.code}"] = forms.DecimalField(
                label=_("Poids de « %s » (%%)") % c.get_code_display(), min_value=0,
                max_value=100, max_digits=5, decimal_places=2, initial=c.weight)

    def rows(self) -> list[tuple[SecondaryCriterion, forms.BoundField, forms.BoundField]]:
        """One row per secondary criterion: its rank and weight fields."""
        return [(c, self[f"rank_{c.code}"], self[f"weight_{c.code}"]) for c in self.secondary]

    def eliminatory_fields(self) -> list[tuple[EliminatoryCriterion, forms.BoundField]]:
        return [(c, self[f"enabled_{c.pk}"]) for c in self.eliminatory]

    def settings_values(self) -> dict[str, Any]:
        return {f: self.cleaned_data[f] for f in SETTINGS_FIELDS}

    def enabled(self) -> dict[int, bool]:
        return {c.pk: self.cleaned_data[f"enabled_{c.pk}"] for c in self.eliminatory}

    def weights(self) -> dict[str, tuple[int, Decimal]]:
        return {c.code: (self.cleaned_data[f"rank_{c.code}"],
                         self.cleaned_data[f"weight_{c.code}"]) for c in self.secondary}


class EliminatoryAddForm(forms.Form):
    """A criterion of the project's own, settled by a recorded decision."""

    label = forms.CharField(label=_("Nouveau critère éliminatoire"), max_length=200)


MARK_CHOICES = [("", "—")] + [(str(m), str(m)) for m in range(MARK_MIN, MARK_MAX + 1)]


class MarksForm(forms.Form):
    """One select per (offer, criterion), 0 to 5 or empty."""

    def __init__(self, *args: Any, offers: Sequence[VendorAssessment],
                 criteria: Sequence[SecondaryCriterion], mine: dict[tuple[int, str], int],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.offers, self.criteria = list(offers), list(criteria)
        for a in self.offers:
            for c in self.criteria:
                current = mine.get((a.pk, c.code))
                self.fields[self.name(a, c)] = forms.TypedChoiceField(
                    label=_("%(criterion)s — %(vendor)s") % {
                        "criterion": c.get_code_display(), "vendor": a.vendor},
                    choices=MARK_CHOICES, coerce=int, empty_value=None, required=False,
                    initial="" if current is None else str(current),
                    error_messages={"invalid_choice": _("Une note va de %(min)d à %(max)d.")
                                    % {"min": MARK_MIN, "max": MARK_MAX}})

    @staticmethod
    def name(assessment: VendorAssessment, criterion: SecondaryCriterion) -> str:
        return f"mark_{assessment.pk}_{criterion.code}"

    def table(self) -> list[tuple[VendorAssessment, list[forms.BoundField]]]:
        """Rows of the marking table: an offer and its field per criterion."""
        return [(a, [self[self.name(a, c)] for c in self.criteria]) for a in self.offers]

    def marks(self) -> dict[tuple[int, str], int | None]:
        return {(a.pk, c.code): self.cleaned_data[self.name(a, c)]
                for a in self.offers for c in self.criteria}


class DecisionForm(forms.Form):
    """The chef de projet's decision on one eliminatory criterion for one offer."""

    is_met = forms.TypedChoiceField(
        label=_("Décision"), coerce=lambda v: v == "yes",
        choices=[("yes", _("Critère satisfait")), ("no", _("Critère non satisfait : offre "
                                                           "éliminée"))])
    reason = forms.CharField(label=_("Motif"), max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 2}))
