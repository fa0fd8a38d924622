"""``python manage.py benchmark_load``: every key page under load against a bare view.

Lives in vendors: its pages span projects, requirements and vendors, and the hub (projects)
imports no app that plugs into it.

Run by ``make benchmark-load`` with the benchmark settings (production plus the bare view,
``msp_si.settings.benchmark``) on a PostgreSQL database of its own: it creates the
database if needed, migrates, seeds the demo MSP, the plug-ins' demo projects (the
phase-4 MSP, whose pages the plug-in names) and a project of 400 needs with five answered
offers, starts gunicorn as deployed (3 workers), signs in through the login form as each
project's chef de projet, then loads each page and the bare view in turn with N
connections for D seconds. The figure is each page's p95 divided by the bare view's p95
measured just after it; the median of the runs is printed.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import time
from contextlib import ExitStack
from typing import Any

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test.utils import override_settings
from django.urls import reverse
from django.utils.module_loading import import_string

from msp_si.common.seaweed import seaweed_server
from projects.choices import DocumentKind, Role
from projects.demo.load import LoadResult, Session, load
from projects.demo.seed import DEMO_PASSWORD, demo_seed
from projects.documents.services import document_generate_now
from projects.models import Membership, Project
from projects.plugins import plugins

LOAD_PROJECT_NAME = "Banc d'essai — charge, 400 besoins"
# The pages measured on one web host and on two (--two-hosts), plus a document download.
TWO_HOSTS_PAGES = ("accueil du projet", "page d'étape (1)", "documents", "grille de la démo",
                   "comparaison 5 × 400")
GOAL_RATIO = 3.0


class Command(BaseCommand):
    help = (
        "Charge chaque page principale sous N connexions simultanées, en alternance avec "
        "une vue nue, derrière gunicorn (réglages de production) ; affiche p50/p95/p99, "
        "débit, erreurs et le rapport des p95 (médiane des passes)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare the load's shape and the database preparation."""
        parser.add_argument("--connections", type=int, default=50)
        parser.add_argument("--duration", type=float, default=5.0,
                            help="secondes de charge par page et par passe (20 dans l'issue)")
        parser.add_argument("--runs", type=int, default=3, help="passes alternées (médiane)")
        parser.add_argument("--workers", type=int, default=3, help="workers gunicorn")
        parser.add_argument("--port", type=int, default=0, help="0 : un port libre")
        parser.add_argument("--only", default="", help="seulement les pages dont le nom contient")
        parser.add_argument("--two-hosts", action="store_true",
                            help="deux instances gunicorn partageant base, Redis et stockage "
                                 "objet, contre une seule (pages principales)")

    def handle(self, *args: Any, connections: int, duration: float, runs: int, workers: int,
               port: int, only: str, two_hosts: bool, **options: Any) -> None:
        """Prepare the database, start gunicorn, measure, stop gunicorn."""
        if settings.ROOT_URLCONF != "msp_si.urls_benchmark":
            raise CommandError("À lancer avec DJANGO_SETTINGS_MODULE=msp_si.settings.benchmark "
                               "(make benchmark-load).")
        self._create_database()
        call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        demo, large = self._projects()
        if two_hosts:
            lead = Membership.objects.filter(project=demo, role=Role.PROJECT_LEAD) \
                .select_related("user").first()
            if lead is None:
                raise CommandError("La MSP de démonstration n'a pas de chef de projet.")
            key_pages = {k: v for k, v in self._pages(demo, large).items()
                         if k in TWO_HOSTS_PAGES and only in k}
            self._two_hosts(demo, lead.user, key_pages, connections=connections,
                            duration=duration, runs=runs, workers=workers)
            return
        # (project whose chef de projet reads the pages, label → path)
        groups = [(demo, self._pages(demo, large)), *self._plugin_pages()]
        leads = {project.pk: _lead(project) for project, _pages in groups}
        connection.close()  # gunicorn's workers get the database to themselves
        port = port or _free_port()
        server = self._start(port, workers)
        try:
            sessions: dict[int, Session] = {}
            for pk, email in leads.items():
                sessions[pk] = Session("127.0.0.1", port)
                sessions[pk].log_in(reverse("login"), email, DEMO_PASSWORD)
            pages = {label: (sessions[project.pk], path) for project, paths in groups
                     for label, path in paths.items() if only in label}
            self._measure(sessions[demo.pk], pages, connections=connections,
                          duration=duration, runs=runs)
        finally:
            server.terminate()
            server.wait(timeout=30)

    def _create_database(self) -> None:
        """Create the configured PostgreSQL database when it does not exist yet."""
        db = settings.DATABASES["default"]
        if db["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("Le banc de charge mesure sur PostgreSQL (DATABASE_URL).")
        with psycopg.connect(dbname="postgres", host=db["HOST"], port=db["PORT"] or 5432,
                             user=db["USER"], password=db["PASSWORD"] or None,
                             autocommit=True) as admin:
            exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                   (db["NAME"],)).fetchone()
            if not exists:
                admin.execute(f'CREATE DATABASE "{db["NAME"]}"')
                self.stdout.write(f"Base « {db['NAME']} » créée.")

    def _projects(self) -> tuple[Project, Project]:
        """The demo MSP, and a project of 400 needs and five answered offers (kept)."""
        from requirements.demo.benchmark import large_grid_project
        from vendors.demo.benchmark import COMPARED_OFFERS, answered_offers

        demo = demo_seed().project
        large = Project.objects.filter(name=LOAD_PROJECT_NAME).first()
        if large is None:
            self.stdout.write("Préparation d'un projet de 400 besoins et 5 offres…")
            large = large_grid_project(creator=demo.created_by, name=LOAD_PROJECT_NAME)
            answered_offers(project=large, by=demo.created_by, count=COMPARED_OFFERS)
        return demo, large

    @staticmethod
    def _plugin_pages() -> list[tuple[Project, dict[str, str]]]:
        """The demo projects the plug-ins add (the phase-4 MSP) and the pages they declare."""
        groups = []
        for plugin in plugins():
            if plugin.demo_projects and plugin.load_pages:
                for result in import_string(plugin.demo_projects)(reset=False):
                    groups.append((result.project, import_string(plugin.load_pages)(
                        project=result.project)))
        return groups

    @staticmethod
    def _pages(demo: Project, large: Project) -> dict[str, str]:
        """The pages of the issue, by name."""
        def url(name: str, project: Project, *args: Any) -> str:
            return reverse(name, args=[project.pk, *args])

        return {
            "votes": url("vendors:vote-list", demo),
            "documents": url("projects:document-list", demo),
            "page d'étape (1)": url("projects:step-detail", demo, 1),
            "accueil du projet": url("projects:project-home", demo),
            "dossier de choix": url("vendors:choice", demo),
            "analyse (étape 11)": url("vendors:analysis", demo),
            "grille de la démo": url("requirements:grid", demo) + "?domaine=tous",
            "comparaison 5 × 400": url("vendors:answers-compare", large) + "?domaine=tous",
            "consolidation 400": url("requirements:grid-consolidation", large),
            "grille 400, ouverture": url("requirements:grid", large),
            "grille 400, tous domaines": url("requirements:grid", large) + "?domaine=tous",
        }

    def _two_hosts(self, demo: Project, lead: Any, pages: dict[str, str], *, connections: int,
                   duration: float, runs: int, workers: int) -> None:
        """The key pages on one gunicorn, then spread over two sharing PostgreSQL, Redis
        (``REDIS_URL`` if set) and an object store (``OBJECT_STORAGE_*`` if set, else a
        SeaweedFS started here), alternately; p95 of each and their ratio."""
        with ExitStack() as stack:
            shared: dict[str, str] = {}
            if not os.environ.get("OBJECT_STORAGE_BUCKET"):
                store = stack.enter_context(seaweed_server(bucket="msp-si-benchmark"))
                shared = store.environment(location="charge")
                stack.enter_context(override_settings(STORAGES={
                    **settings.STORAGES,
                    "default": store.storage_setting(location="charge")}))
            document = document_generate_now(project=demo, kind=DocumentKind.NOTE_DE_CADRAGE,
                                             by=lead)
            if document.status != "done":
                raise CommandError(f"Génération en échec : {document.error}")
            pages["téléchargement d'un document"] = reverse(
                "projects:document-download", args=[demo.pk, document.pk])
            connection.close()  # gunicorn's workers get the database to themselves
            ports = [_free_port(), _free_port()]
            servers = [self._start(p, workers, shared) for p in ports]
            try:
                first = Session("127.0.0.1", ports[0])
                first.log_in(reverse("login"), lead.email, DEMO_PASSWORD)
                both = [first, first.on(ports[1])]
                self._compare_hosts(first, both, pages, connections=connections,
                                    duration=duration, runs=runs, workers=workers)
            finally:
                for server in servers:
                    server.terminate()
                    server.wait(timeout=30)
            document.file.delete(save=False)

    def _compare_hosts(self, one: Session, two: list[Session], pages: dict[str, str], *,
                       connections: int, duration: float, runs: int, workers: int) -> None:
        """Each page on one host then on both, ``runs`` times; print the p95 ratios."""
        for path in pages.values():  # warm both hosts' workers
            load(two, path, connections=4, seconds=1)
        ratios: dict[str, list[float]] = {label: [] for label in pages}
        last: dict[str, tuple[LoadResult, LoadResult]] = {}
        self.stdout.write(f"Deux hôtes web ({workers} workers gunicorn chacun) contre un : "
                          f"{connections} connexions, {duration:g} s par mesure, {runs} "
                          "passes alternées :")
        for run in range(1, runs + 1):
            for label, path in pages.items():
                single = load(one, path, connections=connections, seconds=duration)
                double = load(two, path, connections=connections, seconds=duration)
                ratio = double.p95_ms / single.p95_ms if single.p95_ms else float("inf")
                ratios[label].append(ratio)
                last[label] = (single, double)
                self.stdout.write(f"  passe {run} · {label:<28} un hôte    {single}")
                self.stdout.write(f"  passe {run} · {'':<28} deux hôtes {double} → "
                                  f"rapport p95 {ratio:.2f}")
                self.stdout.flush()
        self.stdout.write(f"Rapport p95 deux hôtes ÷ un hôte, médiane de {runs} passes "
                          "(sous 1 : le second hôte absorbe la charge) :")
        for label, values in ratios.items():
            single, double = last[label]
            self.stdout.write(f"  {label:<28} {statistics.median(values):5.2f} "
                              f"(passes : {min(values):.2f}–{max(values):.2f}) · p95 "
                              f"{double.p95_ms:.0f} ms contre {single.p95_ms:.0f} ms")

    def _start(self, port: int, workers: int,
               extra_env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
        """gunicorn as in docker-compose, on loopback; returns once it answers."""
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "msp_si.settings.benchmark",
               **(extra_env or {})}
        server = subprocess.Popen(  # noqa: S603 — fixed arguments, our own interpreter
            [sys.executable, "-m", "gunicorn", "msp_si.wsgi:application",
             f"--bind=127.0.0.1:{port}", f"--workers={workers}", "--timeout=120",
             "--log-level=warning"], env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                raise CommandError("gunicorn s'est arrêté au démarrage.")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return server
            except OSError:
                time.sleep(0.3)
        server.terminate()
        raise CommandError("gunicorn ne répond pas.")

    def _measure(self, session: Session, pages: dict[str, tuple[Session, str]], *,
                 connections: int, duration: float, runs: int) -> None:
        """Each page then the bare view, ``runs`` times; print the runs and the medians.
        ``session`` reads the bare view; each page is read by its own project's lead."""
        bare = reverse("benchmark-bare")
        load(session, bare, connections=3, seconds=1)  # warm every worker's caches
        for reader, path in pages.values():
            load(reader, path, connections=3, seconds=1)
        ratios: dict[str, list[float]] = {label: [] for label in pages}
        last: dict[str, tuple[LoadResult, LoadResult]] = {}
        self.stdout.write(f"{connections} connexions, {duration:g} s par mesure, "
                          f"{runs} passes alternées page / vue nue :")
        for run in range(1, runs + 1):
            for label, (reader, path) in pages.items():
                page = load(reader, path, connections=connections, seconds=duration)
                floor = load(session, bare, connections=connections, seconds=duration)
                ratio = page.p95_ms / floor.p95_ms if floor.p95_ms else float("inf")
                ratios[label].append(ratio)
                last[label] = (page, floor)
                self.stdout.write(f"  passe {run} · {label:<26} {page}")
                self.stdout.write(f"  passe {run} · {'  vue nue':<26} {floor} → "
                                  f"rapport p95 {ratio:.2f}")
                self.stdout.flush()  # a run lasts minutes: show it as it goes
        self.stdout.write(f"Rapport p95 page ÷ vue nue, médiane de {runs} passes "
                          f"(objectif ≤ {GOAL_RATIO:g}) :")
        for label, values in ratios.items():
            page, floor = last[label]
            spread = f"{min(values):.2f}–{max(values):.2f}"
            self.stdout.write(f"  {label:<26} {statistics.median(values):5.2f} "
                              f"(passes : {spread}) · p95 {page.p95_ms:.0f} ms contre "
                              f"{floor.p95_ms:.0f} ms")


def _lead(project: Project) -> str:
    """The e-mail of the project's chef de projet, who reads its pages."""
    lead = Membership.objects.filter(project=project, role=Role.PROJECT_LEAD) \
        .select_related("user").first()
    if lead is None:
        raise CommandError(f"Le projet « {project.name} » n'a pas de chef de projet.")
    return str(lead.user.email)


def _free_port() -> int:
    """A TCP port nobody listens on, for this run's gunicorn."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
