"""The plug-in contract: what an app brings to the method, declared in one place.

``projects`` owns the method (phases, steps, workflow, documents pipeline, permission
mechanism) and this registry; it never imports another app. Each app that carries part of
the method has a ``plugin.py`` module whose import calls ``plugin_register`` with one
``Plugin``: the pages where its steps' work is done, the panels a step page shows, its
document kinds and builders, its models in the project's history, its permissions and the
roles that hold them, its demo seeding and its benchmark part. ``ProjectsConfig.ready``
imports every installed app's ``plugin`` module, in ``INSTALLED_APPS`` order.

Adding a phase = adding an app with a ``plugin.py``; ``projects`` does not change.
Pure module: no ORM, no request.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django_stubs_ext import StrOrPromise

if TYPE_CHECKING:
    from .documents.builders import DocumentBuilder
    from .history import Tracked

Label = StrOrPromise


@dataclass(frozen=True)
class StepPage:
    """A page of an app reached from a step's page (the URL takes the project's pk).

    The first ``is_working_page`` declared for a step is the step's « page de travail »;
    the others are shown as links under it.
    """

    step: int
    url_name: str
    label: Label
    is_working_page: bool = True


@dataclass(frozen=True)
class StepPanel:
    """A fragment a step's page includes (template rendered with ``project`` and
    ``access``): what was done in the step, links to its other pages."""

    step: int
    template: str


@dataclass(frozen=True)
class ProjectLink:
    """A link of the project's home page action bar (the URL takes the project's pk)."""

    url_name: str
    label: Label


@dataclass(frozen=True)
class DocumentSpec:
    """A kind of document: its code (stored on ``Document.kind``), label and builder.

    ``validated_at_steps``: the steps whose collegial validation freezes a version of it.
    """

    kind: str
    label: Label
    builder: DocumentBuilder
    validated_at_steps: tuple[int, ...] = ()


@dataclass(frozen=True)
class PermissionSpec:
    """A per-project permission and the roles that hold it."""

    codename: str
    label: Label
    roles: frozenset[str]


@dataclass(frozen=True)
class ExportedModel:
    """A model of an app and how its rows travel in a project's archive (``export_project``).

    ``model``: "app_label.ModelName". ``project_field``: the lookup from a row to its
    project ("" for the project itself). ``match_field``: for rows the installation shares
    between projects (the vendor catalogue): the archive carries the rows the project refers
    to, and an import reuses the row with the same value of that field instead of adding
    one. ``is_exported=False``: rows the import rebuilds (permissions granted from the
    roles) or leaves out (invitation links of the installation that sent them), declared
    so that an app's model is never forgotten (tests/projects/transfer checks that each one
    is declared). The history of an exported model travels with it.
    """

    model: str
    project_field: str = "project"
    match_field: str = ""
    is_exported: bool = True


@dataclass(frozen=True)
class StepWork:
    """What the work of one step shows, as the app carrying it reads it: short facts
    (« grille figée le 3 mars ») and the share of the step's work done, from 0 to 100.

    100 means the work says the step is finished: the home page then proposes the move
    to « terminée » if the step is still open."""

    step: int
    progress: int
    facts: tuple[Label, ...] = ()


@dataclass(frozen=True)
class BudgetFact:
    """An amount an app knows the project will spend (or has spent), fed into the budget:
    ``nature`` is a ``projects.choices.BudgetNature`` value, amounts are Decimal € HT."""

    key: str
    nature: str
    label: Label
    estimated: Decimal
    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)


@dataclass(frozen=True)
class ReminderKind:
    """A kind of e-mail reminder an app sends; each person may turn it off (``code`` is
    stored on their preferences and on every reminder sent)."""

    code: str
    label: Label
    description: Label


@dataclass(frozen=True)
class ReminderItem:
    """One thing one person is reminded of today, worded by the app that knows it.

    ``subject`` names the thing and its situation (« task:12:late »): with the person, the
    kind and the day it makes the reminder unique, so a second tick sends nothing again.
    ``path`` is the page where it is dealt with (absolute path, without the host).
    """

    kind: str
    user_id: int
    subject: str
    project_name: str
    text: str
    path: str


@dataclass(frozen=True)
class PortfolioFigure:
    """A figure an app gives about one project for the portfolio, side by side with the
    others: ``key`` names its column (sortable by ``value``), ``text`` is what is shown,
    ``is_alert`` flags it (anomalies past their SLA…)."""

    key: str
    label: Label
    value: Decimal | int | None
    text: str
    is_alert: bool = False


@dataclass(frozen=True)
class Plugin:
    """Everything one app declares. Demo and benchmark parts are dotted paths to a
    function, imported only when the demo is seeded or the benchmark runs."""

    app_label: str
    step_pages: tuple[StepPage, ...] = ()
    step_panels: tuple[StepPanel, ...] = ()
    # The project's home page: links in its action bar, fragments shown under it
    # (templates rendered with ``project``).
    home_links: tuple[ProjectLink, ...] = ()
    home_panels: tuple[str, ...] = ()
    documents: tuple[DocumentSpec, ...] = ()
    history: tuple[Tracked, ...] = ()
    permissions: tuple[PermissionSpec, ...] = ()
    # Seeds this app's part of the demo project: ``f(context: projects.demo.seed.DemoContext)``.
    demo_seed: str = ""
    # Measures this app's pages and documents: ``f(run: projects.demo.benchmark.BenchmarkRun)``.
    benchmark: str = ""
    # Called inside the transaction that records the chosen solution and opens phase 4:
    # ``f(*, project: Project, by: User) -> object`` (e.g. the contract with the vendor).
    implementation_start: str = ""
    # Seeds further demo projects after the main one (e.g. an MSP already in phase 4):
    # ``f(*, reset: bool) -> list[projects.demo.seed.DemoResult]``.
    demo_projects: str = ""
    # The pages of those demo projects measured under load (``manage.py benchmark_load``):
    # ``f(*, project: Project) -> dict[str, str]``, label → path, read as its chef de projet.
    load_pages: str = ""
    # Every model of the app and how it travels in a project's archive (export/import).
    exports: tuple[ExportedModel, ...] = ()
    # What the work of its steps shows: ``f(project: Project) -> Iterable[StepWork]``, a
    # fixed number of queries whatever the project's size (the home page asserts it).
    step_progress: str = ""
    # What the project spends according to this app's data (a chosen offer's cost, orders,
    # invoices): ``f(project: Project) -> Iterable[BudgetFact]``, a fixed number of queries.
    budget_feed: str = ""
    # The e-mail reminders this app sends (each person chooses theirs) and what is due:
    # ``f(*, today: date, now: datetime) -> Iterable[ReminderItem]``, every project at once,
    # a fixed number of queries.
    reminder_kinds: tuple[ReminderKind, ...] = ()
    reminders: str = ""
    # Charts this app adds to the project's dashboard and its PDF (phase 4: the recette's
    # coverage, anomalies against the SLA): ``f(project: Project) -> Iterable[Chart]``
    # (``msp_si.common.charts``), a fixed number of queries; nothing when it has no data.
    dashboard_charts: str = ""
    # Figures this app gives for many projects at once in the portfolio:
    # ``f(projects: Sequence[Project]) -> Mapping[int, Sequence[PortfolioFigure]]`` keyed
    # by project id, a fixed number of queries whatever the number of projects.
    portfolio_figures: str = ""


_PLUGINS: dict[str, Plugin] = {}


def plugin_register(plugin: Plugin) -> None:
    """Add an app's declarations; registering the same app twice keeps the first."""
    _PLUGINS.setdefault(plugin.app_label, plugin)


def plugins() -> Iterator[Plugin]:
    """Registered plug-ins in ``INSTALLED_APPS`` order (the order they were imported)."""
    return iter(tuple(_PLUGINS.values()))


def step_pages(number: int) -> list[StepPage]:
    """Pages declared for a step, working page first."""
    pages = [page for plugin in plugins() for page in plugin.step_pages if page.step == number]
    return sorted(pages, key=lambda page: not page.is_working_page)


def working_page(number: int) -> str | None:
    """URL name of the page where a step's work is done, if an app declares one."""
    pages = step_pages(number)
    return pages[0].url_name if pages and pages[0].is_working_page else None


def step_panels(number: int) -> list[StepPanel]:
    """Fragments a step's page includes, in registration order."""
    return [panel for plugin in plugins() for panel in plugin.step_panels
            if panel.step == number]


def home_links() -> list[ProjectLink]:
    """Links the plug-ins add to the project's home page."""
    return [link for plugin in plugins() for link in plugin.home_links]


def home_panels() -> list[str]:
    """Templates the plug-ins add to the project's home page."""
    return [template for plugin in plugins() for template in plugin.home_panels]


def implementation_start_hooks() -> list[str]:
    """Dotted paths the plug-ins run when phase 4 opens, in registration order."""
    return [plugin.implementation_start for plugin in plugins() if plugin.implementation_start]


def document_specs() -> dict[str, DocumentSpec]:
    """Every declared kind of document by its code."""
    return {spec.kind: spec for plugin in plugins() for spec in plugin.documents}


def document_spec(kind: str) -> DocumentSpec | None:
    """The declaration of a kind of document, or None when no app declares it."""
    return document_specs().get(kind)


def step_document_kind(number: int) -> str | None:
    """The kind of document whose version a step's validation freezes, if any."""
    for spec in document_specs().values():
        if number in spec.validated_at_steps:
            return spec.kind
    return None


def permission_specs() -> list[PermissionSpec]:
    """Every permission declared by a plug-in, in registration order."""
    return [spec for plugin in plugins() for spec in plugin.permissions]


def tracked_models() -> list[Tracked]:
    """Models the plug-ins add to the project's history."""
    return [item for plugin in plugins() for item in plugin.history]


def exported_models() -> list[ExportedModel]:
    """Every model the plug-ins declare for the project's archive, in registration order."""
    return [item for plugin in plugins() for item in plugin.exports]


def step_progress_providers() -> list[str]:
    """Dotted paths of the functions reporting the work of the plug-ins' steps."""
    return [plugin.step_progress for plugin in plugins() if plugin.step_progress]


def budget_feeds() -> list[str]:
    """Dotted paths of the functions feeding the budget from the plug-ins' data."""
    return [plugin.budget_feed for plugin in plugins() if plugin.budget_feed]


def reminder_kinds() -> list[ReminderKind]:
    """Every kind of reminder the plug-ins send, in registration order."""
    return [kind for plugin in plugins() for kind in plugin.reminder_kinds]


def reminder_sources() -> list[str]:
    """Dotted paths of the functions listing what is due to be reminded today."""
    return [plugin.reminders for plugin in plugins() if plugin.reminders]
def dashboard_chart_hooks() -> list[str]:
    """Dotted paths of the functions adding charts to the dashboard."""
    return [plugin.dashboard_charts for plugin in plugins() if plugin.dashboard_charts]


def portfolio_figure_hooks() -> list[str]:
    """Dotted paths of the functions giving figures to the portfolio."""
    return [plugin.portfolio_figures for plugin in plugins() if plugin.portfolio_figures]
