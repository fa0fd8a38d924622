"""Forms of step 18: the request, a priced line, the justification, a status move."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..choices import OrderKind, OrderStatus
from .selectors import OrderFrame


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type de prestation"), choices=OrderKind.choices)
    title = forms.CharField(label=_("Objet"), max_length=200)
    scope = forms.CharField(label=_("Périmètre détaillé"), max_length=4000,
                            widget=forms.Textarea(attrs={"rows": 4}))
    concerned = forms.CharField(label=_("Profession ou personne concernée"), max_length=200,
                                required=False)
    schedule = forms.CharField(label=_("Calendrier"), max_length=300, required=False)
    latest_on = forms.DateField(
        label=_("Date limite de réalisation"), required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    opportunity = forms.CharField(
        label=_("Opportunité"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Le besoin justifie-t-il le coût ? Notez-le pour le chef de projet."))


class LineForm(forms.Form):
    price_key = forms.ChoiceField(label=_("Poste de la grille de prix"))
    quantity = forms.DecimalField(label=_("Quantité"), min_value=0.01, max_digits=8,
                                  decimal_places=2, localize=True)
    unit_price = forms.DecimalField(
        label=_("Prix unitaire HT du devis (€)"), required=False, min_value=0,
        max_digits=10, decimal_places=2, localize=True,
        help_text=_("Seulement pour un poste que la grille du prestataire ne chiffre pas."))

    def __init__(self, *args: object, frame: OrderFrame, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["price_key"].choices = [  # type: ignore[attr-defined]
            (line.key, f"{line.label} ({line.unit})") for line, _price in frame.price_lines]


class JustifyForm(forms.Form):
    reason = forms.CharField(label=_("Justification de la commande hors cahier des charges"),
                             max_length=500, widget=forms.Textarea(attrs={"rows": 2}))


class MoveForm(forms.Form):
    target = forms.ChoiceField(choices=OrderStatus.choices)
