"""Writes of the needs grid (step 6): initialise, edit, order, consolidate, freeze.

Every service checks the grid rule (``requirements.needs.rules``) itself and raises
``PermissionDenied`` (403) when the editor may not touch the requirement, and
``DomainError`` (a French message, nothing changed) when the grid refuses the action.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Field, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.typography import french_datetime
from projects.choices import Role
from projects.history import display_value
from projects.models import Membership, Project
from projects.pagecache.revision import revision_bump

from . import rules
from .catalogue import CATALOGUE
from .models import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from .rules import Editor

if TYPE_CHECKING:
    from msp_si.accounts.models import User

# Fields whose change a concurrent editor is told about.
WATCHED_FIELDS = ("text", "priority", "arbitration_reason", "is_removed")

MERGE_REFUSALS = {
    "same": gettext_lazy("Un besoin ne peut pas être fusionné avec lui-même."),
    "inactive": gettext_lazy("Seuls des besoins présents dans la grille peuvent être fusionnés."),
    "profession": gettext_lazy("Un besoin transversal ou d'une autre profession ne peut pas être "
                    "fusionné dans le besoin propre à une profession."),
}


@dataclass(frozen=True)
class FieldChange:
    """One field the other person changed, as French text."""

    label: str
    old: str
    new: str


class RevisionConflict(DomainError):
    """Someone saved the requirement since the form was displayed: their save is kept."""

    def __init__(self, *, requirement: Requirement, changed_by: str,
                 changed_at: datetime | None, changes: list[FieldChange]) -> None:
        when = french_datetime(changed_at) if changed_at else ""
        super().__init__(_(
            "Le besoin %(code)s a été modifié entre-temps par %(who)s le %(when)s. Votre "
            "saisie n'a pas été enregistrée : la grille montre la version de %(who)s."
        ) % {"code": requirement.code, "who": changed_by, "when": when})
        self.requirement = requirement
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.changes = changes


# --- initialisation --------------------------------------------------------------------

@transaction.atomic
def grid_initialise(*, project: Project) -> NeedsGrid:
    """The project's grid, created from the default catalogue on first use.

    Only the profession-specific requirements of professions present in the MSP are
    copied; codes are allocated in catalogue order (``DOS-001``…).
    """
    existing = NeedsGrid.objects.filter(project=project).first()
    if existing is not None:
        return existing
    # Two first visits at once: the project row serialises them, one grid is created.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    existing = NeedsGrid.objects.filter(project=project).first()
    if existing is not None:
        return existing
    grid = NeedsGrid.objects.create(project=project)
    present = set(project.professions.values_list("profession", flat=True))
    requirements: list[Requirement] = []
    for d_position, entry in enumerate(CATALOGUE, start=1):
        domain = GridDomain.objects.create(grid=grid, project=project, code=entry.code,
                                           title=entry.title, position=d_position)
        s_position = 0
        for sub_entry in entry.subdomains:
            needs = [n for n in sub_entry.needs if not n.profession or n.profession in present]
            if not needs:
                continue
            s_position += 1
            subdomain = GridSubDomain.objects.create(domain=domain, project=project,
                                                     title=sub_entry.title, position=s_position)
            for r_position, need in enumerate(needs, start=1):
                code, domain.last_number = rules.next_code(domain.code, domain.last_number)
                requirements.append(Requirement(
                    project=project, subdomain=subdomain, code=code, text=need.text,
                    priority=need.priority, profession=need.profession, position=r_position,
                ))
        domain.save(update_fields=["last_number"])
    Requirement.objects.bulk_create(requirements)
    # A first version of each requirement, so later changes always have one to diff against.
    Requirement.history.bulk_history_create(requirements)
    return grid


# --- guards ----------------------------------------------------------------------------

def _open_grid(project_id: int) -> NeedsGrid:
    """The project's grid, refused when it is frozen."""
    grid = NeedsGrid.objects.get(project_id=project_id)
    if grid.is_frozen:
        raise DomainError(_(
            "La grille des besoins est figée (version %s validée) : aucune modification "
            "n'est possible. Le chef de projet peut la rouvrir, ce qui crée une nouvelle "
            "version.") % grid.version)
    return grid


def _require_edit(editor: Editor, requirement: Requirement) -> None:
    """403 unless ``editor`` may edit this requirement; refused if no longer in the grid."""
    domain_id = requirement.subdomain.domain_id
    if not rules.may_edit(editor, profession=requirement.profession, domain_id=domain_id):
        raise PermissionDenied
    if not requirement.is_active:
        raise DomainError(_("Ce besoin a été retiré ou fusionné : il ne peut plus être "
                            "modifié."))


def _require_consolidate(editor: Editor) -> None:
    """403 unless the editor consolidates (chef de projet, AMOA)."""
    if not editor.can_consolidate:
        raise PermissionDenied


def _check_priority(priority: str) -> None:
    """Refuse a priority outside Indispensable / Important / Souhaitable."""
    if priority not in Priority.values:
        raise DomainError(_("Priorité inconnue."))


# --- one requirement -------------------------------------------------------------------

@transaction.atomic
def requirement_create(
    *, subdomain: GridSubDomain, editor: Editor, text: str, priority: str,
    profession: str, by: User,
) -> Requirement:
    """Add a requirement at the end of a sub-domain, with the domain's next code."""
    _open_grid(subdomain.project_id)
    present = list(subdomain.project.professions.values_list("profession", flat=True))
    allowed = rules.addable_professions(editor, domain_id=subdomain.domain_id,
                                        professions=present)
    if profession not in allowed:
        raise PermissionDenied
    _check_priority(priority)
    text = text.strip()
    if not text:
        raise DomainError(_("Décrivez le besoin."))
    domain = GridDomain.objects.select_for_update().get(pk=subdomain.domain_id)
    code, domain.last_number = rules.next_code(domain.code, domain.last_number)
    domain.save(update_fields=["last_number"])
    last = subdomain.requirements.aggregate(m=Max("position"))["m"] or 0
    requirement = Requirement(project_id=subdomain.project_id, subdomain=subdomain, code=code,
                              text=text, priority=priority, profession=profession,
                              position=last + 1, updated_by=by)
    requirement._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    requirement.save()
    return requirement


def _conditional_save(requirement: Requirement, *, revision: int, by: User,
                      values: dict[str, object]) -> Requirement:
    """Write ``values`` only if the row still has ``revision``; else raise the conflict."""
    if all(getattr(requirement, k) == v for k, v in values.items()) and \
            requirement.revision == revision:
        return requirement  # nothing changed: no new revision, no history line
    updated = Requirement.objects.filter(pk=requirement.pk, revision=revision).update(
        **values, revision=F("revision") + 1, updated_by=by, updated_at=clock.now(),
    )
    if not updated:
        raise _conflict(requirement.pk)
    revision_bump([requirement.project_id])  # an update in place sends no signal
    requirement.refresh_from_db()
    # A queryset update skips simple-history: record the new version by hand.
    Requirement.history.bulk_history_create([requirement], update=True, default_user=by)
    return requirement


def _conflict(pk: int) -> RevisionConflict:
    """The conflict with the version now saved: who saved it, when, what they changed."""
    current = Requirement.objects.select_related("updated_by", "subdomain").get(pk=pk)
    records = list(current.history.order_by("-history_id")[:2])
    changes: list[FieldChange] = []
    if len(records) == 2:  # the last version and the one before it
        delta = records[0].diff_against(records[1], included_fields=list(WATCHED_FIELDS))
        for change in delta.changes:
            # The watched fields are columns of the row, never reverse relations.
            model_field = cast(Field, Requirement._meta.get_field(change.field))
            changes.append(FieldChange(
                label=str(model_field.verbose_name).capitalize(),
                old=display_value(model_field, change.old, {}),
                new=display_value(model_field, change.new, {}),
            ))
    who = current.updated_by.display_name if current.updated_by else _("une autre personne")
    return RevisionConflict(requirement=current, changed_by=who,
                            changed_at=current.updated_at, changes=changes)


@transaction.atomic
def requirement_update(
    *, requirement: Requirement, editor: Editor, text: str, priority: str, revision: int,
    by: User,
) -> Requirement:
    """Change a requirement's text and priority; a stale ``revision`` is refused."""
    _open_grid(requirement.project_id)
    _require_edit(editor, requirement)
    _check_priority(priority)
    text = text.strip()
    if not text:
        raise DomainError(_("Le texte du besoin ne peut pas être vide."))
    return _conditional_save(requirement, revision=revision, by=by,
                             values={"text": text, "priority": priority})


@transaction.atomic
def requirement_remove(*, requirement: Requirement, editor: Editor, by: User) -> Requirement:
    """Take a requirement out of the grid; its code stays reserved, never given again."""
    _open_grid(requirement.project_id)
    _require_edit(editor, requirement)
    return _conditional_save(requirement, revision=requirement.revision, by=by,
                             values={"is_removed": True})


@transaction.atomic
def requirement_restore(*, requirement: Requirement, editor: Editor, by: User) -> Requirement:
    """Put a removed requirement back in the grid, under its own code, at the end."""
    _open_grid(requirement.project_id)
    if not rules.may_edit(editor, profession=requirement.profession,
                          domain_id=requirement.subdomain.domain_id):
        raise PermissionDenied
    if not requirement.is_removed or requirement.merged_into_id is not None:
        raise DomainError(_("Seul un besoin retiré (non fusionné) peut être rétabli."))
    last = Requirement.objects.filter(subdomain_id=requirement.subdomain_id).aggregate(
        m=Max("position"))["m"] or 0
    return _conditional_save(requirement, revision=requirement.revision, by=by,
                             values={"is_removed": False, "position": last + 1})


@transaction.atomic
def requirement_move(*, requirement: Requirement, editor: Editor, direction: str,
                     by: User) -> None:
    """Swap a requirement with its neighbour in its sub-domain (``up`` or ``down``)."""
    _open_grid(requirement.project_id)
    _require_edit(editor, requirement)
    if direction not in ("up", "down"):
        raise DomainError(_("Sens de déplacement inconnu."))
    siblings = list(
        Requirement.objects.select_for_update()
        .filter(subdomain_id=requirement.subdomain_id, is_removed=False,
                merged_into__isnull=True).order_by("position", "id")
    )
    order = rules.moved([r.pk for r in siblings], requirement.pk, direction)
    changes = rules.renumbered(order, {r.pk: r.position for r in siblings})
    for row in siblings:
        if row.pk in changes:
            row.position = changes[row.pk]
            row._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
            row.save(update_fields=["position", "updated_at"])


@transaction.atomic
def profession_priority_set(
    *, requirement: Requirement, editor: Editor, profession: str, priority: str,
    comment: str, by: User,
) -> ProfessionPriority:
    """The priority a référent métier gives, for their profession, to a transversal need."""
    _open_grid(requirement.project_id)
    if not rules.may_give_profession_priority(
            editor, profession=profession, requirement_profession=requirement.profession):
        raise PermissionDenied
    if not requirement.is_active:
        raise DomainError(_("Ce besoin a été retiré ou fusionné."))
    _check_priority(priority)
    row = ProfessionPriority.objects.select_for_update().filter(
        requirement=requirement, profession=profession).first()
    if row is None:
        row = ProfessionPriority(requirement=requirement, project_id=requirement.project_id,
                                 profession=profession)
    elif row.priority == priority and row.comment == comment.strip():
        return row
    row.priority, row.comment, row.updated_by = priority, comment.strip(), by
    row._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    row.save()
    return row


# --- consolidation (chef de projet, AMOA) ----------------------------------------------

@transaction.atomic
def requirement_arbitrate(
    *, requirement: Requirement, editor: Editor, priority: str, reason: str, revision: int,
    by: User,
) -> Requirement:
    """Set the arbitrated priority of a requirement, with the reason of the arbitration."""
    _open_grid(requirement.project_id)
    _require_consolidate(editor)
    _require_edit(editor, requirement)
    _check_priority(priority)
    if not reason.strip():
        raise DomainError(_("Indiquez le motif de l'arbitrage."))
    return _conditional_save(requirement, revision=revision, by=by,
                             values={"priority": priority,
                                     "arbitration_reason": reason.strip()})


@transaction.atomic
def requirement_merge(*, keep: Requirement, drop: Requirement, editor: Editor,
                      by: User) -> Requirement:
    """Merge a duplicate into the requirement kept; the duplicate leaves the grid.

    The duplicate keeps its row, code and history and points to the one kept; the
    professions' priorities it carried move to the kept one when it has none of its own.
    """
    _open_grid(keep.project_id)
    _require_consolidate(editor)
    if keep.project_id != drop.project_id:
        raise PermissionDenied
    refusal = rules.merge_refusal(
        rules.MergeSide(keep.pk, keep.profession, keep.is_active),
        rules.MergeSide(drop.pk, drop.profession, drop.is_active),
    )
    if refusal:
        raise DomainError(str(MERGE_REFUSALS[refusal]))
    kept = {p.profession: p for p in keep.profession_priorities.all()}
    dropped = {p.profession: p for p in drop.profession_priorities.all()}
    inherited = rules.merged_priorities({k: v.priority for k, v in kept.items()},
                                        {k: v.priority for k, v in dropped.items()})
    for profession in inherited:
        source = dropped[profession]
        row = ProfessionPriority(requirement=keep, project_id=keep.project_id,
                                 profession=profession, priority=source.priority,
                                 comment=source.comment, updated_by=source.updated_by)
        row._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
        row.save()
    # Earlier duplicates of the dropped requirement now point straight at the kept one.
    for earlier in Requirement.objects.filter(merged_into=drop):
        earlier.merged_into = keep
        earlier._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
        earlier.save(update_fields=["merged_into", "updated_at"])
    drop.merged_into, drop.revision, drop.updated_by = keep, drop.revision + 1, by
    drop._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    drop.save()
    return keep


@transaction.atomic
def grid_domain_assign(*, domain: GridDomain, editor: Editor,
                       referent: Membership | None) -> GridDomain:
    """Entrust a grid domain to a référent fonctionnel of the project (or to nobody)."""
    _require_consolidate(editor)
    if referent is not None and (referent.project_id != domain.project_id
                                 or referent.role != Role.DOMAIN_REFERENT):
        raise DomainError(_("Choisissez un référent fonctionnel de l'équipe projet."))
    if domain.referent_id != (referent.pk if referent else None):
        domain.referent = referent
        domain.save(update_fields=["referent"])
    return domain


# --- freeze (chef de projet, VALIDATE_DELIVERABLE) ----------------------------------

@transaction.atomic
def grid_freeze(*, grid: NeedsGrid, by: User) -> NeedsGrid:
    """Freeze the validated grid: its current version can go into the cahier des charges."""
    grid = NeedsGrid.objects.select_for_update().get(pk=grid.pk)
    if grid.is_frozen:
        raise DomainError(_("La grille est déjà figée."))
    grid.is_frozen, grid.frozen_at, grid.frozen_by = True, clock.now(), by
    grid._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    grid.save()
    return grid


@transaction.atomic
def grid_unfreeze(*, grid: NeedsGrid, by: User) -> NeedsGrid:
    """Reopen a frozen grid for edits, as a new version (the frozen one stays on record)."""
    grid = NeedsGrid.objects.select_for_update().get(pk=grid.pk)
    if not grid.is_frozen:
        raise DomainError(_("La grille n'est pas figée."))
    grid.is_frozen, grid.frozen_at, grid.frozen_by = False, None, None
    grid.version += 1
    grid._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    grid.save()
    return grid
