"""Form of the dossier de choix page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .services import SYNTHESIS_MAX


class SynthesisForm(forms.Form):
    """The synthesis of the analysis the dossier de choix opens with."""

    synthesis = forms.CharField(
        label=gettext_lazy("Synthèse de l'analyse"), required=False, max_length=SYNTHESIS_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("Ce que l'équipe projet retient de l'analyse, en quelques "
                               "paragraphes : elle ouvre le dossier de choix présenté à "
                               "l'assemblée générale."))
