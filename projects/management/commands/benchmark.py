"""``python manage.py benchmark``: page times, queries per page, document generation cost.

Runs in-process on the demo MSP (seeded if missing) inside a transaction that is rolled
back, so a run leaves the database as it found it and two runs measure the same data.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from projects.benchmark import measure, summarise
from projects.choices import DocumentKind, Role
from projects.demo import demo_seed
from projects.documents import BUILDERS, render_document_html
from projects.models import Document, Membership
from projects.pdf import html_to_pdf
from projects.services.documents import document_generate_now

# Goals of the issue, printed next to the figures (never asserted: machines differ).
GOAL_HOME_P95_MS = 100
GOAL_HOME_QUERIES = 15
GOAL_DOCUMENT_RATIO = 1.10
GOAL_GRID_P95_MS = 150
GOAL_XLSX_MS = 500
GOAL_IMPORT_MS = 1000
GOAL_COMPARE_P95_MS = 150
GRID_SIZE = 400
COMPARED_OFFERS = 5


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

    def handle(self, *args: Any, runs: int, warmup: int, document_runs: int,
               import_runs: int, **options: Any) -> None:
        """Print every figure; the transaction is rolled back at the end."""
        if runs < 5 or document_runs < 5 or import_runs < 5:
            raise CommandError("Au moins 5 mesures : --runs, --document-runs et "
                               "--import-runs ≥ 5.")
        try:
            with transaction.atomic():
                self._run(runs=runs, warmup=warmup, document_runs=document_runs,
                          import_runs=import_runs)
                raise _RollBack
        except _RollBack:
            pass

    def _run(self, *, runs: int, warmup: int, document_runs: int, import_runs: int) -> None:
        project = demo_seed(today=timezone.localdate()).project
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
        self._document(project, lead.user, DocumentKind.NOTE_DE_CADRAGE, runs=document_runs)
        project = self._phase_two(lead.user, client, runs=runs, warmup=warmup,
                                  document_runs=document_runs)
        self._phase_three(project, lead.user, client, runs=runs, warmup=warmup,
                          import_runs=import_runs)

    def _phase_two(self, user: Any, client: Client, *, runs: int, warmup: int,
                   document_runs: int) -> Any:
        """A grid of 400 needs and 12 professions: its pages and the step 8 documents."""
        from requirements.benchmark import LARGE_GRID_PROFESSIONS, large_grid_project
        from requirements.cadre import cadre_de_reponse_xlsx
        from requirements.documents import cadre_de_reponse_data

        project = large_grid_project(creator=user, size=GRID_SIZE,
                                     name="Banc d'essai — grille de 400 besoins")
        self.stdout.write(f"Grille de {GRID_SIZE} besoins, {len(LARGE_GRID_PROFESSIONS)} "
                          f"professions ({runs} mesures) :")
        grid_url = reverse("requirements:grid", args=[project.pk])
        for label, url in (
            ("grille des besoins", grid_url),  # a large grid opens on its first domain
            ("grille, tous domaines", f"{grid_url}?domaine=tous"),
            ("consolidation", reverse("requirements:grid-consolidation", args=[project.pk])),
        ):
            self._page(client, label, url, runs=runs, warmup=warmup)
        self.stdout.write(f"  objectif : grille p95 ≤ {GOAL_GRID_P95_MS} ms, requêtes bornées")
        self._document(project, user, DocumentKind.CAHIER_DES_CHARGES, runs=document_runs)
        data = cadre_de_reponse_data(project)
        written = measure(lambda: cadre_de_reponse_xlsx(data, generated_at=timezone.now()),
                          warmup=1, runs=document_runs)
        whole = measure(lambda: cadre_de_reponse_xlsx(cadre_de_reponse_data(project),
                                                      generated_at=timezone.now()),
                        warmup=0, runs=document_runs)
        self.stdout.write(f"Cadre de réponse XLSX ({len(data.rows)} lignes) :")
        self.stdout.write(f"  écriture du classeur     {written}")
        self.stdout.write(f"  lecture et écriture      {whole} (objectif ≤ "
                          f"{GOAL_XLSX_MS} ms)")
        return project

    def _phase_three(self, project: Any, user: Any, client: Client, *, runs: int,
                     warmup: int, import_runs: int) -> None:
        """On the 400-need grid: importing a vendor's answer, comparing five offers."""
        from vendors.answers_import import answers_read
        from vendors.benchmark import answers_import, consult_vendors, filled_cadre
        from vendors.consultation_selectors import expected_cadre

        self.stdout.write("Phase 3 :")
        consulted = consult_vendors(project=project, by=user, count=COMPARED_OFFERS)
        files = [filled_cadre(item, seed=n + 1) for n, item in enumerate(consulted)]
        first, content = consulted[0], files[0]
        expected, _priorities = expected_cadre(consulted=first)
        checked = measure(lambda: answers_read(content, expected), warmup=1, runs=import_runs)
        # Each run records a new pending set and confirms it; the previous one stays as
        # history, as when a vendor sends a corrected file.
        whole = measure(lambda: answers_import(consulted=first, content=content, by=user),
                        warmup=1, runs=import_runs)
        self.stdout.write(f"Import d'une réponse de {GRID_SIZE} lignes "
                          f"({len(content) // 1024} Ko) :")
        self.stdout.write(f"  contrôle et lecture du fichier {checked}")
        self.stdout.write(f"  contrôle, enregistrement et confirmation {whole} "
                          f"(objectif ≤ {GOAL_IMPORT_MS} ms)")
        for item, answers in zip(consulted[1:], files[1:], strict=True):
            answers_import(consulted=item, content=answers, by=user)
        self.stdout.write(f"Comparaison de {COMPARED_OFFERS} offres × {GRID_SIZE} réponses "
                          f"({runs} mesures) :")
        compare_url = reverse("vendors:answers-compare", args=[project.pk])
        for label, url in (
            ("comparaison (ouverture)", compare_url),  # one domain at a time above 150
            ("comparaison, tous domaines", f"{compare_url}?domaine=tous"),
            ("comparaison, écarts", f"{compare_url}?domaine=tous&ecarts=on"),
        ):
            self._page(client, label, url, runs=runs, warmup=warmup)
        self.stdout.write(f"  objectif : comparaison p95 ≤ {GOAL_COMPARE_P95_MS} ms, requêtes "
                          "bornées (test : autant pour 1 × 10 que pour 5 × 400)")

    def _page(self, client: Client, label: str, url: str, *, runs: int, warmup: int) -> None:
        def get() -> None:
            response = client.get(url)
            if response.status_code != 200:
                raise CommandError(f"{url} : HTTP {response.status_code}")

        timing = measure(get, warmup=warmup, runs=runs)
        with CaptureQueriesContext(connection) as queries:
            get()
        self.stdout.write(f"  {label:<24} {timing} · {len(queries)} requêtes SQL")

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
        for document in stored:  # rows are rolled back; files live outside the database
            document.file.delete(save=False)
        full, bare = summarise(pipeline), summarise(weasy)
        label = DocumentKind(kind).label
        self.stdout.write(f"{label} (PDF de {stored[-1].size // 1024} Ko) :")
        self.stdout.write(f"  génération complète      {full}")
        self.stdout.write(f"  WeasyPrint seul (même HTML) {bare}")
        self.stdout.write(f"  rapport des médianes     {full.median_ms / bare.median_ms:.3f} "
                          f"(objectif ≤ {GOAL_DOCUMENT_RATIO:.2f})")

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
                                    generated_at=timezone.now(), author=user)
        started = time.perf_counter()
        html_to_pdf(html)
        return time.perf_counter() - started
