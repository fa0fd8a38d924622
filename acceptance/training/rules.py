"""Training (step 15): pure rules, no ORM.

Seed 001, step 15 « Recommandations »: train users just before go-live, neither long before
nor after; administrators in person; secretaries and reception staff with particular care.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.typography import french_date

# Phase4.md §4 decision point: warn when a session falls more than N weeks before go-live.
EARLY_WEEKS = 4

# Groups built from the team (TrainingGroupKind values).
ADMINISTRATORS = "administrators"
PROFESSIONALS = "professionals"
SECRETARIAT = "secretariat"
# Professions (projects Profession values) trained with the secretariat.
SECRETARIAT_PROFESSIONS = frozenset({"secretary"})
# Roles (projects Role values) trained as administrators (step 2 / step 15: CP, référents).
ADMIN_ROLES = frozenset({"project_lead", "profession_referent", "domain_referent"})

PRESENT = "present"


def timing_warning(*, session_on: date, go_live_on: date | None,
                   early_weeks: int = EARLY_WEEKS) -> str | None:
    """Why a session's date goes against « train just before go-live », or None."""
    if go_live_on is None:
        return None
    if session_on > go_live_on:
        return _("Session après la mise en service du %s : les utilisateurs auront commencé "
                 "sans formation.") % french_date(go_live_on)
    weeks = (go_live_on - session_on).days // 7
    if weeks > early_weeks:
        return ngettext(
            "Session %(weeks)d semaine avant la mise en service : trop tôt, les utilisateurs "
            "auront oublié (au plus %(limit)d semaines).",
            "Session %(weeks)d semaines avant la mise en service : trop tôt, les "
            "utilisateurs auront oublié (au plus %(limit)d semaines).",
            weeks) % {"weeks": weeks, "limit": early_weeks}
    return None


def group_kind_for(*, role: str, profession: str) -> tuple[str, str]:
    """Which group a member of the team joins: (kind, profession or "")."""
    if role in ADMIN_ROLES:
        return ADMINISTRATORS, ""
    if profession in SECRETARIAT_PROFESSIONS:
        return SECRETARIAT, ""
    return PROFESSIONALS, profession


@dataclass(frozen=True)
class TrainedCount:
    """People trained and still to train in one group or profession."""

    label: str
    trained: int
    total: int

    @property
    def to_train(self) -> int:
        return self.total - self.trained


def trained_counts(trainees: Iterable[tuple[str, int]], present: set[int],
                   labels: Mapping[str, str]) -> list[TrainedCount]:
    """Per key (group or profession): (key, trainee id) pairs → trained / total, by label."""
    totals: dict[str, list[int]] = {}
    for key, trainee_id in trainees:
        totals.setdefault(key, []).append(trainee_id)
    return sorted((TrainedCount(labels.get(key, key), sum(1 for t in ids if t in present),
                                len(ids)) for key, ids in totals.items()),
                  key=lambda count: count.label)


def capacity_warning(*, invited: int, capacity: int | None) -> str | None:
    """Warn when more people are invited than the room or the trainer can take."""
    if capacity is not None and invited > capacity:
        return ngettext("%(n)d personne convoquée pour %(c)d place.",
                        "%(n)d personnes convoquées pour %(c)d places.", invited) % {
            "n": invited, "c": capacity}
    return None
