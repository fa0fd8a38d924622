"""Documents of phase 2 (step 8): the cahier des charges (PDF) and its cadre de réponse (XLSX).

Both are built from the project's live data by the document pipeline of ``projects``; this
module only reads. Sections follow step 8 of the method, in its order.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils import translation
from django.utils.translation import gettext

from projects.choices import Profession
from projects.documents.builders import (
    XLSX_CONTENT_TYPE,
    DocumentBuilder,
    DocumentMeta,
    NoteDeCadrageData,
    note_de_cadrage_data,
)
from projects.models import Project
from projects.plugins import DocumentSpec
from requirements.choices import RequirementsDocument

from ..existing.selectors import ExistingSummary, existing_summary
from ..expected.rules import HOSTING_OPTIONS, RECOMMENDATION, HostingOption
from ..expected.selectors import ServicesSummary, services_summary
from ..needs.models import GridDomain, GridSubDomain, NeedsGrid, Priority, Requirement
from ..technical.selectors import TechnicalSummary, technical_summary
from .cadre import PRICE_LINES, CadreData, CadreRow, PriceLine, cadre_de_reponse_xlsx

# Step 8 of the method: the parts of the cahier des charges, in order. The PDF test reads
# them back in this order.
CDC_SECTIONS: tuple[tuple[str, str], ...] = (
    ("contexte", "1. Contexte, objectifs et périmètre"),
    ("existant", "2. Présentation de la structure et existant"),
    ("fonctionnel", "3. Spécifications fonctionnelles"),
    ("architecture", "4. Architecture technique privilégiée"),
    ("prestations", "5. Prestations attendues"),
    ("clauses", "6. Clauses administratives"),
    ("annexes", "7. Annexes"),
)


@dataclass(frozen=True)
class GridLine:
    """A requirement as the documents print it."""

    code: str
    text: str
    priority: str
    priority_label: str
    scope_label: str


@dataclass
class SubDomainLines:
    title: str
    lines: list[GridLine] = field(default_factory=list)


@dataclass
class DomainLines:
    """A domain of the grid with its sub-domains and counts per priority."""

    code: str
    title: str
    subdomains: list[SubDomainLines] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def per_priority(self) -> list[int]:
        """Counts in the order Indispensable, Important, Souhaitable."""
        return [self.counts.get(code, 0) for code in Priority.values]


@dataclass
class GridSummary:
    """The needs grid as the cahier des charges summarises it."""

    version: int
    is_frozen: bool
    domains: list[DomainLines]
    counts: Counter[str]
    priorities: list[tuple[str, str]]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def essentials(self) -> list[tuple[str, GridLine]]:
        """The Indispensable requirements, printed in full in the cahier des charges."""
        return [(d.title, line) for d in self.domains for s in d.subdomains for line in s.lines
                if line.priority == Priority.ESSENTIAL]


def grid_summary(project: Project) -> GridSummary:
    """Active requirements in grid order, grouped, in four queries (empty if not started)."""
    grid = NeedsGrid.objects.filter(project=project).first()
    if grid is None:
        return GridSummary(version=0, is_frozen=False, domains=[], counts=Counter(),
                           priorities=[(c, str(label)) for c, label in Priority.choices])
    professions = dict(Profession.choices)
    transversal = translation.gettext("Transversal")
    labels = dict(Priority.choices)
    domains = {d.pk: DomainLines(d.code, d.title)
               for d in GridDomain.objects.filter(grid=grid).order_by("position", "id")}
    subs: dict[int, tuple[DomainLines, SubDomainLines]] = {}
    for sub in GridSubDomain.objects.filter(domain__grid=grid).order_by("position", "id"):
        lines = SubDomainLines(sub.title)
        domains[sub.domain_id].subdomains.append(lines)
        subs[sub.pk] = (domains[sub.domain_id], lines)
    counts: Counter[str] = Counter()
    requirements = Requirement.objects.filter(
        project=project, is_removed=False, merged_into__isnull=True,
    ).order_by("position", "id")
    for requirement in requirements:
        domain, lines = subs[requirement.subdomain_id]
        lines.lines.append(GridLine(
            code=requirement.code, text=requirement.text, priority=requirement.priority,
            priority_label=str(labels.get(requirement.priority, requirement.priority)),
            scope_label=str(professions.get(requirement.profession, transversal))
            if requirement.profession else transversal,
        ))
        domain.counts[requirement.priority] += 1
        counts[requirement.priority] += 1
    return GridSummary(
        version=grid.version, is_frozen=grid.is_frozen,
        domains=[d for d in domains.values() if d.total],
        counts=counts, priorities=[(code, str(label)) for code, label in Priority.choices],
    )


@dataclass
class CahierDesChargesData:
    """Everything the cahier des charges shows, read from steps 1 to 7."""

    project: Project
    framing: NoteDeCadrageData
    existing: ExistingSummary
    grid: GridSummary
    technical: TechnicalSummary
    hosting_options: tuple[HostingOption, ...]
    hosting_recommendation: str
    services: ServicesSummary
    price_lines: tuple[PriceLine, ...]
    sections: tuple[tuple[str, str], ...] = CDC_SECTIONS

    @property
    def cover_extra(self) -> list[tuple[str, str]]:
        """The grid version the cahier des charges was built on, for its cover."""
        grid = self.grid
        if not grid.version:
            state = gettext("non commencée")
        else:
            status = gettext("figée") if grid.is_frozen else gettext("en cours de consolidation")
            state = gettext("version %(v)s (%(s)s)") % {"v": grid.version, "s": status}
        return [(gettext("Grille des besoins"), state)]


def cahier_des_charges_data(project: Project) -> CahierDesChargesData:
    """Read the live data of steps 1–7 for the cahier des charges."""
    return CahierDesChargesData(
        project=project,
        framing=note_de_cadrage_data(project),
        existing=existing_summary(project=project),
        grid=grid_summary(project),
        technical=technical_summary(project=project),
        hosting_options=HOSTING_OPTIONS,
        hosting_recommendation=str(RECOMMENDATION),
        services=services_summary(project=project),
        price_lines=PRICE_LINES,
    )


def cadre_de_reponse_data(project: Project) -> CadreData:
    """The grid as the vendors will answer it (no vendor yet: the annex of step 8)."""
    summary = grid_summary(project)
    return CadreData(
        project_id=project.pk, project_name=project.name, grid_version=summary.version,
        rows=[CadreRow(code=line.code, domain=domain.title, subdomain=sub.title,
                       text=line.text, priority=line.priority_label, scope=line.scope_label)
              for domain in summary.domains for sub in domain.subdomains
              for line in sub.lines],
    )


def _write_cadre(data: CadreData, meta: DocumentMeta) -> bytes:
    """The cadre de réponse workbook, dated like every generated document."""
    return cadre_de_reponse_xlsx(data, generated_at=meta.generated_at)


# The two documents of step 8; the cahier des charges is validated there.
DOCUMENTS = (
    DocumentSpec(RequirementsDocument.CAHIER_DES_CHARGES,
                 RequirementsDocument.CAHIER_DES_CHARGES.label,
                 DocumentBuilder(gather=cahier_des_charges_data,
                                 template="requirements/pdf/cahier_des_charges.html",
                                 file_stem="cahier-des-charges", sections=CDC_SECTIONS),
                 validated_at_steps=(8,)),
    DocumentSpec(RequirementsDocument.CADRE_DE_REPONSE,
                 RequirementsDocument.CADRE_DE_REPONSE.label,
                 DocumentBuilder(gather=cadre_de_reponse_data, write=_write_cadre,
                                 file_stem="cadre-de-reponse", extension="xlsx",
                                 content_type=XLSX_CONTENT_TYPE)),
)

