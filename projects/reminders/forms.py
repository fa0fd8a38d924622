"""The preferences form: one checkbox per kind of reminder."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..plugins import reminder_kinds


class ReminderPreferencesForm(forms.Form):
    """The kinds of reminders the person keeps (unchecked: no longer sent)."""

    kinds = forms.MultipleChoiceField(
        label=_("Rappels que je reçois par e-mail"), required=False,
        widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].choices = [  # type: ignore[attr-defined]
            (kind.code, kind.label) for kind in reminder_kinds()]
        self.fields["kinds"].error_messages["invalid_choice"] = _(
            "Ce type de rappel n'existe pas : rien n'a été changé.")
