"""Writes of step 4 « étude de l'existant »: one service per section of the page.

Permissions are checked by the views (``requirements.existing.rules``); these services
re-check every number, so no caller can store an inconsistent figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.models import Project, Site

from .models import (
    ExistingState,
    PartnerKind,
    ProfessionProfile,
    ProtocolPathology,
    SiteStaffing,
    TerritoryPartner,
)
from .rules import (
    PATHOLOGY_BY_CODE,
    ProfessionFigures,
    bandwidth_problems,
    figures_problems,
    organisation_problems,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User

ORGANISATION_FIELDS = ("structure_start_on", "is_start_planned", "secretariat_count",
                       "workstations_to_equip", "total_active_patients", "organisation_note")
IT_FIELDS = ("coordination_practices", "sharing_processes", "data_entry_quality", "data_entry_note",
             "workstation_count", "workstations_note", "browsers", "server_note",
             "network_note", "bandwidth_down_mbps", "bandwidth_up_mbps",
             "is_bandwidth_guaranteed", "telecom_note")
TERRITORY_FIELDS = ("dmp_usage", "dmp_note", "mssante_usage", "mssante_note")
PROFILE_FIELDS = ("count_today", "count_in_five_years", "outlook_note",
                  "active_patients_per_professional", "computerised_count", "software",
                  "software_functions")


def _first_problem(problems: Mapping[str, str]) -> None:
    """Refuse the whole section on the first inconsistency found."""
    if problems:
        raise DomainError(next(iter(problems.values())))


def _save_if_changed(row: Model, values: Mapping[str, Any]) -> None:
    """Write ``values`` on ``row`` only when one of them differs (clean history)."""
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        if any(f.name == "updated_at" for f in row._meta.concrete_fields):
            changed.append("updated_at")  # auto_now is only written when listed
        for name in changed:
            if name in values:
                setattr(row, name, values[name])
        row.save(update_fields=changed)


def _state(project: Project) -> ExistingState:
    """The project's step 4 row, locked for this transaction (created on first use)."""
    state, _created = ExistingState.objects.select_for_update().get_or_create(project=project)
    return state


def _only(values: Mapping[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """``values`` if it names only fields of the section, else a refusal."""
    unknown = set(values) - set(fields)
    if unknown:
        raise DomainError(_("Champ inconnu : %s.") % ", ".join(sorted(unknown)))
    return dict(values)


@transaction.atomic
def existing_set_organisation(*, project: Project, values: Mapping[str, Any]) -> ExistingState:
    """Start date, secretariats, workstations to equip and patients of the structure."""
    values = _only(values, ORGANISATION_FIELDS)
    _first_problem(organisation_problems(
        secretariat_count=values.get("secretariat_count"),
        workstations_to_equip=values.get("workstations_to_equip"),
        total_active_patients=values.get("total_active_patients")))
    state = _state(project)
    _save_if_changed(state, values)
    return state


@transaction.atomic
def existing_set_it(*, project: Project, values: Mapping[str, Any]) -> ExistingState:
    """IT diagnosis of the structure: practices, workstations, server, network, bandwidth."""
    values = _only(values, IT_FIELDS)
    _first_problem(bandwidth_problems(
        down=values.get("bandwidth_down_mbps"), up=values.get("bandwidth_up_mbps"),
        is_guaranteed=bool(values.get("is_bandwidth_guaranteed"))))
    count = values.get("workstation_count")
    if count is not None and count < 0:
        raise DomainError(_("Un nombre ne peut pas être négatif."))
    state = _state(project)
    _save_if_changed(state, values)
    return state


@transaction.atomic
def existing_set_territory(*, project: Project, values: Mapping[str, Any]) -> ExistingState:
    """Use of the DMP and of secure messaging (MSSanté)."""
    state = _state(project)
    _save_if_changed(state, _only(values, TERRITORY_FIELDS))
    return state


@transaction.atomic
def existing_set_pathologies(*, project: Project, selections: Mapping[str, tuple[bool, str]],
                             other: str) -> None:
    """Chronic pathologies followed under a protocol: catalogue entries and a free note."""
    unknown = set(selections) - set(PATHOLOGY_BY_CODE)
    if unknown:
        raise DomainError(_("Pathologie inconnue."))
    current = {p.code: p for p in ProtocolPathology.objects.select_for_update()
               .filter(project=project)}
    for code, (is_selected, note) in selections.items():
        row = current.get(code)
        if is_selected and row is None:
            ProtocolPathology.objects.create(project=project, code=code, note=note.strip())
        elif is_selected and row is not None:
            _save_if_changed(row, {"note": note.strip()})
        elif row is not None:
            row.delete()
    _save_if_changed(_state(project), {"other_pathologies": other.strip()})


@transaction.atomic
def profession_profile_save(
    *, project: Project, profession: str, values: Mapping[str, Any],
    site_counts: Mapping[int, int | None], by: User | None,
) -> ProfessionProfile:
    """One profession's part: head counts today and in five years, sites, patients, IT.

    ``site_counts`` maps a site id of this project to the profession's head count there.
    """
    if not project.professions.filter(profession=profession).exists():
        raise DomainError(_("Cette profession n'est pas présente dans la structure."))
    values = _only(values, PROFILE_FIELDS)
    sites = {s.pk: s for s in Site.objects.filter(project=project, pk__in=list(site_counts))}
    if set(site_counts) - set(sites):
        raise DomainError(_("Site inconnu."))
    figures = ProfessionFigures(
        profession=profession, count_today=values.get("count_today"),
        count_in_five_years=values.get("count_in_five_years"),
        active_patients_per_professional=values.get("active_patients_per_professional"),
        computerised_count=values.get("computerised_count"),
        software=values.get("software", ""),
        site_counts={str(k): v for k, v in site_counts.items()},
    )
    _first_problem(figures_problems(figures))
    profile = ProfessionProfile.objects.select_for_update().filter(
        project=project, profession=profession).first()
    if profile is None:  # one history entry for the first answer, not an empty row + edit
        profile = ProfessionProfile.objects.create(project=project, profession=profession,
                                                   updated_by=by, **values)
    else:
        _save_if_changed(profile, {**values, "updated_by": by})
    _save_site_counts(profile, sites, site_counts)
    return profile


def _save_site_counts(profile: ProfessionProfile, sites: Mapping[int, Site],
                      site_counts: Mapping[int, int | None]) -> None:
    """Create, update or remove the per-site head counts of a profession."""
    current = {row.site_id: row for row in profile.site_staffing.all()}
    for site_id, count in site_counts.items():
        row = current.get(site_id)
        if count is None:
            if row is not None:
                row.delete()
        elif row is None:
            SiteStaffing.objects.create(profile=profile, site=sites[site_id], headcount=count)
        else:
            _save_if_changed(row, {"headcount": count})


@transaction.atomic
def territory_partner_add(*, project: Project, kind: str, name: str,
                          exchanges: str) -> TerritoryPartner:
    """Add an actor of the territory and what the MSP exchanges with it."""
    if kind not in PartnerKind.values:
        raise DomainError(_("Type de partenaire inconnu."))
    if not name.strip():
        raise DomainError(_("Indiquez le nom du partenaire."))
    return TerritoryPartner.objects.create(project=project, kind=kind, name=name.strip(),
                                           exchanges=exchanges.strip())


@transaction.atomic
def territory_partner_delete(*, partner: TerritoryPartner) -> None:
    """Remove a partner from the list."""
    partner.delete()

