"""Forms of step 1 (objectifs et périmètre): one form per section, and the contribution.

Section forms have one field per row of the method's catalogue (axis, objective, module,
profession), keyed by its code, never by a database id: a forged post can only name rows
that exist in every project, and the service looks them up within the project.
"""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from ..choices import Axis, ScopeDecision
from ..method import MODULE_BY_CODE, OBJECTIVE_BY_CODE, PALIERS
from ..models import (
    AxisTarget,
    Contribution,
    Framing,
    ObjectiveSelection,
    ProjectProfession,
    ScopeModule,
)
from .services import DECISIONS_NEEDING_REASON


def palier_choices(axis: str) -> list[tuple[int, str]]:
    """« Palier n — description » for each palier of an axis."""
    return [(level, _("Palier %(n)s — %(text)s") % {"n": level, "text": text})
            for level, text in enumerate(PALIERS[axis])]


def _palier_field(axis: str, label: str, initial: int) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label, coerce=int, choices=palier_choices(axis), initial=initial,
        error_messages={"invalid_choice": _("Palier inconnu.")},
    )


class SectionForm(forms.Form):
    """A section of the framing page; read-only for people who may not edit it."""

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_only = read_only

    def _finish(self) -> None:
        if self.read_only:
            for field in self.fields.values():
                field.disabled = True


class AxesForm(SectionForm):
    """Current and target palier on each of the three axes."""

    def __init__(self, *args: Any, targets: list[AxisTarget], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.targets = targets
        for t in targets:
            name = t.get_axis_display()
            self.fields[f"{t.axis}_current"] = _palier_field(
                t.axis, _("Palier actuel — %s") % name, t.current_level)
            self.fields[f"{t.axis}_target"] = _palier_field(
                t.axis, _("Palier visé — %s") % name, t.target_level)
            self.fields[f"{t.axis}_notes"] = forms.CharField(
                label=_("Précisions — %s") % name, required=False, max_length=2000,
                initial=t.notes, widget=forms.Textarea(attrs={"rows": 2}))
        self._finish()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for t in self.targets:
            current, target = data.get(f"{t.axis}_current"), data.get(f"{t.axis}_target")
            if current is not None and target is not None and target < current:
                self.add_error(f"{t.axis}_target", _(
                    "Le palier visé ne peut pas être inférieur au palier actuel."))
        return data

    def rows(self) -> list[dict[str, Any]]:
        """One row per axis with its bound fields and the text of its paliers."""
        return [{"label": t.get_axis_display(), "paliers": PALIERS[t.axis],
                 "current": self[f"{t.axis}_current"], "target": self[f"{t.axis}_target"],
                 "notes": self[f"{t.axis}_notes"]} for t in self.targets]

    def levels(self) -> dict[str, tuple[int, int, str]]:
        d = self.cleaned_data
        return {t.axis: (d[f"{t.axis}_current"], d[f"{t.axis}_target"], d[f"{t.axis}_notes"])
                for t in self.targets}


class ObjectivesForm(SectionForm):
    """Strategic objectives of the projet de santé: selected or not, with a comment."""

    def __init__(self, *args: Any, objectives: list[ObjectiveSelection], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.objectives = [o for o in objectives if o.code in OBJECTIVE_BY_CODE]
        for o in self.objectives:
            title = OBJECTIVE_BY_CODE[o.code].title
            self.fields[f"{o.code}_selected"] = forms.BooleanField(
                label=_("Retenu — %s") % title, required=False, initial=o.is_selected)
            self.fields[f"{o.code}_comment"] = forms.CharField(
                label=_("Commentaire — %s") % title, required=False, max_length=300,
                initial=o.comment)
        self._finish()

    def rows(self) -> list[dict[str, Any]]:
        """One row per objective, with the modules it calls for."""
        return [{"objective": OBJECTIVE_BY_CODE[o.code],
                 "modules": [MODULE_BY_CODE[m].title for m in OBJECTIVE_BY_CODE[o.code].modules],
                 "selected": self[f"{o.code}_selected"], "comment": self[f"{o.code}_comment"]}
                for o in self.objectives]

    def selections(self) -> dict[str, tuple[bool, str]]:
        d = self.cleaned_data
        return {o.code: (d[f"{o.code}_selected"], d[f"{o.code}_comment"])
                for o in self.objectives}


class ModulesForm(SectionForm):
    """Decision on each functional module, with a reason when out of scope or later."""

    def __init__(self, *args: Any, modules: list[ScopeModule], suggested: set[str],
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.modules = [m for m in modules if m.code in MODULE_BY_CODE]
        self.suggested = suggested
        for m in self.modules:
            title = MODULE_BY_CODE[m.code].title
            self.fields[f"{m.code}_decision"] = forms.ChoiceField(
                label=_("Décision — %s") % title, choices=ScopeDecision.choices,
                initial=m.decision,
                error_messages={"invalid_choice": _("Décision inconnue.")})
            self.fields[f"{m.code}_reason"] = forms.CharField(
                label=_("Motif — %s") % title, required=False, max_length=300,
                initial=m.reason)
        self._finish()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for m in self.modules:
            if (data.get(f"{m.code}_decision") in DECISIONS_NEEDING_REASON
                    and not data.get(f"{m.code}_reason", "").strip()):
                self.add_error(f"{m.code}_reason", _(
                    "Indiquez le motif d'un module hors périmètre ou reporté."))
        return data

    def rows(self) -> list[dict[str, Any]]:
        """One row per module, flagged when a selected objective suggests it."""
        return [{"module": MODULE_BY_CODE[m.code], "is_suggested": m.code in self.suggested,
                 "decision": self[f"{m.code}_decision"], "reason": self[f"{m.code}_reason"]}
                for m in self.modules]

    def decisions(self) -> dict[str, tuple[str, str]]:
        d = self.cleaned_data
        return {m.code: (d[f"{m.code}_decision"], d[f"{m.code}_reason"]) for m in self.modules}


class UsersForm(SectionForm):
    """Which professions present in the MSP are users of the future IS."""

    def __init__(self, *args: Any, professions: list[ProjectProfession], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.professions = professions
        for p in professions:
            name = p.get_profession_display()
            self.fields[f"{p.profession}_in_scope"] = forms.BooleanField(
                label=_("Utilisateurs du futur SI — %s") % name, required=False,
                initial=p.is_in_scope)
            self.fields[f"{p.profession}_note"] = forms.CharField(
                label=_("Précision — %s") % name, required=False, max_length=200,
                initial=p.scope_note)
        self._finish()

    def rows(self) -> list[dict[str, Any]]:
        """One row per profession present, with its head count."""
        return [{"profession": p, "in_scope": self[f"{p.profession}_in_scope"],
                 "note": self[f"{p.profession}_note"]} for p in self.professions]

    def users(self) -> dict[str, tuple[bool, str]]:
        d = self.cleaned_data
        return {p.profession: (d[f"{p.profession}_in_scope"], d[f"{p.profession}_note"])
                for p in self.professions}


class RealismForm(forms.ModelForm):
    """Realism factors of seed 001 (maturity, ambition, resources) and the summary."""

    class Meta:
        model = Framing
        fields = ("maturity", "maturity_note", "ambition", "ambition_note", "resources",
                  "resources_note", "scope_summary")
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in
                   ("maturity_note", "ambition_note", "resources_note", "scope_summary")}

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.read_only = read_only
        for field in self.fields.values():
            field.disabled = read_only


class ContributionForm(forms.ModelForm):
    """A professional's expectations and the palier they wish on each axis."""

    class Meta:
        model = Contribution
        fields = ("expectations", "wished_record_sharing", "wished_coordination",
                  "wished_steering")
        widgets = {"expectations": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, axis in (("wished_record_sharing", Axis.RECORD_SHARING),
                           ("wished_coordination", Axis.COORDINATION),
                           ("wished_steering", Axis.STEERING)):
            field = cast(forms.ChoiceField, self.fields[name])
            field.choices = palier_choices(axis)
            field.error_messages["invalid_choice"] = _("Palier inconnu.")
        self.fields["expectations"].validators.append(MaxLengthValidator(10000))
        self.fields["expectations"].help_text = _(
            "Ce que vous attendez du système d'information pour votre exercice : partage, "
            "coordination, suivi de l'activité…")
