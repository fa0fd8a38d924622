"""Forms of the votes of the assemblée générale: open a vote, cast a ballot, give a pouvoir."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ..choices import AssessmentDecision, MajorityRule, QuorumKind
from ..evaluation.selectors import OfferStanding
from ..market.models import VendorAssessment
from . import rules as voting
from .models import RoomBallotMode

_DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


def _datetime_field(label: StrOrPromise) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label, input_formats=[_DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_DATETIME_FORMAT),
        error_messages={"invalid": _("Date et heure invalides.")})


class VoteOpenForm(forms.Form):
    """The question, its options (vendors assessed and free labels) and the vote's rules."""

    question = forms.CharField(label=_("Question posée"), max_length=300)
    assessments = forms.ModelMultipleChoiceField(
        label=_("Éditeurs soumis au vote"), required=False,
        queryset=VendorAssessment.objects.none(), widget=forms.CheckboxSelectMultiple,
        help_text=_("Les offres retenues et non éliminées, avec leur rang à l'étape 11 ; "
                    "chacune cochée devient une option."))
    other_options = forms.CharField(
        label=_("Autres options (une par ligne)"), required=False, max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Par exemple « Poursuivre la consultation »."))
    opens_at = _datetime_field(_("Ouverture du vote"))
    closes_at = _datetime_field(_("Clôture du vote"))
    quorum_kind = forms.ChoiceField(label=_("Type de quorum"), choices=QuorumKind.choices)
    quorum_value = forms.IntegerField(
        label=_("Quorum"), min_value=0,
        help_text=_("Un pourcentage (0 à 100) ou un nombre de membres, selon le type."))
    majority = forms.ChoiceField(label=_("Majorité requise"), choices=MajorityRule.choices,
                                 initial=MajorityRule.ABSOLUTE)
    is_secret = forms.BooleanField(label=_("Vote à bulletin secret"), required=False,
                                   initial=True)
    place = forms.CharField(label=_("Lieu de l'assemblée"), max_length=200, required=False,
                            help_text=_("Repris dans le procès-verbal."))
    chair = forms.CharField(label=_("Président de séance"), max_length=150, required=False,
                            help_text=_("Prénom, nom et fonction ; repris dans le "
                                        "procès-verbal, qu'il signe."))
    max_proxies = forms.IntegerField(
        label=_("Pouvoirs par membre au plus"), min_value=0,
        max_value=voting.MAX_PROXIES_LIMIT, initial=1,
        help_text=_("0 : aucun pouvoir admis."))

    def __init__(self, *args: Any, project: Any, eligible: int,
                 standing: OfferStanding | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.eligible = eligible
        standing = standing or OfferStanding()
        offers = cast(forms.ModelMultipleChoiceField, self.fields["assessments"])
        # An offer out on an eliminatory criterion is not put to the AG (step 11).
        offers.queryset = (VendorAssessment.objects.filter(project=project)
                          .filter(decision=AssessmentDecision.KEPT)
                          .exclude(pk__in=standing.eliminated)
                          .select_related("vendor").order_by("vendor__name"))
        offers.error_messages["invalid_choice"] = _(
            "Seules les offres retenues et non éliminées peuvent être soumises au vote.")
        # Each offer shows its step 11 note: a per-form label, so the method is replaced.
        offers.label_from_instance = (  # type: ignore[method-assign]
            lambda obj: f"{obj.vendor} ({standing.notes[obj.pk]})" if obj.pk in standing.notes
            else str(obj.vendor))
        if not self.is_bound and standing.ranked:
            self.initial.setdefault("assessments", list(standing.ranked))

    def option_labels(self) -> list[tuple[str, VendorAssessment | None]]:
        """Options in order: the vendors ticked, then the free labels."""
        data = self.cleaned_data
        picked = [(str(a.vendor), a) for a in data.get("assessments") or []]
        free = [(" ".join(line.split()), None)
                for line in (data.get("other_options") or "").splitlines() if line.strip()]
        return picked + free

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        error = voting.options_error([label for label, _a in self.option_labels()])
        if error:
            self.add_error(None, error)
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("La clôture doit être postérieure à l'ouverture "
                                          "du vote."))
        kind, value = data.get("quorum_kind"), data.get("quorum_value")
        if kind and value is not None:
            quorum = voting.quorum_error(kind=kind, value=value, eligible=self.eligible)
            if quorum:
                self.add_error("quorum_value", quorum)
        return data


class BallotForm(forms.Form):
    """The option chosen, and for whom when voting with a pouvoir."""

    option = forms.IntegerField(widget=forms.HiddenInput,
                                error_messages={"required": _("Choisissez une option.")})
    on_behalf_of = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ProxyForm(forms.Form):
    """The member to whom one's pouvoir is given."""

    holder = forms.TypedChoiceField(label=_("Donner mon pouvoir à"), coerce=int,
                                    error_messages={"invalid_choice": _(
                                        "Ce membre ne peut pas recevoir de pouvoir.")})

    def __init__(self, *args: Any, candidates: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedChoiceField, self.fields["holder"]).choices = [
            (m.user_id, m.user.display_name) for m in candidates]


class RoomVoterForm(forms.Form):
    """A professional without an account who votes in the room."""

    name = forms.CharField(label=_("Prénom et nom"), max_length=150)
    profession = forms.CharField(label=_("Profession"), max_length=100)


class RoomBallotForm(forms.Form):
    """The ballot of a professional voting in the room, taken by the chef de projet."""

    option = forms.IntegerField(widget=forms.HiddenInput,
                                error_messages={"required": _("Choisissez une option.")})
    mode = forms.ChoiceField(label=_("Mode de vote"), choices=RoomBallotMode.choices,
                             widget=forms.RadioSelect, error_messages={
                                 "required": _("Indiquez le mode de vote."),
                                 "invalid_choice": _("Indiquez le mode de vote.")})
