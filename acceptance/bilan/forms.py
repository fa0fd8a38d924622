"""Forms of step 17: a real cost, a survey answer, the conclusions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.choices import Profession
from projects.method import PALIERS

from ..choices import CostNature
from .rules import DIMENSIONS, SCALE


class CostForm(forms.Form):
    nature = forms.ChoiceField(label=_("Nature"), choices=CostNature.choices)
    label = forms.CharField(label=_("Libellé"), max_length=200)
    amount = forms.DecimalField(label=_("Montant HT (€)"), min_value=0.01, max_digits=12,
                                decimal_places=2, localize=True)
    spent_on = forms.DateField(label=_("Date"),
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))


class AnswerForm(forms.Form):
    """The six marks (1–5, each optional) and a comment; the profession for paper answers."""

    profession = forms.ChoiceField(label=_("Profession"), required=False,
                                   choices=[("", "—"), *Profession.choices])
    comment = forms.CharField(label=_("Commentaire"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in DIMENSIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, required=False, coerce=int, empty_value=None,
                choices=[(n, str(n)) for n in SCALE], widget=forms.RadioSelect)

    def marks(self) -> dict[str, int | None]:
        """Dimension → mark (None when left blank)."""
        return {key: self.cleaned_data.get(key) for key, _label in DIMENSIONS}


class BilanForm(forms.Form):
    synthesis = forms.CharField(label=_("Synthèse"), max_length=4000, required=False,
                                widget=forms.Textarea(attrs={"rows": 4}))
    recommendations = forms.CharField(
        label=_("Recommandations et prochains objectifs"), max_length=4000, required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Étendre le périmètre, approfondir les paliers ou statu quo ; évolutions "
                    "au fil de l'eau ou nouveau projet ; clauses du contrat à renégocier."))

    def __init__(self, *args: Any, axes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for axis, label in axes:
            self.fields[f"axis-{axis}"] = forms.TypedChoiceField(
                label=_("Palier atteint — %s") % label, required=False, coerce=int,
                empty_value=None,
                choices=[("", "—"), *((n, f"{n} — {text}")
                                      for n, text in enumerate(PALIERS[axis]))])

    def paliers(self) -> dict[str, int | None]:
        """Axis → palier reached."""
        return {name.removeprefix("axis-"): value for name, value in self.cleaned_data.items()
                if name.startswith("axis-")}
