"""Forms of a step page: status move, planning, collegial validation."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from msp_si.accounts.models import User
from msp_si.common import clock
from msp_si.common.typography import french_date

from ..choices import DocumentStatus, Role, StepStatus, ValidationDecision
from ..models import Document, Membership, Project, Step
from ..plugins import step_document_kind

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TransitionForm(forms.Form):
    """The status asked for and an optional comment; the service checks the move."""

    to_status = forms.ChoiceField(
        label=_("Nouveau statut"), choices=StepStatus.choices,
        error_messages={"invalid_choice": _("Statut inconnu.")},
    )
    comment = forms.CharField(
        label=_("Commentaire (facultatif)"), max_length=500, required=False,
        widget=forms.TextInput(),
    )


class MemberChoiceField(forms.ModelChoiceField):
    """A person of the project, shown by name."""

    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class StepPlanningForm(forms.ModelForm):
    """Owner and planned dates of a step; the owner is one of the project's members."""

    owner = MemberChoiceField(
        label=_("Responsable"), queryset=User.objects.none(), required=False,
        empty_label=_("— aucun —"),
    )

    class Meta:
        model = Step
        fields = ("owner", "start_on", "due_on")
        widgets = {"start_on": _DATE, "due_on": _DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An observer reads only: never offered as the one who carries a step.
        contributors = Membership.objects.filter(project=project).exclude(role=Role.OBSERVER)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = User.objects.filter(
            pk__in=contributors.values("user_id")
        ).order_by("last_name", "first_name", "email")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start_on, due_on = data.get("start_on"), data.get("due_on")
        if start_on and due_on and start_on > due_on:
            self.add_error("due_on", _("L'échéance doit suivre le début prévu."))
        return data


class AttendeesField(forms.ModelMultipleChoiceField):
    """Members of the project present at the meeting, shown with their role."""

    def label_from_instance(self, obj: Membership) -> str:
        return f"{obj.user.display_name} — {obj.role_label}"


class DocumentVersionField(forms.ModelChoiceField):
    """A finished version of the step's document."""

    def label_from_instance(self, obj: Document) -> str:
        return _("%(kind)s, version %(version)s du %(date)s") % {
            "kind": obj.kind_label, "version": obj.version,
            "date": french_date(obj.requested_at),
        }


class StepValidationForm(forms.Form):
    """The collegial decision on a step's deliverable, as recorded by the chef de projet."""

    held_on = forms.DateField(label=_("Date de la réunion"), widget=_DATE)
    decision = forms.ChoiceField(
        label=_("Décision"), choices=ValidationDecision.choices, widget=forms.RadioSelect,
    )
    attendees = AttendeesField(
        label=_("Personnes présentes"), queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Indiquez les personnes présentes."),
                        "invalid_choice": _("Cette personne n'est pas membre du projet.")},
    )
    notes = forms.CharField(label=_("Compte rendu"), widget=forms.Textarea(attrs={"rows": 4}),
                            required=False, max_length=10000)
    document = DocumentVersionField(
        label=_("Version du document validée"), queryset=Document.objects.none(),
        required=False, empty_label=_("— aucune —"),
        help_text=_("Une version validée est figée : elle est conservée telle quelle."),
    )

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attendees = cast(forms.ModelMultipleChoiceField, self.fields["attendees"])
        attendees.queryset = Membership.objects.filter(
            project_id=step.project_id
        ).select_related("user").order_by("role", "user__last_name", "user__first_name")
        kind = step_document_kind(step.number)
        if kind is None:
            del self.fields["document"]
        else:
            document = cast(forms.ModelChoiceField, self.fields["document"])
            document.queryset = Document.objects.filter(
                project_id=step.project_id, kind=kind, status=DocumentStatus.DONE
            ).order_by("-version")

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > clock.today():
            raise forms.ValidationError(_("La réunion ne peut pas avoir lieu dans le futur."))
        return held_on
