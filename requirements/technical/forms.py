"""Form of the technical preferences (step 6 §2)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ..section_forms import SectionMixin, textarea
from .models import Hosting, TechnicalPreference


class TechnicalPreferenceForm(SectionMixin, forms.ModelForm):
    """Hosting, purchase model, their justification and other technical requirements."""

    class Meta:
        model = TechnicalPreference
        fields = ("hosting", "hosting_justification", "purchase_model",
                  "purchase_justification", "other_requirements")
        widgets = {"hosting": forms.RadioSelect, "purchase_model": forms.RadioSelect,
                   "hosting_justification": textarea(), "purchase_justification": textarea(),
                   "other_requirements": textarea(4)}

    def __init__(self, *args: Any, read_only: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.finish(read_only=read_only)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("hosting") not in (None, Hosting.UNDECIDED)
                and not data.get("hosting_justification", "").strip()):
            self.add_error("hosting_justification",
                           _("Justifiez le choix d'hébergement retenu."))
        return data
