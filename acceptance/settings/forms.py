"""Forms of step 12: a profile, the matrix validation, a setting item, the checklist."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from msp_si.common import clock
from projects.choices import Profession
from projects.models import Membership, Project
from requirements.models import GridDomain

from .choices import AccessRight, DataCategory, ProfileStatus, SettingState
from .models import PatientInformation, SettingItem

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberChoice(forms.ModelChoiceField):
    """A member of the project, shown with their role."""

    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} — {obj.role_label}"


class MembersChoice(forms.ModelMultipleChoiceField):
    """Members of the project present at a meeting, shown with their role."""

    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} — {obj.role_label}"


def members_of(project: Project) -> Any:
    return (Membership.objects.filter(project=project).select_related("user")
            .order_by("role", "user__last_name", "user__first_name"))


class ProfileForm(forms.Form):
    """A profile added by hand: a profession and a status."""

    profession = forms.ChoiceField(label=_("Profession"), choices=Profession.choices)
    status = forms.ChoiceField(label=_("Statut"), choices=ProfileStatus.choices)
    note = forms.CharField(label=_("Précision"), max_length=300, required=False)


class RightForm(forms.Form):
    """One cell of the matrix (the htmx edit)."""

    category = forms.ChoiceField(choices=DataCategory.choices)
    right = forms.ChoiceField(choices=AccessRight.choices)


class MatrixValidationForm(forms.Form):
    """The collegial validation of the matrix, recorded by the chef de projet."""

    held_on = forms.DateField(label=_("Date de la réunion"), widget=_DATE)
    attendees = MembersChoice(
        label=_("Personnes présentes"), queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Indiquez les personnes présentes."),
                        "invalid_choice": _("Cette personne n'est pas membre du projet.")})
    notes = forms.CharField(label=_("Compte rendu"), max_length=4000, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelMultipleChoiceField, self.fields["attendees"]).queryset = \
            members_of(project)

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > clock.today():
            raise forms.ValidationError(_("La réunion ne peut pas avoir lieu dans le futur."))
        return held_on


class SettingItemForm(forms.ModelForm):
    """A setting item; the needs it implements are typed as codes (« PAR-001, PAR-004 »)."""

    codes = forms.CharField(
        label=_("Codes des besoins mis en œuvre"), max_length=500, required=False,
        help_text=_("Codes de la grille des besoins séparés par des virgules, par exemple "
                    "PAR-001, PAR-004."))

    class Meta:
        model = SettingItem
        fields = ("area", "title", "description", "domain", "profession", "owner")
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"owner": MemberChoice}

    def __init__(self, *args: Any, project: Project, manages_all: bool,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = members_of(project)
        cast(forms.ModelChoiceField, self.fields["domain"]).queryset = \
            GridDomain.objects.filter(project=project).order_by("position")
        if self.instance.pk and not self.is_bound:
            self.initial["codes"] = ", ".join(
                self.instance.requirements.order_by("code").values_list("code", flat=True))
        if not manages_all:
            # A référent edits the content, never whom the item belongs to.
            for name in ("domain", "profession", "owner"):
                self.fields[name].disabled = True


class PatientInformationForm(forms.ModelForm):
    """The patient information and consent checklist."""

    class Meta:
        model = PatientInformation
        fields = ("poster_displayed_on", "leaflet_version", "consent_method", "consent_note",
                  "mentions_host", "is_register_updated")
        widgets = {"poster_displayed_on": _DATE,
                   "consent_note": forms.Textarea(attrs={"rows": 3})}

    def clean_poster_displayed_on(self) -> Any:
        day = self.cleaned_data["poster_displayed_on"]
        if day and day > clock.today():
            raise forms.ValidationError(_("Indiquez une date passée ou aujourd'hui."))
        return day


class MoveForm(forms.Form):
    """The state a setting item moves to."""

    to_state = forms.ChoiceField(choices=SettingState.choices)


