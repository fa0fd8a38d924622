"""Rules of a vote of the assemblée générale: quorum, majorities, ties, proxies, digest.

Pure module: no ORM, no request. Step 11 of the method ends with « the final choice by
vote of all professionals in the assemblée générale »; the services apply these rules
under a lock, the pages and the procès-verbal show what they decide.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

# Stored codes (vendors.choices mirrors them with French labels).
QUORUM_SHARE = "share"      # a percentage of the eligible members
QUORUM_COUNT = "count"      # a number of eligible members
MAJORITY_SIMPLE = "simple"            # the most votes wins (relative majority)
MAJORITY_ABSOLUTE = "absolute"        # more than half of the ballots cast
MAJORITY_TWO_THIRDS = "two_thirds"    # at least two thirds of the ballots cast

MAX_PROXIES_LIMIT = 5   # a holder never carries more than five pouvoirs, whatever is set
MIN_OPTIONS = 2
RECEIPT_LENGTH = 12


def quorum_required(*, eligible: int, kind: str, value: int) -> int:
    """Participants needed for the vote to be valid; a share is rounded up."""
    if kind == QUORUM_SHARE:
        # Integer ceiling of eligible × value / 100, without floats.
        return -(-eligible * value // 100)
    return value


def quorum_error(*, kind: str, value: int | None, eligible: int) -> str | None:
    """Why a quorum setting is impossible for this assembly, or None."""
    if kind not in (QUORUM_SHARE, QUORUM_COUNT):
        return _("Type de quorum inconnu.")
    if value is None:
        return _("Indiquez le quorum.")
    if kind == QUORUM_SHARE and not 0 <= value <= 100:
        return _("Un quorum en pourcentage est compris entre 0 et 100 %.")
    if kind == QUORUM_COUNT and not 0 <= value <= eligible:
        return _("Le quorum ne peut pas dépasser le nombre de membres ayant droit de vote "
                 "(%(n)d).") % {"n": eligible}
    return None


def schedule_error(*, opens_at: datetime, closes_at: datetime, now: datetime) -> str | None:
    """A vote closes after it opens, and not in the past."""
    if closes_at <= opens_at:
        return _("La clôture doit être postérieure à l'ouverture du vote.")
    if closes_at <= now:
        return _("La clôture du vote doit être dans le futur.")
    return None


def options_error(labels: Sequence[str]) -> str | None:
    """At least two options, none empty, no two alike (case and spaces ignored)."""
    cleaned = [" ".join(label.split()).casefold() for label in labels]
    if any(not label for label in cleaned):
        return _("Une option de vote ne peut pas être vide.")
    if len(set(cleaned)) != len(cleaned):
        return _("Deux options de vote portent le même libellé.")
    if len(cleaned) < MIN_OPTIONS:
        return _("Un vote propose au moins deux options distinctes.")
    return None


def max_proxies_error(value: int | None) -> str | None:
    """The limit of pouvoirs per holder is between 0 (no proxy) and the cap."""
    if value is None or not 0 <= value <= MAX_PROXIES_LIMIT:
        return _("Le nombre de pouvoirs par membre est compris entre 0 et %(max)d.") % {
            "max": MAX_PROXIES_LIMIT}
    return None


@dataclass(frozen=True)
class ProxySituation:
    """What the rules need to know to accept a pouvoir from ``giver`` to ``holder``."""

    giver_is_eligible: bool
    holder_is_eligible: bool
    is_same_person: bool
    giver_has_voted: bool
    giver_already_gave: bool
    giver_holds_proxies: bool
    holder_gave_own: bool
    holder_count: int
    max_per_holder: int


def proxy_error(s: ProxySituation) -> str | None:
    """Why this pouvoir cannot be given, or None. No chains: a holder votes in person."""
    if s.max_per_holder == 0:
        return _("Ce vote n'admet pas de pouvoirs.")
    if not s.giver_is_eligible:
        return _("Seul un membre ayant droit de vote peut donner son pouvoir.")
    if not s.holder_is_eligible:
        return _("Le pouvoir ne peut être confié qu'à un membre ayant droit de vote.")
    if s.is_same_person:
        return _("On ne se donne pas son propre pouvoir.")
    if s.giver_has_voted:
        return _("Vous avez déjà voté : retirer votre bulletin n'est pas possible, votre "
                 "pouvoir ne peut donc plus être donné.")
    if s.giver_already_gave:
        return _("Vous avez déjà donné votre pouvoir : retirez-le avant d'en confier un "
                 "autre.")
    if s.giver_holds_proxies:
        return _("Vous détenez déjà le pouvoir d'un autre membre : vous ne pouvez pas "
                 "donner le vôtre.")
    if s.holder_gave_own:
        return _("Ce membre a lui-même donné son pouvoir : il ne peut pas en recevoir.")
    if s.holder_count >= s.max_per_holder:
        return _("Ce membre détient déjà le nombre maximal de pouvoirs (%(max)d).") % {
            "max": s.max_per_holder}
    return None


def proxy_revoke_error(*, holder_has_voted_for_giver: bool) -> str | None:
    """A pouvoir is revocable until its holder has used it."""
    if holder_has_voted_for_giver:
        return _("Le détenteur du pouvoir a déjà voté en votre nom : le pouvoir ne peut "
                 "plus être retiré.")
    return None


@dataclass(frozen=True)
class OptionCount:
    """One option of the vote and the ballots it received."""

    key: int
    label: str
    count: int
    share: Decimal   # percentage of the ballots cast, one decimal


@dataclass(frozen=True)
class VoteOutcome:
    """Everything the close of a vote decides."""

    eligible: int
    participants: int
    turnout: Decimal          # percentage of the eligible members, one decimal
    quorum_needed: int
    is_quorum_reached: bool
    counts: tuple[OptionCount, ...]
    is_tie: bool              # two or more options share the most votes
    winner: OptionCount | None
    reason: str               # one French sentence explaining the result


def percent(part: int, whole: int) -> Decimal:
    """``part / whole`` as a percentage with one decimal, rounded half up; 0 if empty."""
    if whole == 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _meets_majority(votes: int, cast: int, rule: str) -> bool:
    """Whether the leading option's votes satisfy the rule (exact fractions, no floats)."""
    if rule == MAJORITY_ABSOLUTE:
        return Fraction(votes, cast) > Fraction(1, 2)
    if rule == MAJORITY_TWO_THIRDS:
        return Fraction(votes, cast) >= Fraction(2, 3)
    return votes > 0


MAJORITY_WORDING = {
    MAJORITY_ABSOLUTE: gettext_lazy("plus de la moitié des suffrages"),
    MAJORITY_TWO_THIRDS: gettext_lazy("au moins les deux tiers des suffrages"),
}


def vote_outcome(*, options: Sequence[tuple[int, str]], ballots: Mapping[int, int],
                 eligible: int, quorum_kind: str, quorum_value: int,
                 majority: str) -> VoteOutcome:
    """Turnout, quorum, counts and the winner (none on a tie or without the majority).

    ``options`` are (key, label) in display order; ``ballots`` maps an option key to the
    number of ballots that counted for it. Every ballot is for one option: the number of
    participants is the number of ballots cast.
    """
    cast = sum(ballots.get(key, 0) for key, _label in options)
    counts = tuple(OptionCount(key, label, ballots.get(key, 0),
                               percent(ballots.get(key, 0), cast)) for key, label in options)
    needed = quorum_required(eligible=eligible, kind=quorum_kind, value=quorum_value)
    reached = cast >= needed and cast > 0
    top = max((c.count for c in counts), default=0)
    leaders = [c for c in counts if c.count == top and top > 0]
    is_tie = len(leaders) > 1
    winner = None
    if not reached:
        reason = ngettext("Quorum non atteint : %(cast)d participant pour %(needed)d requis. "
                          "Le vote ne désigne aucun résultat.",
                          "Quorum non atteint : %(cast)d participants pour %(needed)d requis. "
                          "Le vote ne désigne aucun résultat.", cast,
                          ) % {"cast": cast, "needed": needed}
    elif is_tie:
        reason = _("Égalité entre %(labels)s : le vote ne désigne aucune option. Un nouveau "
                   "vote départagera les options à égalité.") % {
            "labels": " et ".join(f"« {c.label} »" for c in leaders)}
    elif not _meets_majority(top, cast, majority):
        reason = _("« %(label)s » arrive en tête sans atteindre la majorité requise "
                   "(%(rule)s) : le vote ne désigne aucune option.") % {
            "label": leaders[0].label, "rule": MAJORITY_WORDING[majority]}
    else:
        winner = leaders[0]
        reason = _("« %(label)s » l'emporte avec %(n)d voix sur %(cast)d suffrages.") % {
            "label": winner.label, "n": winner.count, "cast": cast}
    return VoteOutcome(
        eligible=eligible, participants=cast, turnout=percent(cast, eligible),
        quorum_needed=needed, is_quorum_reached=reached, counts=counts, is_tie=is_tie,
        winner=winner, reason=reason,
    )


def digest_lines(receipts: Iterable[tuple[str, str]]) -> list[str]:
    """One ``receipt:option`` line per ballot, sorted: the text the digest is taken over."""
    return sorted(f"{receipt}:{option}" for receipt, option in receipts)


def ballots_digest(receipts: Iterable[tuple[str, str]]) -> str:
    """SHA-256 of the sorted ``receipt:option`` lines joined by newlines (hex).

    Anyone holding the procès-verbal's list of receipts recomputes it and checks that
    the published result comes from exactly these ballots.
    """
    text = "\n".join(digest_lines(receipts))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
