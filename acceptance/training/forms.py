"""Forms of step 15: a person without account, a session, attendance, a document."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from projects.choices import Profession

from ..choices import AttendanceStatus, TrainingMode
from .models import Trainee, TrainingGroup
from .selectors import SESSION_KINDS


class TraineeForm(forms.Form):
    group = forms.ModelChoiceField(label=_("Groupe"), queryset=TrainingGroup.objects.none())
    name = forms.CharField(label=_("Nom et prénom"), max_length=200)
    profession = forms.ChoiceField(label=_("Profession"), required=False,
                                   choices=[("", "—"), *Profession.choices])

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = groups  # type: ignore[attr-defined]


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Intitulé"), max_length=200)
    starts_at = forms.DateTimeField(
        label=_("Date et heure"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    duration_minutes = forms.IntegerField(label=_("Durée (minutes)"), min_value=30,
                                          max_value=600, initial=180)
    mode = forms.ChoiceField(label=_("Modalité"), choices=TrainingMode.choices)
    location = forms.CharField(label=_("Lieu ou lien"), max_length=300, required=False)
    trainer = forms.CharField(label=_("Formateur"), max_length=200, required=False)
    capacity = forms.IntegerField(label=_("Nombre de places"), min_value=1, max_value=500,
                                  required=False)
    groups = forms.ModelMultipleChoiceField(
        label=_("Groupes convoqués"), queryset=TrainingGroup.objects.none(),
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["groups"].queryset = groups  # type: ignore[attr-defined]


class AttendanceForm(forms.Form):
    """One radio group per convened person (``trainee-<pk>``)."""

    def __init__(self, *args: Any, trainees: list[Trainee], initial_statuses: dict[int, str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for trainee in trainees:
            self.fields[f"trainee-{trainee.pk}"] = forms.ChoiceField(
                label=trainee.name, choices=AttendanceStatus.choices, required=False,
                initial=initial_statuses.get(trainee.pk), widget=forms.RadioSelect)

    def statuses(self) -> dict[int, str]:
        """Trainee id → status, for the people whose presence was ticked."""
        return {int(name.removeprefix("trainee-")): value
                for name, value in self.cleaned_data.items() if value}


class SessionDocumentForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, k) for k in SESSION_KINDS])
