"""``python manage.py benchmark``: page times, queries per page, document generation cost.

Runs in-process on the demo MSP (seeded if missing) inside a transaction that is rolled
back, so a run leaves the database as it found it and two runs measure the same data.
"""

from __future__ import annotations

import posixpath
import statistics
import time
from typing import Any

from django.core.files.storage import Storage, default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

from msp_si.common import clock
from projects.choices import DocumentKind, Role
from projects.demo.benchmark import BenchmarkRun, Timing, measure, percentile, summarise
from projects.demo.portfolio import portfolio_fill
from projects.demo.seed import demo_seed
from projects.demo.storage_benchmark import storage_part, transfer_part
from projects.documents.builders import BUILDERS, render_document_html
from projects.documents.pdf import html_to_pdf
from projects.documents.services import document_generate_now, document_request
from projects.models import Document, Membership
from projects.plugins import plugins

# Goals of the issue, printed next to the figures (never asserted: machines differ).
GOAL_HOME_P95_MS = 100
GOAL_HOME_QUERIES = 15
GOAL_DOCUMENT_RATIO = 1.10
GOAL_REUSE_MS = 100
GOAL_PILOTAGE_P95_MS = 150


class _RollBack(Exception):
    """Raised at the end of a run to undo everything it wrote."""


class Command(BaseCommand):
    help = (
        "Mesure, sur la MSP de démonstration, les temps (médiane, p95) et requêtes SQL des "
        "pages principales, puis le coût de génération de la note de cadrage comparé au "
        "rendu WeasyPrint seul. Ne modifie pas la base."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare ``--runs``, ``--warmup`` and ``--document-runs``."""
        parser.add_argument("--runs", type=int, default=30, help="mesures par page (≥ 5)")
        parser.add_argument("--warmup", type=int, default=3, help="passes non mesurées")
        parser.add_argument("--document-runs", type=int, default=5,
                            help="générations mesurées de la note de cadrage (≥ 5)")
        parser.add_argument("--import-runs", type=int, default=10,
                            help="imports mesurés d'une réponse de 400 lignes (≥ 5)")
        parser.add_argument("--transfer-runs", type=int, default=3,
                            help="exports et imports mesurés de chaque archive de projet")
        parser.add_argument("--storage-runs", type=int, default=5,
                            help="documents générés et téléchargés sur S3 et sur le disque")

    def handle(self, *args: Any, runs: int, warmup: int, document_runs: int,
               import_runs: int, transfer_runs: int, storage_runs: int,
               **options: Any) -> None:
        """Print every figure; the transaction is rolled back at the end."""
        if runs < 5 or document_runs < 5 or import_runs < 5:
            raise CommandError("Au moins 5 mesures : --runs, --document-runs et "
                               "--import-runs ≥ 5.")
        if transfer_runs < 1 or storage_runs < 1:
            raise CommandError("--transfer-runs et --storage-runs ≥ 1.")
        self._files: list[Document] = []
        # Rows are rolled back at the end; the files the run writes (documents, the demo
        # MSPs it seeds, their uploads) live outside the base and are deleted then.
        existing = _stored_names(default_storage)
        try:
            # Renders are measured, not the page cache (``make benchmark-load`` measures
            # what is served); nor could the cache see this run's changes, whose revision
            # bumps wait for a commit that never comes.
            with override_settings(PAGE_CACHE=False), transaction.atomic():
                self._run(runs=runs, warmup=warmup, document_runs=document_runs,
                          import_runs=import_runs, transfer_runs=transfer_runs,
                          storage_runs=storage_runs)
                raise _RollBack
        except _RollBack:
            pass
        finally:
            for document in self._files:  # rows are rolled back; files live outside the base
                document.file.delete(save=False)
            for name in sorted(_stored_names(default_storage) - existing):
                default_storage.delete(name)

    def _run(self, *, runs: int, warmup: int, document_runs: int, import_runs: int,
             transfer_runs: int, storage_runs: int) -> None:
        project = demo_seed().project
        lead = Membership.objects.filter(project=project, role=Role.PROJECT_LEAD).first()
        if lead is None:
            raise CommandError("La MSP de démonstration n'a pas de chef de projet.")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(lead.user)
        self.stdout.write(f"MSP « {project.name} » : {project.memberships.count()} membres, "
                          f"{project.tasks.count()} tâches, 18 étapes.")
        self.stdout.write(f"Pages ({warmup} passes d'échauffement, {runs} mesures) :")
        pages = {
            "accueil du projet": reverse("projects:project-home", args=[project.pk]),
            "page d'étape (1)": reverse("projects:step-detail", args=[project.pk, 1]),
            "objectifs et périmètre": reverse("projects:framing", args=[project.pk]),
            "calendrier": reverse("projects:calendar", args=[project.pk]),
        }
        for label, url in pages.items():
            self._page(client, label, url, runs=runs, warmup=warmup)
        self.stdout.write(f"  objectif : accueil p95 ≤ {GOAL_HOME_P95_MS} ms et "
                          f"≤ {GOAL_HOME_QUERIES} requêtes")
        self._pilotage(project, lead.user, runs=runs, warmup=warmup)
        self._document(project, lead.user, DocumentKind.NOTE_DE_CADRAGE, runs=document_runs)
        run = BenchmarkRun(
            user=lead.user, runs=runs, warmup=warmup, document_runs=document_runs,
            import_runs=import_runs, write=self.stdout.write,
            page=lambda label, url: self._page(client, label, url, runs=runs, warmup=warmup),
            document=lambda target, kind, runs=None: self._document(
                target, lead.user, kind, runs=max(runs or 0, document_runs)),
        )
        for plugin in plugins():  # each app measures its own pages and documents
            if plugin.benchmark:
                import_string(plugin.benchmark)(run)
        # Issue 16: archives out and in, then documents through S3 against the disk (whose
        # files are deleted as they go: the archives are measured first).
        archived = {"MSP de démonstration": project}
        if "large_grid" in run.shared:
            archived["projet de 400 besoins"] = run.shared["large_grid"]
        transfer_part(projects=archived, runs=transfer_runs, write=self.stdout.write)
        storage_part(project=project, user=lead.user, runs=storage_runs,
                     download=lambda document: self._download(client, document),
                     write=self.stdout.write)

    @staticmethod
    def _download(client: Client, document: Document) -> bytes:
        """The document's bytes, through the guarded download view."""
        response = client.get(reverse("projects:document-download",
                                      args=[document.project_id, document.pk]))
        if response.status_code != 200:
            raise CommandError(f"Téléchargement : HTTP {response.status_code}")
        return b"".join(response.streaming_content)  # type: ignore[attr-defined]

    def _pilotage(self, project: Any, lead: Any, *, runs: int, warmup: int) -> None:
        """The dashboard (home page with its charts) of both demo MSPs, then the portfolio
        of the demo's AMOA following 50 MSPs, queries counted at 2 and at 50 projects."""
        amoa = Membership.objects.filter(project=project, role=Role.AMOA).first()
        if amoa is None:
            raise CommandError("La MSP de démonstration n'a pas d'AMOA.")
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(amoa.user)
        self.stdout.write("Pilotage :")
        for other in Membership.objects.filter(user=amoa.user).select_related("project"):
            self._page(client, f"tableau de bord {other.project.name[:10]}",
                       reverse("projects:project-home", args=[other.project.pk]),
                       runs=runs, warmup=warmup)
        url = reverse("projects:portfolio")
        self._page(client, f"portefeuille ({Membership.objects.filter(user=amoa.user).count()})",
                   url, runs=runs, warmup=warmup)
        followed = portfolio_fill(amoa=amoa.user, lead=lead)
        self._page(client, f"portefeuille ({followed})", url, runs=runs, warmup=warmup)
        self._page(client, f"export XLSX ({followed})", reverse("projects:portfolio-export"),
                   runs=runs, warmup=warmup)
        self.stdout.write(f"  objectif : tableau de bord et portefeuille (50 projets) p95 ≤ "
                          f"{GOAL_PILOTAGE_P95_MS} ms, requêtes en nombre fixe")

    def _page(self, client: Client, label: str, url: str, *, runs: int, warmup: int) -> Timing:
        def get() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} : HTTP {response.status_code}")

        timing = measure(get, warmup=warmup, runs=runs)
        with CaptureQueriesContext(connection) as queries:
            get()
        self.stdout.write(f"  {label:<24} {timing} · {len(queries)} requêtes SQL")
        return timing

    def _document(self, project: Any, user: Any, kind: str, *, runs: int) -> None:
        """Whole pipeline (data, HTML, PDF, checksum, storage) vs WeasyPrint alone."""
        pipeline: list[float] = []
        weasy: list[float] = []
        stored: list[Document] = []
        for index in range(runs + 1):  # the first pass warms templates and fonts up
            # Alternate which one runs first, so caches warmed by one do not favour the other.
            if index % 2:
                alone = self._weasyprint_alone(project, user, kind)
                elapsed, document = self._pipeline(project, user, kind)
            else:
                elapsed, document = self._pipeline(project, user, kind)
                alone = self._weasyprint_alone(project, user, kind)
            stored.append(document)
            if index:
                pipeline.append(elapsed)
                weasy.append(alone)
        reuse = self._reuse(project, user, kind, stored[-1], runs=runs)
        # Files are deleted at the end of the run: the archives measured later carry them.
        self._files += stored
        full, bare = summarise(pipeline), summarise(weasy)
        # Each generation against the WeasyPrint run beside it: the spread shows whether
        # the runs resolve the 10 % the goal allows.
        pairs = sorted(p / w for p, w in zip(pipeline, weasy, strict=True))
        label = Document(kind=kind).kind_label
        self.stdout.write(f"{label} (PDF de {stored[-1].size // 1024} Ko) :")
        self.stdout.write(f"  génération complète      {full}")
        self.stdout.write(f"  WeasyPrint seul (même HTML) {bare}")
        self.stdout.write(f"  rapport des médianes     {full.median_ms / bare.median_ms:.3f} "
                          f"(objectif ≤ {GOAL_DOCUMENT_RATIO:.2f}) · par paire : médiane "
                          f"{statistics.median(pairs):.3f}, quartiles "
                          f"{percentile(pairs, 0.25):.3f}–{percentile(pairs, 0.75):.3f}, "
                          f"min–max {pairs[0]:.3f}–{pairs[-1]:.3f} ({len(pairs)} paires)")
        self.stdout.write(f"  redemande sans changement {reuse} "
                          f"(objectif ≤ {GOAL_REUSE_MS} ms, même version servie)")

    @staticmethod
    def _reuse(project: Any, user: Any, kind: str, last: Document, *, runs: int) -> Timing:
        """Time of a request on unchanged data: the last version comes back, no render."""
        def again() -> None:
            document = document_request(project=project, kind=kind, by=user)
            if document.pk != last.pk:
                raise CommandError(f"{kind} : une nouvelle version a été créée sur des "
                                   "données inchangées.")

        return measure(again, warmup=1, runs=max(runs, 5))

    @staticmethod
    def _pipeline(project: Any, user: Any, kind: str) -> tuple[float, Document]:
        """Seconds taken by a whole generation, and the version it stored."""
        started = time.perf_counter()
        document = document_generate_now(project=project, kind=kind, by=user)
        elapsed = time.perf_counter() - started
        if document.status != "done":
            raise CommandError(f"Génération en échec : {document.error}")
        return elapsed, document

    @staticmethod
    def _weasyprint_alone(project: Any, user: Any, kind: str) -> float:
        """Seconds WeasyPrint takes on the same HTML, built beforehand and not timed."""
        html = render_document_html(kind, BUILDERS[kind].gather(project), version=1,
                                    generated_at=clock.now(), author=user)
        started = time.perf_counter()
        html_to_pdf(html)
        return time.perf_counter() - started


def _stored_names(storage: Storage) -> set[str]:
    """Every file name in ``storage`` (local folder or bucket), walked from its root."""
    names: set[str] = set()
    folders = [""]
    while folders:
        folder = folders.pop()
        try:
            subfolders, files = storage.listdir(folder)
        except FileNotFoundError:  # a local media folder not created yet
            continue
        names.update(posixpath.join(folder, name) for name in files)
        folders.extend(posixpath.join(folder, name) for name in subfolders)
    return names
