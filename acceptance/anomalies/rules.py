"""The life of a fiche anomalie: the allowed moves and who may make each. Pure, no ORM.

Method, step 14 and 16: the MOE takes the anomaly into account and corrects it; the MSP
side (chef de projet, AMOA) qualifies it, verifies the correction, closes, rejects or
reopens it. The vendor answers through its link and can only say « prise en compte » and
« corrigée »; the team may record those for it (an answer given by telephone).
"""

from __future__ import annotations

from ..choices import AnomalyStatus as S

TEAM = "team"      # a member holding « qualifier les anomalies » (chef de projet, AMOA)
VENDOR = "vendor"  # the vendor, through its secret link
BOTH = frozenset({TEAM, VENDOR})
ONLY_TEAM = frozenset({TEAM})

# (from, to) → who may make the move. Anything not listed is refused.
MOVES: dict[tuple[str, str], frozenset[str]] = {
    (S.OPEN, S.ACKNOWLEDGED): BOTH,
    (S.REOPENED, S.ACKNOWLEDGED): BOTH,
    (S.OPEN, S.CORRECTED): BOTH,
    (S.ACKNOWLEDGED, S.CORRECTED): BOTH,
    (S.REOPENED, S.CORRECTED): BOTH,
    (S.CORRECTED, S.VERIFIED): ONLY_TEAM,
    (S.VERIFIED, S.CLOSED): ONLY_TEAM,
    (S.OPEN, S.REJECTED): ONLY_TEAM,
    (S.ACKNOWLEDGED, S.REJECTED): ONLY_TEAM,
    (S.REOPENED, S.REJECTED): ONLY_TEAM,
    # The correction does not hold, or a closed or rejected anomaly comes back.
    (S.CORRECTED, S.REOPENED): ONLY_TEAM,
    (S.VERIFIED, S.REOPENED): ONLY_TEAM,
    (S.CLOSED, S.REOPENED): ONLY_TEAM,
    (S.REJECTED, S.REOPENED): ONLY_TEAM,
}
# Statuses where nothing more is expected from the vendor.
SETTLED = frozenset({S.VERIFIED, S.CLOSED, S.REJECTED})
# Statuses where the anomaly still stands (the PV's reserves, the periodic list).
OPEN_STATUSES = frozenset({S.OPEN, S.ACKNOWLEDGED, S.CORRECTED, S.REOPENED})
# Statuses where the vendor has not answered yet: the SLA clock is running.
AWAITING_VENDOR = frozenset({S.OPEN, S.REOPENED})


def can_move(current: str, to: str, actor: str) -> bool:
    """Whether ``actor`` (TEAM or VENDOR) may move an anomaly from ``current`` to ``to``."""
    return actor in MOVES.get((current, to), frozenset())


def moves_for(current: str, actor: str) -> list[str]:
    """The statuses ``actor`` may move an anomaly to, in the order of the life cycle."""
    return [to for to in S.values if can_move(current, to, actor)]
