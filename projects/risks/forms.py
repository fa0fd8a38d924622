"""Forms of the risk register; owners and steps are limited to the project's own rows."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import RiskNature, RiskStatus
from ..models import Project
from ..planning.forms import MemberChoiceField, StepChoiceField, _members
from . import rules

_RATING_P = [(value, f"{value} — {label}") for value, label in rules.PROBABILITY_LABELS.items()]
_RATING_I = [(value, f"{value} — {label}") for value, label in rules.IMPACT_LABELS.items()]


class RatingForm(forms.Form):
    """Probability and impact, 1 to 4 each, and why."""

    probability = forms.TypedChoiceField(label=_("Probabilité"), choices=_RATING_P, coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), choices=_RATING_I, coerce=int)
    comment = forms.CharField(label=_("Commentaire"), max_length=500, required=False)


class RiskForm(forms.Form):
    """A new risk: what it is, its nature and first rating, its owner."""

    title = forms.CharField(label=_("Intitulé"), max_length=200)
    nature = forms.ChoiceField(label=_("Nature"), choices=RiskNature.choices)
    description = forms.CharField(label=_("Description"), max_length=2000, required=False,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    probability = forms.TypedChoiceField(label=_("Probabilité"), choices=_RATING_P, coerce=int)
    impact = forms.TypedChoiceField(label=_("Impact"), choices=_RATING_I, coerce=int)
    owner = MemberChoiceField(label=_("Responsable"), queryset=None, required=False)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(project)  # type: ignore[attr-defined]


class ActionForm(forms.Form):
    """A preventive action: what, who, by when, on which step of the calendar."""

    description = forms.CharField(label=_("Action préventive"), max_length=200)
    owner = MemberChoiceField(label=_("Responsable"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Échéance"),
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    step = StepChoiceField(label=_("Étape du calendrier"), queryset=None)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(project)  # type: ignore[attr-defined]
        self.fields["step"].queryset = project.steps.order_by(  # type: ignore[attr-defined]
            "number")


class StatusForm(forms.Form):
    """The status a risk moves to."""

    to_status = forms.ChoiceField(choices=RiskStatus.choices)


class KnownRiskForm(forms.Form):
    """Accept or refuse one of the method's known risks."""

    decision = forms.ChoiceField(choices=[("accept", _("Accepter")), ("refuse", _("Refuser"))])
