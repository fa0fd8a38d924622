"""A large needs grid for measurements: 12 professions, a grid grown to ``size`` needs.

Used by the benchmark command and by the query-budget tests, so both measure the same
shape of data. Bulk inserts: this builds measurement data, not a user's history.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from projects.choices import LegalStructure, Profession
from projects.core import services as project_services
from projects.models import Project

from ..needs.models import GridDomain, Priority, ProfessionPriority, Requirement
from ..needs.services import grid_initialise

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.demo.benchmark import BenchmarkRun

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


def one_need_project(*, creator: User) -> Project:
    """The large grid's shape (12 professions, every domain) with a single active need."""
    project = large_grid_project(creator=creator, size=1, name="Banc d'essai — grille d'un besoin")
    keep = Requirement.objects.filter(project=project).order_by("position", "pk")[:1]
    Requirement.objects.filter(project=project).exclude(pk__in=keep).update(is_removed=True)
    return project


GOAL_GRID_P95_MS = 150
GOAL_GROWTH = 3
GOAL_XLSX_MS = 500
GRID_SIZE = 400


def benchmark_part(run: BenchmarkRun) -> None:
    """A grid of 400 needs and 12 professions: its pages and the step 8 documents. The
    grid's project is left in ``run.shared["large_grid"]`` for the next parts."""
    from django.urls import reverse

    from msp_si.common import clock
    from projects.demo.benchmark import measure

    from ..choices import RequirementsDocument
    from ..rfp.cadre import cadre_de_reponse_xlsx
    from ..rfp.documents import cadre_de_reponse_data

    project = large_grid_project(creator=run.user, size=GRID_SIZE,
                                 name="Banc d'essai — grille de 400 besoins")
    run.shared["large_grid"] = project
    run.write(f"Grille de {GRID_SIZE} besoins, {len(LARGE_GRID_PROFESSIONS)} "
              f"professions ({run.runs} mesures) :")
    grid_url = reverse("requirements:grid", args=[project.pk])
    run.page("grille des besoins", grid_url)  # a large grid opens on its first domain
    full = run.page("grille, tous domaines", f"{grid_url}?domaine=tous")
    merged = run.page("consolidation",
                      reverse("requirements:grid-consolidation", args=[project.pk]))
    run.write(f"  objectif : grille p95 ≤ {GOAL_GRID_P95_MS} ms, requêtes bornées")
    single = one_need_project(creator=run.user)
    run.write("Même projet réduit à 1 besoin :")
    one_full = run.page("grille, tous domaines",
                        reverse("requirements:grid", args=[single.pk]) + "?domaine=tous")
    one_merged = run.page("consolidation",
                          reverse("requirements:grid-consolidation", args=[single.pk]))
    run.write(f"  croissance 1 → {GRID_SIZE} besoins (médianes) : grille "
              f"×{full.median_ms / one_full.median_ms:.1f}, consolidation "
              f"×{merged.median_ms / one_merged.median_ms:.1f} "
              f"(objectif ≤ ×{GOAL_GROWTH:g})")
    run.document(project, RequirementsDocument.CAHIER_DES_CHARGES)
    data = cadre_de_reponse_data(project)
    written = measure(lambda: cadre_de_reponse_xlsx(data, generated_at=clock.now()),
                      warmup=1, runs=run.document_runs)
    whole = measure(lambda: cadre_de_reponse_xlsx(cadre_de_reponse_data(project),
                                                  generated_at=clock.now()),
                    warmup=0, runs=run.document_runs)
    run.write(f"Cadre de réponse XLSX ({len(data.rows)} lignes) :")
    run.write(f"  écriture du classeur     {written}")
    run.write(f"  lecture et écriture      {whole} (objectif ≤ {GOAL_XLSX_MS} ms)")
