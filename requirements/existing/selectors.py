"""Reads of step 4: the page's data, the completion per profession, the consolidated view.

``existing_summary`` returns plain data (no model instance) for the cahier des charges.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from projects.choices import Role
from projects.models import Membership, Project, Site

from .models import ExistingState, ProfessionProfile, TerritoryPartner
from .rules import (
    PATHOLOGIES,
    Completion,
    ProfessionFigures,
    Totals,
    consolidate,
    profession_completion,
)


@dataclass(frozen=True)
class ProfessionPart:
    """One profession present in the MSP and what it reported at step 4."""

    profession: str
    label: str
    declared_headcount: int  # from the project's identity sheet
    count_today: int | None
    count_in_five_years: int | None
    outlook_note: str
    active_patients_per_professional: int | None
    computerised_count: int | None
    software: str
    software_functions: str
    site_counts: dict[int, int]  # site id → head count
    completion: Completion
    updated_by: str = ""
    updated_at: datetime | None = None
    referents: tuple[str, ...] = ()  # référents métier of this profession, who collect it

    @property
    def figures(self) -> ProfessionFigures:
        """The figures the pure rules consolidate."""
        return ProfessionFigures(
            profession=self.profession, count_today=self.count_today,
            count_in_five_years=self.count_in_five_years,
            active_patients_per_professional=self.active_patients_per_professional,
            computerised_count=self.computerised_count, software=self.software)


@dataclass(frozen=True)
class SiteRow:
    """A site with the professions working there and their head counts."""

    pk: int
    name: str
    city: str
    staffing: list[tuple[str, int]] = field(default_factory=list)  # (profession label, n)


@dataclass(frozen=True)
class ExistingOverview:
    """Everything step 4 shows; ``state`` is unsaved when nothing was entered yet."""

    state: ExistingState
    legal_structure: str
    sites: list[SiteRow]
    professions: list[ProfessionPart]
    totals: Totals
    pathologies: list[tuple[str, str, bool, str]]  # (code, label, selected, note)
    partners: list[TerritoryPartner]

    @property
    def complete_count(self) -> int:
        """How many professions have filled every part."""
        return sum(p.completion.is_complete for p in self.professions)


def _profession_parts(project: Project, sites: list[Site]) -> list[ProfessionPart]:
    """One part per profession present, in the order of the project's sheet: 2 queries."""
    profiles = {
        p.profession: p for p in ProfessionProfile.objects.filter(project=project)
        .select_related("updated_by").prefetch_related("site_staffing")
    }
    site_keys = [str(s.pk) for s in sites]
    referents: dict[str, list[str]] = {}
    for m in (Membership.objects.filter(project=project, role=Role.PROFESSION_REFERENT)
              .select_related("user").order_by("user__last_name", "user__first_name")):
        referents.setdefault(m.profession, []).append(m.user.display_name)
    parts = []
    for present in project.professions.all():
        profile = profiles.get(present.profession) or ProfessionProfile(
            project=project, profession=present.profession)
        counts = ({row.site_id: row.headcount for row in profile.site_staffing.all()}
                  if profile.pk else {})
        figures = ProfessionFigures(
            profession=present.profession, count_today=profile.count_today,
            count_in_five_years=profile.count_in_five_years,
            active_patients_per_professional=profile.active_patients_per_professional,
            computerised_count=profile.computerised_count, software=profile.software,
            site_counts={str(k): v for k, v in counts.items()})
        parts.append(ProfessionPart(
            profession=present.profession, label=str(present.get_profession_display()),
            declared_headcount=present.headcount, count_today=profile.count_today,
            count_in_five_years=profile.count_in_five_years,
            outlook_note=profile.outlook_note,
            active_patients_per_professional=profile.active_patients_per_professional,
            computerised_count=profile.computerised_count, software=profile.software,
            software_functions=profile.software_functions, site_counts=counts,
            completion=profession_completion(figures, site_keys=site_keys),
            updated_by=profile.updated_by.display_name if profile.updated_by else "",
            updated_at=profile.updated_at if profile.pk else None,
            referents=tuple(referents.get(present.profession, ()))))
    return parts


def existing_overview(*, project: Project) -> ExistingOverview:
    """The data of the step 4 page for one project, in a fixed number of queries."""
    state = (ExistingState.objects.filter(project=project).first()
             or ExistingState(project=project))
    sites = list(Site.objects.filter(project=project).order_by("id"))
    professions = _profession_parts(project, sites)
    site_rows = [
        SiteRow(pk=s.pk, name=s.name, city=s.city,
                staffing=[(p.label, p.site_counts[s.pk]) for p in professions
                          if p.site_counts.get(s.pk)])
        for s in sites
    ]
    chosen = {p.code: p.note for p in project.protocol_pathologies.all()}
    pathologies = [(p.code, str(p.label), p.code in chosen, chosen.get(p.code, ""))
                   for p in PATHOLOGIES]
    return ExistingOverview(
        state=state, legal_structure=str(project.get_legal_structure_display()),
        sites=site_rows, professions=professions,
        totals=consolidate(p.figures for p in professions), pathologies=pathologies,
        partners=list(TerritoryPartner.objects.filter(project=project)),
    )


@dataclass(frozen=True)
class ExistingSummary:
    """Step 4 as plain data for the cahier des charges (« présentation de la structure »)."""

    legal_structure: str
    structure_start_on: date | None
    is_start_planned: bool
    secretariat_count: int | None
    workstations_to_equip: int | None
    total_active_patients: int | None
    organisation_note: str
    professions: list[dict[str, Any]]
    sites: list[dict[str, Any]]
    totals: Totals
    pathologies: list[tuple[str, str]]  # (label, note), selected only
    other_pathologies: str
    it: dict[str, Any]
    territory: dict[str, Any]
    partners: list[dict[str, str]]


def existing_summary(*, project: Project) -> ExistingSummary:
    """Plain data of step 4, labels already translated, for the document builders."""
    o = existing_overview(project=project)
    s = o.state
    bandwidth: dict[str, Decimal | None] = {"down": s.bandwidth_down_mbps,
                                             "up": s.bandwidth_up_mbps}
    return ExistingSummary(
        legal_structure=o.legal_structure, structure_start_on=s.structure_start_on,
        is_start_planned=s.is_start_planned, secretariat_count=s.secretariat_count,
        workstations_to_equip=s.workstations_to_equip,
        total_active_patients=s.total_active_patients, organisation_note=s.organisation_note,
        professions=[{
            "label": p.label, "count_today": p.count_today,
            "count_in_five_years": p.count_in_five_years, "outlook_note": p.outlook_note,
            "active_patients_per_professional": p.active_patients_per_professional,
            "computerised_count": p.computerised_count, "software": p.software,
            "software_functions": p.software_functions,
        } for p in o.professions],
        sites=[{"name": r.name, "city": r.city, "staffing": r.staffing} for r in o.sites],
        totals=o.totals,
        pathologies=[(label, note) for _code, label, selected, note in o.pathologies
                     if selected],
        other_pathologies=s.other_pathologies,
        it={"coordination_practices": s.coordination_practices,
            "sharing_processes": s.sharing_processes,
            "data_entry_quality": str(s.get_data_entry_quality_display())
            if s.data_entry_quality else "",
            "data_entry_note": s.data_entry_note, "workstation_count": s.workstation_count,
            "workstations_note": s.workstations_note, "browsers": s.browsers,
            "server_note": s.server_note, "network_note": s.network_note,
            "bandwidth_down_mbps": bandwidth["down"], "bandwidth_up_mbps": bandwidth["up"],
            "is_bandwidth_guaranteed": s.is_bandwidth_guaranteed,
            "telecom_note": s.telecom_note},
        territory={"dmp_usage": str(s.get_dmp_usage_display()) if s.dmp_usage else "",
                   "dmp_note": s.dmp_note,
                   "mssante_usage": str(s.get_mssante_usage_display())
                   if s.mssante_usage else "",
                   "mssante_note": s.mssante_note},
        partners=[{"kind": str(p.get_kind_display()), "name": p.name,
                   "exchanges": p.exchanges} for p in o.partners],
    )
