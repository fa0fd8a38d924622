"""Writes of step 1 (objectifs et périmètre): one service per section, and contributions.

Each section is saved on its own: a service touches only the rows of its section, and only
those that changed, so the history of the others stays clean.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

from ..choices import Axis, ScopeDecision
from ..method import MAX_PALIER, MODULE_BY_CODE
from ..models import (
    AxisTarget,
    Contribution,
    Framing,
    ObjectiveSelection,
    Project,
    ProjectProfession,
    ScopeModule,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User

# Step 1: a module left out or postponed must say why (seed 001: « fonctions exclues »).
DECISIONS_NEEDING_REASON = frozenset({ScopeDecision.OUT_OF_SCOPE, ScopeDecision.LATER})


def _save_if_changed(row: Model, values: Mapping[str, Any]) -> None:
    """Write ``values`` on ``row`` only when one of them differs."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)


@transaction.atomic
def framing_set_axes(*, project: Project, levels: Mapping[str, tuple[int, int, str]]) -> None:
    """Current and target palier per axis; the target is never below the current level."""
    for axis, (current, target, _notes) in levels.items():
        known_levels = 0 <= current <= MAX_PALIER and 0 <= target <= MAX_PALIER
        if axis not in Axis.values or not known_levels:
            raise DomainError(_("Palier inconnu."))
        if target < current:
            raise DomainError(_("Le palier visé ne peut pas être inférieur au palier actuel "
                                "(%s).") % Axis(axis).label)
    for row in AxisTarget.objects.select_for_update().filter(project=project):
        if row.axis in levels:
            current, target, notes = levels[row.axis]
            _save_if_changed(row, {"current_level": current, "target_level": target,
                                   "notes": notes})


@transaction.atomic
def framing_set_objectives(
    *, project: Project, selections: Mapping[str, tuple[bool, str]]
) -> None:
    """Which strategic objectives of the projet de santé the IS serves, with a comment."""
    for row in ObjectiveSelection.objects.select_for_update().filter(project=project):
        if row.code in selections:
            selected, comment = selections[row.code]
            _save_if_changed(row, {"is_selected": selected, "comment": comment})


@transaction.atomic
def framing_set_scope(*, project: Project, decisions: Mapping[str, tuple[str, str]]) -> None:
    """Decision on each functional module; out of scope or later needs a reason."""
    for code, (decision, reason) in decisions.items():
        if code not in MODULE_BY_CODE or decision not in ScopeDecision.values:
            raise DomainError(_("Module ou décision inconnus."))
        if decision in DECISIONS_NEEDING_REASON and not reason.strip():
            raise DomainError(_("Indiquez le motif : « %s » est hors périmètre ou reporté.")
                              % MODULE_BY_CODE[code].title)
    for row in ScopeModule.objects.select_for_update().filter(project=project):
        if row.code in decisions:
            decision, reason = decisions[row.code]
            _save_if_changed(row, {"decision": decision, "reason": reason.strip()})


@transaction.atomic
def framing_set_users(*, project: Project, users: Mapping[str, tuple[bool, str]]) -> None:
    """Which professions present in the MSP will use the future IS, with a note."""
    for row in ProjectProfession.objects.select_for_update().filter(project=project):
        if row.profession in users:
            in_scope, note = users[row.profession]
            _save_if_changed(row, {"is_in_scope": in_scope, "scope_note": note})


REALISM_FIELDS = ("maturity", "maturity_note", "ambition", "ambition_note", "resources",
                  "resources_note", "scope_summary")


@transaction.atomic
def framing_set_realism(*, project: Project, values: Mapping[str, str]) -> Framing:
    """Realism factors (maturity, ambition, resources) and the summary of objectives."""
    framing, _created = Framing.objects.select_for_update().get_or_create(project=project)
    _save_if_changed(framing, {k: v for k, v in values.items() if k in REALISM_FIELDS})
    return framing


@transaction.atomic
def contribution_save(
    *,
    project: Project,
    author: User,
    expectations: str,
    wished_record_sharing: int,
    wished_coordination: int,
    wished_steering: int,
) -> Contribution:
    """Write or rewrite a professional's own contribution: one per person and project."""
    if not expectations.strip():
        raise DomainError(_("Décrivez vos attentes vis-à-vis du système d'information."))
    wished = (wished_record_sharing, wished_coordination, wished_steering)
    if any(not 0 <= level <= MAX_PALIER for level in wished):
        raise DomainError(_("Palier inconnu."))
    contribution, _created = Contribution.objects.update_or_create(
        project=project, author=author,
        defaults={"expectations": expectations.strip(),
                  "wished_record_sharing": wished_record_sharing,
                  "wished_coordination": wished_coordination,
                  "wished_steering": wished_steering},
    )
    return contribution
