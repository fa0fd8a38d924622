"""Helpers shared by the section forms of steps 4, 6 and 7."""

from __future__ import annotations

from collections.abc import Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

NEGATIVE = _("Un nombre ne peut pas être négatif.")
NOT_A_NUMBER = _("Saisissez un nombre.")
NOT_A_WHOLE_NUMBER = _("Saisissez un nombre entier.")


class SectionMixin:
    """A section of a page: fields disabled for readers, French messages on numbers."""

    fields: dict[str, forms.Field]

    def finish(self, *, read_only: bool) -> None:
        """Call at the end of ``__init__``, once every field exists."""
        self.read_only = read_only
        for field in self.fields.values():
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = (
                    NOT_A_WHOLE_NUMBER if not isinstance(field, forms.DecimalField)
                    else NOT_A_NUMBER)
                field.error_messages["min_value"] = NEGATIVE
            if isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = _("Choix inconnu.")
            if read_only:
                field.disabled = True

    def add_problems(self, problems: Mapping[str, str]) -> None:
        """Attach the messages of a pure rule to their fields (or to the form)."""
        for name, message in problems.items():
            # A mixin of forms: errors and add_error come from the Form it is mixed into.
            if name in self.fields and name not in self.errors:  # type: ignore[attr-defined]
                self.add_error(name, message)  # type: ignore[attr-defined]
            elif name not in self.fields:
                self.add_error(None, message)  # type: ignore[attr-defined]


def textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})

