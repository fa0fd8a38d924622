"""Forms of step 16: an evolution request, a status move, an intervention."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from requirements.models import Requirement

from ..choices import EvolutionOrigin, EvolutionPriority, EvolutionStatus, EvolutionVoteChoice
from ..recette.models import Campaign
from ..training.models import TrainingSession


class EvolutionForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(label=_("Description"), max_length=4000,
                                  widget=forms.Textarea(attrs={"rows": 3}))
    requirement = forms.ModelChoiceField(label=_("Besoin concerné"), required=False,
                                         queryset=Requirement.objects.none(),
                                         empty_label=_("Nouveau besoin"))
    origin = forms.ChoiceField(label=_("Origine"), choices=EvolutionOrigin.choices)
    priority = forms.ChoiceField(label=_("Priorité"), choices=EvolutionPriority.choices,
                                 initial=EvolutionPriority.MEDIUM)

    def __init__(self, *args: Any, requirements: Any, **kwargs: Any) -> None:
        # Own ids: the intervention form on the same page also has a « title » field.
        kwargs.setdefault("auto_id", "evolution-%s")
        super().__init__(*args, **kwargs)
        self.fields["requirement"].queryset = requirements  # type: ignore[attr-defined]


class EvolutionMoveForm(forms.Form):
    target = forms.ChoiceField(choices=EvolutionStatus.choices)
    target_version = forms.CharField(max_length=40, required=False)


class InterventionForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "intervention-%s")
        super().__init__(*args, **kwargs)

    title = forms.CharField(label=_("Intitulé"), max_length=200)
    content = forms.CharField(label=_("Contenu (corrections, évolutions)"), max_length=4000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    starts_at = forms.DateTimeField(
        label=_("Date et heure"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])
    downtime_minutes = forms.IntegerField(label=_("Interruption prévue (minutes)"),
                                          min_value=0, max_value=10080, initial=0)
    affected = forms.CharField(label=_("Personnes concernées"), max_length=300,
                               required=False)
    needs_recette = forms.BooleanField(label=_("Re-recette nécessaire"), required=False)
    needs_training = forms.BooleanField(label=_("Formation nécessaire"), required=False)


class EvolutionVoteForm(forms.Form):
    choice = forms.ChoiceField(choices=EvolutionVoteChoice.choices)


class FollowUpForm(forms.Form):
    """What follows an intervention: create a campaign or a session, or attach existing
    ones (querysets of the project only)."""

    create = forms.ChoiceField(required=False, choices=[
        ("", "—"), ("recette", _("Ouvrir une campagne de re-recette")),
        ("training", _("Planifier une session de formation"))])
    campaign = forms.ModelChoiceField(label=_("Campagne de re-recette"), required=False,
                                      queryset=Campaign.objects.none())
    session = forms.ModelChoiceField(label=_("Session de formation"), required=False,
                                     queryset=TrainingSession.objects.none())

    def __init__(self, *args: Any, campaigns: Any, sessions: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["campaign"].queryset = campaigns  # type: ignore[attr-defined]
        self.fields["session"].queryset = sessions  # type: ignore[attr-defined]
