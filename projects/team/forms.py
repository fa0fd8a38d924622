"""Forms of the team page and of the invitation link: parse and validate input only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from ..choices import Profession, Role

# Transversal domains suggested to the lead (domain.md §1); any other wording is allowed.
DOMAIN_SUGGESTIONS: tuple[str, ...] = (
    "Indicateurs de pilotage",
    "Sécurité et habilitations",
    "Dossier patient et synthèse",
    "Coordination et agenda partagé",
    "Facturation",
    "Messagerie sécurisée et échanges externes",
)
DOMAIN_DATALIST_ID = "domain-suggestions"


class RoleForm(forms.Form):
    """A role with the profession or domain it requires."""

    role = forms.ChoiceField(label=_("Rôle"), choices=Role.choices)
    profession = forms.ChoiceField(
        label=_("Profession"),
        choices=[("", _("— aucune —")), *Profession.choices],
        required=False,
        help_text=_("Obligatoire pour un référent métier."),
    )
    domain = forms.CharField(
        label=_("Domaine fonctionnel"),
        max_length=120,
        required=False,
        help_text=_("Obligatoire pour un référent fonctionnel."),
        widget=forms.TextInput(attrs={"list": DOMAIN_DATALIST_ID, "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        role = data.get("role")
        if role == Role.PROFESSION_REFERENT and not data.get("profession"):
            self.add_error("profession", _("Choisissez la profession que ce référent représente."))
        if role == Role.DOMAIN_REFERENT and not data.get("domain", "").strip():
            self.add_error("domain", _("Indiquez le domaine de ce référent fonctionnel."))
        return data


class InvitationForm(RoleForm):
    """Invite someone by e-mail with a role."""

    email = forms.EmailField(
        label=_("Adresse e-mail"), max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    field_order = ("email", "role", "profession", "domain")

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()


class NewAccountForm(forms.Form):
    """The account an invited person creates: name and a password checked by Django."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Nom"), max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    password1 = forms.CharField(
        label=_("Mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Confirmation du mot de passe"), strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.email = email
        # Plain text (the field template puts help in a <small>), in the active language.
        self.fields["password1"].help_text = " ".join(
            password_validation.password_validators_help_texts()
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password1, password2 = data.get("password1"), data.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif password1:
            # An unsaved user lets the similarity validator compare with name and address.
            user = get_user_model()(email=self.email, first_name=data.get("first_name", ""),
                                    last_name=data.get("last_name", ""))
            try:
                password_validation.validate_password(password1, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
