"""Forms of the anomaly log: filing, filtering, moving, commenting; the vendor's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from requirements.needs.selectors import active_requirements

from ..choices import AnomalyStatus, Severity
from .selectors import CASE_MODEL
from .services import MAX_TEXT_CHARS, MAX_TITLE_CHARS


class AnomalyForm(forms.Form):
    """A fiche anomalie: what happens, how to reproduce it, how bad, on which case or need."""

    title = forms.CharField(label=_("Titre"), max_length=MAX_TITLE_CHARS)
    description = forms.CharField(label=_("Description"), max_length=MAX_TEXT_CHARS,
                                  widget=forms.Textarea(attrs={"rows": 5}))
    reproduction = forms.CharField(label=_("Étapes pour reproduire"), required=False,
                                   max_length=MAX_TEXT_CHARS,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    severity = forms.ChoiceField(
        label=_("Gravité"), choices=Severity.choices, widget=forms.RadioSelect,
        help_text=_("Bloquante : empêche de travailler, signalée au prestataire sans délai. "
                    "Majeure ou mineure : regroupée dans la liste périodique."))
    case = forms.ModelChoiceField(label=_("Cas de test"), required=False,
                                  queryset=CASE_MODEL.objects.none(),
                                  empty_label=_("— aucun —"))
    requirement = forms.ChoiceField(label=_("Besoin concerné"), required=False)

    def __init__(self, *args: Any, project: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the project's own cases and needs can be chosen (never another project's).
        case_field = self.fields["case"]
        assert isinstance(case_field, forms.ModelChoiceField)
        case_field.queryset = CASE_MODEL.objects.filter(project=project)
        self._needs = {str(r.pk): r for r in active_requirements(project=project)}
        need_field = self.fields["requirement"]
        assert isinstance(need_field, forms.ChoiceField)
        need_field.choices = [("", _("— aucun —")), *(
            (pk, f"{r.code} — {r.text[:90]}") for pk, r in self._needs.items())]

    def clean_requirement(self) -> Any:
        """The chosen need of the project, or None."""
        return self._needs.get(self.cleaned_data.get("requirement") or "")


class FilterForm(forms.Form):
    """The anomaly list's filters (GET); a wrong value is ignored, not an error."""

    severity = forms.ChoiceField(label=_("Gravité"), required=False,
                                 choices=[("", _("Toutes")), *Severity.choices])
    status = forms.ChoiceField(label=_("Statut"), required=False,
                               choices=[("", _("Tous")), *AnomalyStatus.choices])
    late = forms.BooleanField(label=_("En retard sur le délai contractuel seulement"),
                              required=False)


class MoveForm(forms.Form):
    """A move of the life cycle, from the status the person saw."""

    to = forms.ChoiceField(choices=AnomalyStatus.choices)
    expected = forms.ChoiceField(choices=AnomalyStatus.choices)
    comment = forms.CharField(label=_("Commentaire (facultatif)"), required=False,
                              max_length=MAX_TEXT_CHARS,
                              widget=forms.Textarea(attrs={"rows": 2}))
    is_internal = forms.BooleanField(label=_("Commentaire interne (jamais montré au "
                                             "prestataire)"), required=False)


class CommentForm(forms.Form):
    """A comment of the team, shared with the vendor or internal."""

    text = forms.CharField(label=_("Commentaire"), max_length=MAX_TEXT_CHARS,
                           widget=forms.Textarea(attrs={"rows": 3}))
    is_internal = forms.BooleanField(label=_("Commentaire interne (jamais montré au "
                                             "prestataire)"), required=False)


class SeverityForm(forms.Form):
    """The qualification of an anomaly's severity."""

    severity = forms.ChoiceField(label=_("Gravité"), choices=Severity.choices)


class VendorAnswerForm(forms.Form):
    """What the vendor answers through its link: a status it may set and a comment."""

    to = forms.ChoiceField(choices=[(AnomalyStatus.ACKNOWLEDGED, AnomalyStatus.ACKNOWLEDGED.label),
                                    (AnomalyStatus.CORRECTED, AnomalyStatus.CORRECTED.label)])
    expected = forms.ChoiceField(choices=AnomalyStatus.choices)
    comment = forms.CharField(label=_("Votre commentaire"), required=False,
                              max_length=MAX_TEXT_CHARS,
                              widget=forms.Textarea(attrs={"rows": 2}))
