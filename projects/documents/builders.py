"""Documents of the projects app: gather live data, build the HTML, render the PDF.

No writes here: ``projects.documents.services`` runs the job and stores the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from msp_si.common.typography import french_html

from ..budget.selectors import BudgetView, budget_view
from ..choices import DocumentKind, Role, ScopeDecision
from ..method import (
    AMOA_SIZE_THRESHOLD,
    MODULE_BY_CODE,
    OBJECTIVE_BY_CODE,
    PALIERS,
)
from ..models import (
    AxisTarget,
    DeploymentWave,
    Framing,
    Meeting,
    Membership,
    Milestone,
    ObjectiveSelection,
    Project,
    ProjectProfession,
    ScopeModule,
    Step,
    Task,
    TeamCharter,
)
from ..plugins import document_specs
from .pdf import DocumentHtml, html_to_pdf

if TYPE_CHECKING:
    from msp_si.accounts.models import User

__all__ = [
    "BUILDERS",
    "PDF_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "DocumentBuilder",
    "DocumentMeta",
    "builders_load",
    "download_filename",
    "html_to_pdf",
    "note_de_cadrage_data",
    "note_de_cadrage_html",
    "render_document_html",
]

# Sections of the note de cadrage, in order: (anchor, title). The PDF test reads them back.
NOTE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("contexte", "1. Contexte"),
    ("objectifs", "2. Objectifs"),
    ("perimetre", "3. Périmètre fonctionnel"),
    ("utilisateurs", "4. Utilisateurs concernés"),
    ("equipe", "5. Équipe projet"),
    ("calendrier", "6. Calendrier et jalons"),
    ("budget", "7. Budget prévisionnel"),
)


@dataclass(frozen=True)
class AxisLine:
    """One integration axis: current and target palier with their descriptions."""

    label: str
    current_level: int
    current_text: str
    target_level: int
    target_text: str
    notes: str


@dataclass(frozen=True)
class ObjectiveLine:
    """A strategic objective retained, with the modules it calls for."""

    title: str
    comment: str
    modules: list[str]


@dataclass(frozen=True)
class ModuleLine:
    """A functional module and what was decided about it."""

    title: str
    reason: str
    wave: DeploymentWave | None


@dataclass(frozen=True)
class WaveLine:
    """A deployment wave with the titles of the modules it brings."""

    wave: DeploymentWave
    modules: list[str]


@dataclass(frozen=True)
class RoleGroup:
    """Members of the project holding one role."""

    label: str
    members: list[Membership]


@dataclass
class NoteDeCadrageData:
    """Everything the note de cadrage shows, read from the project's live data."""

    project: Project
    sites: list[Any]
    professions: list[ProjectProfession]
    headcount: int
    axes: list[AxisLine]
    objectives: list[ObjectiveLine]
    framing: Framing | None
    scope: dict[str, list[ModuleLine]]
    users_in_scope: list[ProjectProfession]
    users_out_of_scope: list[ProjectProfession]
    role_groups: list[RoleGroup]
    charter: TeamCharter | None
    steps: list[Step]
    tasks: list[Task]
    milestones: list[Milestone]
    meetings: list[Meeting]
    waves: list[WaveLine]
    # The whole budget (seed 003: licences, hardware, set-up, training…), not only the AMOA.
    budget: BudgetView
    amoa_size_threshold: int = AMOA_SIZE_THRESHOLD
    sections: tuple[tuple[str, str], ...] = field(default=NOTE_SECTIONS)

    @property
    def has_realism(self) -> bool:
        """Whether any realism factor (rating or note) was filled in."""
        f = self.framing
        return f is not None and any((f.maturity, f.maturity_note, f.ambition, f.ambition_note,
                                      f.resources, f.resources_note))


def _axes(project: Project) -> list[AxisLine]:
    """Current → target palier on each axis, with the method's wording of each palier."""
    lines = []
    for target in AxisTarget.objects.filter(project=project).order_by("id"):
        texts = PALIERS[target.axis]
        lines.append(AxisLine(
            label=str(target.get_axis_display()),
            current_level=target.current_level, current_text=str(texts[target.current_level]),
            target_level=target.target_level, target_text=str(texts[target.target_level]),
            notes=target.notes,
        ))
    return lines


def _objectives(project: Project) -> list[ObjectiveLine]:
    """Strategic objectives retained, in the method's order, with their modules."""
    selected = ObjectiveSelection.objects.filter(project=project, is_selected=True)
    by_code = {s.code: s for s in selected}
    lines = []
    for code, objective in OBJECTIVE_BY_CODE.items():
        if code in by_code:
            lines.append(ObjectiveLine(
                title=str(objective.title), comment=by_code[code].comment,
                modules=[str(MODULE_BY_CODE[m].title) for m in objective.modules],
            ))
    return lines


def _scope(project: Project) -> dict[str, list[ModuleLine]]:
    """Modules grouped by decision: in scope, later wave, out of scope, undecided."""
    groups: dict[str, list[ModuleLine]] = {d: [] for d in ScopeDecision.values}
    for module in ScopeModule.objects.filter(project=project).select_related("wave"):
        definition = MODULE_BY_CODE.get(module.code)
        title = str(definition.title) if definition else module.code
        groups[module.decision].append(ModuleLine(title, module.reason, module.wave))
    return groups


def _waves(project: Project) -> list[WaveLine]:
    """Deployment waves in order, each with its modules' titles."""
    waves = DeploymentWave.objects.filter(project=project).prefetch_related("modules")
    return [
        WaveLine(wave, [str(MODULE_BY_CODE[m.code].title) if m.code in MODULE_BY_CODE
                        else m.code for m in wave.modules.all()])
        for wave in waves.order_by("number")
    ]


def _role_groups(project: Project) -> list[RoleGroup]:
    """Members by role, in the order of the roles' definition (chef de projet first)."""
    members = list(
        Membership.objects.filter(project=project).select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    return [
        RoleGroup(str(label), [m for m in members if m.role == role])
        for role, label in Role.choices
    ]


def note_de_cadrage_data(project: Project) -> NoteDeCadrageData:
    """Read everything the note de cadrage needs (steps 1–3) in a fixed number of queries."""
    professions = list(ProjectProfession.objects.filter(project=project).order_by("id"))
    return NoteDeCadrageData(
        project=project,
        sites=list(project.sites.order_by("id")),
        professions=professions,
        headcount=sum(p.headcount for p in professions),
        axes=_axes(project),
        objectives=_objectives(project),
        framing=Framing.objects.filter(project=project).first(),
        scope=_scope(project),
        users_in_scope=[p for p in professions if p.is_in_scope],
        users_out_of_scope=[p for p in professions if not p.is_in_scope],
        role_groups=_role_groups(project),
        charter=TeamCharter.objects.filter(project=project).first(),
        steps=list(Step.objects.filter(project=project).select_related("owner")
                   .order_by("number")),
        tasks=list(Task.objects.filter(project=project).select_related("step", "owner")
                   .order_by("start_on", "id")),
        milestones=list(Milestone.objects.filter(project=project).order_by("due_on", "id")),
        meetings=list(Meeting.objects.filter(project=project).order_by("held_on", "id")),
        waves=_waves(project),
        budget=budget_view(project=project),
    )


def _render_html(template: str, data: Any, *, version: int, generated_at: datetime,
                 author: User) -> str:
    """Fill a PDF template; French, whatever language the worker runs in."""
    context = {
        "data": data,
        "version": version,
        "generated_at": timezone.localtime(generated_at),
        "author": author,
        "stylesheet": f"{settings.STATIC_URL}pdf/documents.css",
    }
    with translation.override("fr"):
        # French typography once for every document, not by hand in each template.
        return french_html(render_to_string(template, context))


@dataclass(frozen=True)
class DocumentMeta:
    """What every document shows besides its data: version, date, author."""

    version: int
    generated_at: datetime
    author: User


@dataclass(frozen=True)
class DocumentBuilder:
    """How one kind of document is built.

    A PDF document names an HTML ``template`` that WeasyPrint renders; any other format
    gives a ``write`` function turning the gathered data into the file's bytes.
    ``sections`` (anchor, title) are what reviewers comment on.
    """

    gather: Callable[..., Any]
    file_stem: str
    template: str = ""
    # True when ``gather(project, subject)`` builds one document per subject (a vendor…).
    takes_subject: bool = False
    write: Callable[[Any, DocumentMeta], bytes] | None = None
    extension: str = "pdf"
    content_type: str = "application/pdf"
    sections: tuple[tuple[str, str], ...] = ()
    # Files embedded in the PDF/A as its source data (PDF/A-3): (name, bytes, description).
    attachments: Callable[[Any, DocumentMeta], tuple[tuple[str, bytes, str], ...]] | None = None


PDF_CONTENT_TYPE = "application/pdf"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Kind → builder, filled at start-up from the plug-ins' declarations (``projects.plugins``,
# ``ProjectsConfig.ready``): this module never imports another app.
BUILDERS: dict[str, DocumentBuilder] = {}

NOTE_DE_CADRAGE_BUILDER = DocumentBuilder(
    gather=note_de_cadrage_data, template="projects/pdf/note_de_cadrage.html",
    file_stem="note-de-cadrage", sections=NOTE_SECTIONS,
)


def builders_load() -> None:
    """Take every declared kind of document into ``BUILDERS`` (once, at start-up)."""
    for kind, spec in document_specs().items():
        BUILDERS.setdefault(kind, spec.builder)


def render_document_html(kind: str, data: Any, *, version: int, generated_at: datetime,
                         author: User) -> str:
    """HTML of a document of ``kind`` from data its builder gathered, carrying the files
    its builder attaches (``html_to_pdf`` embeds them)."""
    builder = BUILDERS[kind]
    html = _render_html(builder.template, data, version=version, generated_at=generated_at,
                        author=author)
    if builder.attachments is None:
        return html
    meta = DocumentMeta(version=version, generated_at=generated_at, author=author)
    return DocumentHtml(html, builder.attachments(data, meta))


def note_de_cadrage_html(project: Project, *, version: int, generated_at: datetime,
                         author: User) -> str:
    """Complete HTML of the note de cadrage of ``project`` (steps 1–3)."""
    return render_document_html(
        DocumentKind.NOTE_DE_CADRAGE, note_de_cadrage_data(project),
        version=version, generated_at=generated_at, author=author,
    )


def download_filename(kind: str, version: int, subject: str = "") -> str:
    """File name offered on download, e.g. ``note-de-cadrage-v3.pdf``."""
    builder = BUILDERS[kind]
    about = f"-{subject}" if subject else ""
    return f"{builder.file_stem}{about}-v{version}.{builder.extension}"
