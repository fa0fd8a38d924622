"""Forms of steps 2 and 3 (team charter, calendar items, waves) and the history filter.

Every choice that points at another row (step, owner, wave) is limited to the project's own
rows, so a forged id from another project is a form error, never a write.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from ..choices import AdministrationMode
from ..history import table_choices
from ..models import DeploymentWave, Meeting, Milestone, Project, ScopeModule, Task, TeamCharter

_DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
_TEXT = forms.Textarea(attrs={"rows": 3})


class MemberChoiceField(forms.ModelChoiceField):
    """A member of the project, shown by name."""

    def label_from_instance(self, obj: Any) -> str:
        """Full name, or the e-mail address when the name is unknown."""
        return str(obj.display_name)


class StepChoiceField(forms.ModelChoiceField):
    """One of the project's 18 steps, shown with its title."""

    def label_from_instance(self, obj: Any) -> str:
        """« 3. Calendrier »."""
        return f"{obj.number}. {obj.definition.title}"


def _members(project: Project) -> Any:
    """The people who hold a role on the project."""
    return get_user_model().objects.filter(memberships__project=project).order_by(
        "last_name", "first_name", "email"
    )


class TeamCharterForm(forms.ModelForm):
    """Step 2: administrators, AMOA cost/benefit analysis, roles, designation."""

    class Meta:
        model = TeamCharter
        fields = (
            "administration_mode", "administrator_provider",
            "amoa_decision", "amoa_complexity", "amoa_size", "amoa_availability",
            "amoa_value", "amoa_cost_estimate", "amoa_provider",
            "moa_role", "amoa_role", "moe_role", "lead_compensation",
            "designated_on", "designation_body", "designation_result",
        )
        widgets = {
            "amoa_complexity": _TEXT, "amoa_size": _TEXT, "amoa_availability": _TEXT,
            "amoa_value": _TEXT, "moa_role": _TEXT, "amoa_role": _TEXT, "moe_role": _TEXT,
            "lead_compensation": _TEXT, "designation_result": _TEXT, "designated_on": _DATE,
        }
        help_texts = {
            "administrator_provider": _("Obligatoire si l'administration est externalisée : "
                                        "un prestataire local, capable d'intervenir vite "
                                        "sur place."),
            "amoa_complexity": _("Maturité de l'organisation actuelle, niveau d'intégration "
                                 "et objectifs visés."),
            "amoa_size": _("Nombre de professionnels concernés, nombre de professions "
                           "représentées."),
            "amoa_availability": _("Temps que les professionnels pourront consacrer au "
                                   "projet, surtout en cadrage, définition et choix."),
            "amoa_value": _("Ressources dédiées, appui méthodologique à l'organisation, "
                            "assistance opérationnelle sur les tâches de la MOA."),
            "amoa_provider": _("Par exemple le GCS e-santé régional ou un cabinet de "
                               "conseil."),
            "lead_compensation": _("Facultatif : dédommagement direct par les autres "
                                   "professionnels ou forfaits des nouveaux modes de "
                                   "rémunération."),
            "designation_body": _("Par exemple : assemblée générale."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.DecimalField, self.fields["amoa_cost_estimate"]).min_value = 0
        self.fields["amoa_cost_estimate"].widget.attrs["min"] = 0

    def clean_amoa_cost_estimate(self) -> Any:
        """A cost cannot be negative."""
        cost = self.cleaned_data.get("amoa_cost_estimate")
        if cost is not None and cost < 0:
            raise forms.ValidationError(_("Le coût estimé ne peut pas être négatif."))
        return cost

    def clean(self) -> dict[str, Any]:
        """An externalised administration names its provider (seed 001, step 2)."""
        data = super().clean() or {}
        if (data.get("administration_mode") == AdministrationMode.EXTERNAL
                and not (data.get("administrator_provider") or "").strip()):
            self.add_error("administrator_provider",
                           _("Indiquez le prestataire local qui administrera le système."))
        return data


class TaskForm(forms.ModelForm):
    """A task of one of the project's steps."""

    step = StepChoiceField(queryset=None, label=_("Étape"))
    owner = MemberChoiceField(queryset=None, label=_("Responsable"),
                              required=False, empty_label=_("— personne —"))

    class Meta:
        model = Task
        fields = ("step", "title", "start_on", "due_on", "owner", "status")
        widgets = {"start_on": _DATE, "due_on": _DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(StepChoiceField, self.fields["step"]).queryset = project.steps.order_by("number")
        cast(MemberChoiceField, self.fields["owner"]).queryset = _members(project)

    def clean(self) -> dict[str, Any]:
        """The due date cannot come before the start."""
        data = super().clean() or {}
        start_on, due_on = data.get("start_on"), data.get("due_on")
        if start_on and due_on and due_on < start_on:
            self.add_error("due_on", _("L'échéance ne peut pas précéder la date de début."))
        return data

    def _post_clean(self) -> None:
        # Services write the row; skip the model's own checks on a half-built instance
        # (the project is not a form field, the CHECK constraint is enforced above).
        pass


class MilestoneForm(forms.ModelForm):
    """A dated milestone, optionally attached to a step."""

    step = StepChoiceField(queryset=None, label=_("Étape"),
                           required=False, empty_label=_("— aucune —"))

    class Meta:
        model = Milestone
        fields = ("title", "due_on", "step", "is_reached")
        widgets = {"due_on": _DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(StepChoiceField, self.fields["step"]).queryset = project.steps.order_by("number")

    def _post_clean(self) -> None:
        pass  # see TaskForm._post_clean


class MeetingForm(forms.ModelForm):
    """A meeting of one of the project bodies."""

    class Meta:
        model = Meeting
        fields = ("body", "held_on", "topic")
        widgets = {"held_on": _DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def _post_clean(self) -> None:
        pass  # see TaskForm._post_clean


class WaveForm(forms.ModelForm):
    """A deployment wave: number, title, planned go-live."""

    class Meta:
        model = DeploymentWave
        fields = ("number", "title", "start_on")
        widgets = {"start_on": _DATE}

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.project = project
        cast(forms.IntegerField, self.fields["number"]).min_value = 1
        self.fields["number"].widget.attrs["min"] = 1

    def clean_number(self) -> int:
        """Wave numbers are unique within the project."""
        number = self.cleaned_data["number"]
        if number < 1:
            raise forms.ValidationError(_("Le numéro de vague commence à 1."))
        taken = DeploymentWave.objects.filter(project=self.project, number=number)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Une vague porte déjà ce numéro."))
        return number

    def _post_clean(self) -> None:
        pass  # see TaskForm._post_clean


class WaveChoiceField(forms.ModelChoiceField):
    """One of the project's deployment waves."""

    def label_from_instance(self, obj: Any) -> str:
        """« Vague 1 — Socle »."""
        return str(obj)


class WaveAssignmentForm(forms.Form):
    """Which wave brings each module in scope or planned for a later wave."""

    def __init__(self, *args: Any, project: Project, modules: list[tuple[ScopeModule, str]],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.modules = {f"module_{m.pk}": m for m, _title in modules}
        waves = DeploymentWave.objects.filter(project=project).order_by("number")
        for module, title in modules:
            self.fields[f"module_{module.pk}"] = WaveChoiceField(
                queryset=waves, required=False, label=title,
                empty_label=_("— pas encore de vague —"), initial=module.wave_id,
            )

    def assignments(self) -> dict[ScopeModule, DeploymentWave | None]:
        """The chosen wave (or none) for each module."""
        return {module: self.cleaned_data.get(name) for name, module in self.modules.items()}


class HistoryFilterForm(forms.Form):
    """Optional filter of the change history by object type."""

    type = forms.ChoiceField(label=_("Type d'objet"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["type"]).choices = [
            ("", _("Tous les types")), *table_choices()]
