"""Forms of the COPIL minutes; people, risks and steps are the project's own."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Membership, Project, Risk
from ..planning.forms import MemberChoiceField, _members
from ..risks.rules import FOLLOWED


class MembershipChoices(forms.ModelMultipleChoiceField):
    """Members of the project, shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.user.display_name)


class MinutesForm(forms.Form):
    """Who attended, the agenda, the decisions (one per line), the risks reviewed."""

    attendees = MembershipChoices(label=_("Présents"), queryset=Membership.objects.none(),
                                  widget=forms.CheckboxSelectMultiple)
    agenda = forms.CharField(label=_("Ordre du jour"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=_("Compte rendu"), max_length=8000, required=False,
                            widget=forms.Textarea(attrs={"rows": 5}))
    decisions = forms.CharField(label=_("Décisions (une par ligne)"), required=False,
                                max_length=8000, widget=forms.Textarea(attrs={"rows": 4}))
    risks_reviewed = forms.ModelMultipleChoiceField(
        label=_("Risques revus"), queryset=Risk.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = (  # type: ignore[attr-defined]
            Membership.objects.filter(project=project).select_related("user")
            .order_by("user__last_name", "user__first_name"))
        self.fields["risks_reviewed"].queryset = (  # type: ignore[attr-defined]
            Risk.objects.filter(project=project, status__in=FOLLOWED).order_by("number"))

    def decision_lines(self) -> list[str]:
        """The decisions typed, one per non-empty line."""
        return [line.strip() for line in self.cleaned_data["decisions"].splitlines()
                if line.strip()]


class ActionRowForm(forms.Form):
    """An action decided in the meeting (left empty when there is none)."""

    description = forms.CharField(label=_("Action"), max_length=200, required=False)
    owner = MemberChoiceField(label=_("Responsable"), queryset=None, required=False)
    due_on = forms.DateField(label=_("Échéance"), required=False,
                             widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _members(project)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("description") and not data.get("due_on"):
            self.add_error("due_on", _("Donnez une échéance à l'action."))
        return data


ActionFormSet = forms.formset_factory(ActionRowForm, extra=3, max_num=3)
