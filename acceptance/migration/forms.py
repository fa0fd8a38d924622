"""Forms of step 13: a line, the method note, a sample check, the go / no-go decision."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from msp_si.common import clock
from projects.models import Project

from ..settings.forms import MemberChoice, members_of
from .choices import GoDecision, MigrationState
from .models import MigrationLine
from .rules import MAX_NOTE_BYTES

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _not_future(day: Any) -> Any:
    if day and day > clock.today():
        raise forms.ValidationError(_("Indiquez une date passée ou aujourd'hui."))
    return day


class LineForm(forms.ModelForm):
    """Volumes, method, limits and owner of a checklist line."""

    class Meta:
        model = MigrationLine
        fields = ("volume_expected", "volume_migrated", "method", "limits", "owner")
        widgets = {"limits": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"owner": MemberChoice}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = members_of(project)


class NoteForm(forms.Form):
    """The vendor's method note (PDF)."""

    file = forms.FileField(
        label=_("Note de méthode du prestataire (PDF, 10 Mo au plus)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}))
    summary = forms.CharField(label=_("Périmètre et limites en bref"), max_length=500,
                              required=False)

    def content(self) -> bytes:
        """The file's bytes, at most one byte past the limit (the rule refuses it)."""
        upload = self.cleaned_data["file"]
        upload.seek(0)
        return cast(bytes, upload.read(MAX_NOTE_BYTES + 1))

    def file_name(self) -> str:
        return str(self.cleaned_data["file"].name)


class SampleCheckForm(forms.Form):
    """A sample of migrated records compared with the source."""

    checked_on = forms.DateField(label=_("Contrôlé le"), widget=_DATE)
    professional = forms.CharField(label=_("Professionnel dont les dossiers sont contrôlés"),
                                   max_length=120)
    records_checked = forms.IntegerField(label=_("Dossiers contrôlés"), min_value=1,
                                         max_value=100000)
    discrepancies = forms.IntegerField(label=_("Dossiers en écart"), min_value=0,
                                       max_value=100000)
    discrepancy_note = forms.CharField(label=_("Écarts constatés"), max_length=2000,
                                       required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def clean_checked_on(self) -> Any:
        return _not_future(self.cleaned_data["checked_on"])


class DecisionForm(forms.Form):
    """Go or no-go for the final migration."""

    decision = forms.ChoiceField(label=_("Décision"), choices=GoDecision.choices,
                                 widget=forms.RadioSelect)
    decided_on = forms.DateField(label=_("Date de la décision"), widget=_DATE)
    reason = forms.CharField(label=_("Motif"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def clean_decided_on(self) -> Any:
        return _not_future(self.cleaned_data["decided_on"])


class LineMoveForm(forms.Form):
    """The state a line moves to."""

    to_state = forms.ChoiceField(choices=MigrationState.choices)
