"""Forms of the recette pages: case text, campaign, result, tester, decision."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import CaseSource
from .choices import CampaignKind, ExecutionResult, RecetteVerdict
from .services import COMMENT_MAX, EXPECTED_MAX, STEPS_MAX, TITLE_MAX

# An <input type="date"> takes its value in ISO form, whatever the language of the page.
_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CaseForm(forms.Form):
    """The text of a case; ``revision`` is the one the form was shown with."""

    title = forms.CharField(label=_("Intitulé"), max_length=TITLE_MAX)
    steps = forms.CharField(label=_("Étapes"), max_length=STEPS_MAX, required=False,
                            widget=forms.Textarea(attrs={"rows": 6}))
    expected_result = forms.CharField(label=_("Résultat attendu"), max_length=EXPECTED_MAX,
                                      widget=forms.Textarea(attrs={"rows": 3}))
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CampaignForm(forms.Form):
    """A new campaign: its name, nature, dates and the cases it takes."""

    name = forms.CharField(label=_("Nom de la campagne"), max_length=200)
    kind = forms.ChoiceField(label=_("Nature"), choices=CampaignKind.choices)
    starts_on = forms.DateField(label=_("Début"), widget=_DATE)
    ends_on = forms.DateField(label=_("Fin"), widget=_DATE)
    sources = forms.MultipleChoiceField(
        label=_("Cas à inclure"), choices=CaseSource.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Laissez vide pour prendre les cas habituels de cette nature de "
                    "campagne (recette utilisateurs : besoins, habilitations et cas saisis ; "
                    "reprise : contrôles de la reprise)."))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("La fin précède le début."))
        return data


class ExecutionForm(forms.Form):
    """A result recorded on a campaign's case, with the version the page showed."""

    result = forms.ChoiceField(label=_("Résultat"), choices=ExecutionResult.choices)
    comment = forms.CharField(label=_("Commentaire"), max_length=COMMENT_MAX, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class AssignForm(forms.Form):
    """Another tester for some of a campaign's cases (membership checked by the service)."""

    tester = forms.IntegerField(label=_("Testeur"), min_value=1)
    # The checked rows of the campaign page (checkboxes tied to this form).
    items = forms.Field(widget=forms.MultipleHiddenInput,
                        error_messages={"required": _("Cochez au moins un cas.")})

    def clean_items(self) -> list[int]:
        values = self.cleaned_data["items"]
        if not all(str(v).isdigit() for v in values):
            raise forms.ValidationError(_("Cas inconnu."))
        return [int(v) for v in values]


class DecisionForm(forms.Form):
    """The decision the PV de recette records."""

    verdict = forms.ChoiceField(label=_("Décision"), choices=RecetteVerdict.choices)
    decided_on = forms.DateField(label=_("Date de la décision"),
                                 widget=_DATE)
    comment = forms.CharField(label=_("Motif ou observations"), max_length=2000,
                              required=False, widget=forms.Textarea(attrs={"rows": 3}))


class RecheckForm(forms.Form):
    """A re-check of a « à revoir » link, with an optional note."""

    note = forms.CharField(label=_("Note"), max_length=500, required=False)
