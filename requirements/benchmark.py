"""A large needs grid for measurements: 12 professions, a grid grown to ``size`` needs.

Used by the benchmark command and by the query-budget tests, so both measure the same
shape of data. Bulk inserts: this builds measurement data, not a user's history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from projects import services as project_services
from projects.choices import LegalStructure, Profession
from projects.models import Project

from .models import GridDomain, Priority, ProfessionPriority, Requirement
from .services.grid import grid_initialise

if TYPE_CHECKING:
    from msp_si.accounts.models import User

LARGE_GRID_PROFESSIONS: tuple[str, ...] = (
    Profession.GP, Profession.NURSE, Profession.PHYSIOTHERAPIST, Profession.PHARMACIST,
    Profession.MIDWIFE, Profession.DENTIST, Profession.SPEECH_THERAPIST,
    Profession.PODIATRIST, Profession.DIETICIAN, Profession.PSYCHOLOGIST,
    Profession.SECRETARY, Profession.COORDINATOR,
)


def large_grid_project(*, creator: User, size: int = 400,
                       name: str = "Pôle de santé du Grand Val") -> Project:
    """A project with 12 professions whose grid holds ``size`` needs, each profession
    having given its priority on every transversal need."""
    project = project_services.project_create(
        creator=creator, name=name, legal_structure=LegalStructure.SISA,
        start_on=date(2026, 9, 1), site_list=[("Site principal", "Valbourg")],
        professions=[(p, 2) for p in LARGE_GRID_PROFESSIONS],
    )
    grid = grid_initialise(project=project)
    existing = list(Requirement.objects.filter(project=project).order_by("pk"))
    Requirement.objects.bulk_create([
        Requirement(project=project, subdomain_id=model.subdomain_id, code=f"X-{n:04d}",
                    text=f"Besoin complémentaire n° {n}", profession=model.profession,
                    priority=model.priority, position=100 + n)
        for n, model in ((n, existing[n % len(existing)])
                         for n in range(size - len(existing)))
    ])
    transversal = Requirement.objects.filter(project=project, profession="")
    ProfessionPriority.objects.bulk_create([
        ProfessionPriority(requirement=r, project=project, profession=p,
                           priority=Priority.values[(r.pk + i) % 3])
        for r in transversal for i, p in enumerate(LARGE_GRID_PROFESSIONS)
    ])
    GridDomain.objects.filter(grid=grid).update(referent=None)
    return project
