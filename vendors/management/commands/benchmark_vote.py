"""``python manage.py benchmark_vote``: members voting at once against the running server.

Unlike ``benchmark`` (in-process, rolled back), this needs a real server and a real
PostgreSQL: it creates (if missing) and migrates a dedicated database, adds a project with
its members and an open vote there, starts gunicorn on the loopback, and lets every member
load the vote page then post a ballot at the same instant (a subset then changes its vote
at once). It prints p50 / p95 / max of the responses and checks in the database that each
voter has exactly one ballot, the last one chosen. The project stays in that database.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import environ
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from vendors.demo.vote_load import ballot_check, load_plan, phase_stats
from vendors.demo.vote_load_run import (
    app_server,
    ballots_found,
    expected_ballots,
    load_run,
    load_setup,
    warm_up,
)

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/msp_si_bench"


def _same_database(current: dict[str, Any], target: dict[str, Any]) -> bool:
    return all(str(current.get(k) or "") == str(target.get(k) or "")
               for k in ("ENGINE", "NAME", "HOST", "PORT"))


def _database_ensure(target: dict[str, Any]) -> bool:
    """Create the database if missing (through the ``postgres`` maintenance database)."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(dbname="postgres", user=target["USER"] or None,
                         password=target["PASSWORD"] or None, host=target["HOST"] or None,
                         port=target["PORT"] or None, autocommit=True,
                         connect_timeout=10) as admin:
        if admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                         [target["NAME"]]).fetchone():
            return False
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(target["NAME"])))
    return True


class Command(BaseCommand):
    help = ("Vote simultané de membres de l'assemblée générale contre le serveur lancé "
            "(gunicorn) sur une base PostgreSQL dédiée : temps de réponse et contrôle "
            "« un bulletin par votant ».")

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL,
                            help="base PostgreSQL dédiée (créée si besoin, migrée)")
        parser.add_argument("--voters", type=int, default=50, help="votants simultanés")
        parser.add_argument("--changers", type=int, default=10,
                            help="votants qui changent ensuite leur vote, ensemble")
        parser.add_argument("--workers", type=int, default=3, help="processus gunicorn")
        parser.add_argument("--threads", type=int, default=4, help="fils par processus")

    def handle(self, *args: Any, database_url: str, voters: int, changers: int,
               workers: int, threads: int, **options: Any) -> None:
        target = environ.Env.db_url_config(database_url)
        if target["ENGINE"] != "django.db.backends.postgresql":
            raise CommandError("Une base PostgreSQL est requise (--database-url postgres://…).")
        if not _same_database(connection.settings_dict, target):
            # The whole run (data, sessions, checks) uses the dedicated database: run this
            # command again in a process whose default database is that one.
            result = subprocess.run(  # noqa: S603 — this same command, our own arguments
                [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "benchmark_vote",
                 "--database-url", database_url, "--voters", str(voters),
                 "--changers", str(changers), "--workers", str(workers),
                 "--threads", str(threads)],
                env={**os.environ, "DATABASE_URL": database_url}, check=False)
            if result.returncode:
                raise CommandError(f"échec de la mesure (code {result.returncode})")
            return
        self._run(database_url, target, voters=voters, changers=changers, workers=workers,
                  threads=threads)

    def _run(self, database_url: str, target: dict[str, Any], *, voters: int, changers: int,
             workers: int, threads: int) -> None:
        connection.close()
        if _database_ensure(target):
            self.stdout.write(f"Base {target['NAME']} créée.")
        call_command("migrate", interactive=False, verbosity=0)
        # The server runs with DEBUG off: hashed static files, as deployed.
        if not (Path(settings.STATIC_ROOT) / "staticfiles.json").exists():
            call_command("collectstatic", interactive=False, verbosity=0)
        plan = load_plan(voters=voters, options=3, changers=changers)
        setup = load_setup(voters=voters, label="bench")
        self.stdout.write(f"Base {target['NAME']} · projet n° {setup.project_id}, {voters} "
                          f"membres ayant droit de vote, vote n° {setup.vote_id} ouvert.")
        env = {"DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "msp_si.settings.base",
               "DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": settings.SECRET_KEY,
               "REDIS_URL": "", "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
               "DJANGO_CSRF_TRUSTED_ORIGINS": "", "LOG_LEVEL": "WARNING"}
        with tempfile.TemporaryDirectory(prefix="msp-si-vote-") as folder, \
                app_server(env=env, log_path=Path(folder) / "gunicorn.log", workers=workers,
                           threads=threads) as server:
            self.stdout.write(f"gunicorn sur 127.0.0.1:{server.port} ({workers} processus × "
                              f"{threads} fils, DEBUG désactivé).")
            warm_up(setup=setup, port=server.port, requests=workers * threads)
            samples = load_run(setup=setup, plan=plan, port=server.port)
            errors = [s.error for s in samples if s.error]
            if errors:
                self.stdout.write(f"Erreurs côté client : {errors[:3]}")
        for phase, label in (("page", "page du vote (GET)"), ("ballot", "bulletins (POST)"),
                             ("change", "changements (POST)")):
            self.stdout.write(f"  {label:<22} {phase_stats(samples, phase)}")
        check = ballot_check(expected=expected_ballots(setup, plan),
                             found=ballots_found(setup.vote_id))
        verdict = "OK" if check.is_exact else "ÉCHEC"
        self.stdout.write(f"Contrôle en base : {check.ballots} bulletins, {check.distinct_voters} "
                          f"votants distincts, {check.missing} manquant, {check.duplicated} en "
                          f"double, {check.wrong_option} sur une autre option que le dernier "
                          f"choix, {check.unexpected} inattendu → {verdict}")
        if not check.is_exact:
            raise CommandError("Les bulletins ne correspondent pas aux votes envoyés.")
