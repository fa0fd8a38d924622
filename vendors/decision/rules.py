"""When the chosen solution may be recorded, at the end of step 11. Pure: no ORM.

The method (seed 001, step 11): the dossier de choix synthesises the analysis, then the
assemblée générale makes the final choice by vote. The chef de projet records that choice
once (1) a closed vote of the AG designates one of the offers, and (2) the dossier de choix
that carries this vote's result is validated collegially at step 11.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class ChoiceSituation:
    """What the record of the choice depends on, read from the project."""

    already_chosen: str                 # the solution recorded before, or ""
    has_closed_vote: bool               # a closed vote of the AG on the offers exists
    winner: str | None                  # the option the latest such vote designates
    winner_is_offer: bool               # that option is one of the offers analysed
    vote_closed_at: datetime | None
    validated_dossier_at: datetime | None  # when the validated version's data was read


def choice_error(s: ChoiceSituation) -> str | None:
    """Why the choice cannot be recorded now, in French, or ``None`` when it can."""
    if s.already_chosen:
        return _("La solution retenue est déjà enregistrée : « %s ».") % s.already_chosen
    if not s.has_closed_vote:
        return _("L'assemblée générale n'a pas encore voté : ouvrez un vote sur les offres "
                 "classées et clôturez-le.")
    if s.winner is None:
        return _("Le dernier vote clos de l'assemblée générale ne désigne aucune offre "
                 "(quorum, égalité ou majorité non atteints) : organisez un nouveau vote.")
    if not s.winner_is_offer:
        return _("Le vote désigne « %s », qui n'est pas une des offres analysées : aucune "
                 "solution ne peut être retenue.") % s.winner
    if s.validated_dossier_at is None:
        return _("Faites d'abord valider le dossier de choix en réunion (validation "
                 "collégiale de l'étape 11).")
    if s.vote_closed_at is not None and s.validated_dossier_at < s.vote_closed_at:
        return _("Le dossier de choix validé a été produit avant la clôture du vote : "
                 "générez une nouvelle version, qui porte le résultat du vote, et faites-la "
                 "valider.")
    return None
