"""Maintenance and evolutions (step 16): pure rules, no ORM.

Seed 001, step 16: evolution requests are listed and ranked by the CP and the référents; the
chef decides which go to the vendor. SLA statistics: the share of anomalies the vendor took
into account within the contract's time, per month and severity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

# EvolutionStatus values: an explicit table of allowed moves.
EVOLUTION_MOVES: Mapping[str, tuple[str, ...]] = {
    "proposed": ("qualified", "refused"),
    "qualified": ("requested", "refused"),
    "requested": ("planned", "refused"),
    "planned": ("delivered",),
    "delivered": ("verified",),
    "verified": (),
    "refused": (),
}
# Sending a request to the vendor, or dropping it, is the chef de projet's decision.
DECISION_MOVES = frozenset({"requested", "refused"})


def evolution_move_error(*, current: str, target: str, can_decide: bool) -> str | None:
    """Why an evolution request cannot go from ``current`` to ``target``, or None."""
    if target not in EVOLUTION_MOVES.get(current, ()):
        return _("Ce changement de statut n'est pas possible pour cette demande.")
    if target in DECISION_MOVES and not can_decide:
        return _("Seul le chef de projet envoie une demande au prestataire ou la refuse.")
    return None


# The référents vote while the request is weighed, before the chef sends it or refuses it.
VOTING_STATUSES = frozenset({"proposed", "qualified"})


@dataclass(frozen=True)
class VoteResult:
    """The référents' votes on one request and what they say (the chef still decides)."""

    in_favour: int = 0
    against: int = 0
    abstentions: int = 0

    @property
    def cast(self) -> int:
        return self.in_favour + self.against + self.abstentions

    @property
    def verdict(self) -> str:
        """« for », « against », « tie » (abstentions do not count), or « none »."""
        if not self.cast:
            return "none"
        if self.in_favour == self.against:
            return "tie"
        return "for" if self.in_favour > self.against else "against"


def vote_results(votes: Iterable[tuple[int, str]]) -> dict[int, VoteResult]:
    """(evolution id, EvolutionVoteChoice value) pairs → the result per evolution."""
    counts: dict[int, dict[str, int]] = {}
    for evolution_id, choice in votes:
        cell = counts.setdefault(evolution_id, {"for": 0, "against": 0, "abstain": 0})
        cell[choice] += 1
    return {pk: VoteResult(c["for"], c["against"], c["abstain"]) for pk, c in counts.items()}


def vote_error(*, status: str, is_referent: bool, has_voted: bool) -> str | None:
    """Why this person cannot vote on a request now, or None."""
    if not is_referent:
        return _("Seuls les référents votent sur les demandes d'évolution ; le chef de "
                 "projet décide ensuite.")
    if status not in VOTING_STATUSES:
        return _("Le vote est clos : la demande a déjà été décidée.")
    if has_voted:
        return _("Vous avez déjà voté sur cette demande : un vote par référent.")
    return None


@dataclass(frozen=True)
class TimedAnomaly:
    """What the SLA statistics need of an anomaly."""

    reported_at: datetime  # local time: months are the MSP's
    severity: str
    due_at: datetime | None
    acknowledged_at: datetime | None


@dataclass(frozen=True)
class SlaCell:
    """One month × severity: anomalies timed, handled in time, late, still running."""

    month: str  # « 2027-03 »
    severity: str
    in_time: int
    late: int
    running: int

    @property
    def decided(self) -> int:
        return self.in_time + self.late

    @property
    def share_percent(self) -> Decimal | None:
        """Share handled within the contract's time, among those already decided."""
        if not self.decided:
            return None
        return (Decimal(100 * self.in_time) / self.decided).quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP)


def _verdict(anomaly: TimedAnomaly, now: datetime) -> str:
    """« in_time », « late » or « running » against the due time."""
    assert anomaly.due_at is not None
    if anomaly.acknowledged_at is not None:
        return "in_time" if anomaly.acknowledged_at <= anomaly.due_at else "late"
    return "late" if now > anomaly.due_at else "running"


def sla_statistics(anomalies: Iterable[TimedAnomaly], *, now: datetime,
                   severities: Iterable[str]) -> list[SlaCell]:
    """Per month (oldest first) and severity (given order); anomalies without a due time
    (no contract figures) are left out."""
    order = list(severities)
    counts: dict[tuple[str, str], dict[str, int]] = {}
    for anomaly in anomalies:
        if anomaly.due_at is None:
            continue
        key = (anomaly.reported_at.strftime("%Y-%m"), anomaly.severity)
        cell = counts.setdefault(key, {"in_time": 0, "late": 0, "running": 0})
        cell[_verdict(anomaly, now)] += 1
    return [SlaCell(month, severity, **counts[(month, severity)])
            for month, severity in sorted(counts, key=lambda k: (
                k[0], order.index(k[1]) if k[1] in order else len(order)))]
