"""The filters of the answers comparison (a GET form: no JavaScript needed)."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext_lazy as _

from requirements.models import Priority

from .selectors import ALL_DOMAINS, CompareFilters


class CompareFilterForm(forms.Form):
    """Domain, priority, « seulement les écarts », « seulement les besoins non couverts ».

    The domain is checked against the grid by the selector (an unknown code shows the
    default view); the list of domains is given to the widget once the grid is read.
    """

    domaine = forms.CharField(label=_("Domaine"), required=False, widget=forms.Select)
    priorite = forms.ChoiceField(
        label=_("Priorité"), required=False,
        choices=[("", _("Toutes les priorités")), *Priority.choices])
    ecarts = forms.BooleanField(
        label=_("Seulement les écarts (réponses différentes d'un prestataire à l'autre)"),
        required=False)
    non_couverts = forms.BooleanField(
        label=_("Seulement les besoins non couverts (au moins un « Non couvert » ou une "
                "absence de réponse)"),
        required=False)

    def filters(self) -> CompareFilters:
        """The validated filters; call after ``is_valid()``."""
        data = self.cleaned_data
        return CompareFilters(domain=data["domaine"], priority=data["priorite"],
                              only_gaps=data["ecarts"], only_uncovered=data["non_couverts"])

    def set_domains(self, domains: Sequence[tuple[str, str]]) -> None:
        """Offer « Tous les domaines » and each domain of the grid."""
        self.fields["domaine"].widget.choices = [
            (ALL_DOMAINS, _("Tous les domaines")),
            *[(code, f"{code} — {title}") for code, title in domains]]
