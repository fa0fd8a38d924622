"""Real Celery workers for integration tests: subprocesses on the test database and Redis.

These tests need PostgreSQL (a worker process must see the rows the test commits) and a
Redis broker; on a local SQLite run, or without ``REDIS_URL``, they are skipped.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from msp_si import celery_app

# Generous: on a loaded 2-core machine a worker may take a minute to start and render;
# a task that never runs still fails, only later.
WAIT_SECONDS = 180
INTEGRATION_DIR = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run every test of this folder in one xdist worker: they share the Redis broker, and a
    worker process of one test database must never take another's task."""
    for item in items:
        if INTEGRATION_DIR in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.xdist_group("broker"))


def integration_skip_reason() -> str | None:
    """Why integration tests cannot run here, or None when they can."""
    if "postgresql" not in settings.DATABASES["default"]["ENGINE"]:
        return ("tests d'intégration : base PostgreSQL requise (DATABASE_URL=postgres://…), "
                "la base SQLite d'un processus n'est pas visible d'un worker")
    if not os.environ.get("REDIS_URL"):
        return "tests d'intégration : REDIS_URL non défini (broker Redis requis)"
    return None


def wait_for(condition: Callable[[], object], *, timeout: float = WAIT_SECONDS,
             interval: float = 0.2, what: str = "condition") -> object:
    """Poll ``condition`` until it returns a true value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"délai dépassé ({timeout} s) en attendant : {what}")


def _database_url() -> str:
    """URL of the *test* database, for the worker process."""
    db = connection.settings_dict
    credentials = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        credentials += ":" + quote(db["PASSWORD"])
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or "5432"
    return f"postgres://{credentials}@{host}:{port}/{db['NAME']}"


@dataclass
class Worker:
    """A Celery worker subprocess and its log file."""

    process: subprocess.Popen[bytes]
    log_path: Path

    def log(self) -> str:
        """What the worker wrote so far."""
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def kill(self) -> None:
        """SIGKILL the worker's whole process group (no chance to clean up)."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=WAIT_SECONDS)


@pytest.fixture
def shared_media_root(settings, tmp_path: Path) -> Path:
    """A media folder both this process and the workers write to and read from."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


def _broker_url() -> str:
    """``REDIS_URL`` with one database per xdist process (gw0 on its own index, gw1 on the
    next…): the fixture below purges the queue before each test, and a purge or a worker
    of the other process must never take this one's messages."""
    url = urlsplit(os.environ["REDIS_URL"])
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw")
    base = int(url.path.strip("/") or 0)
    index = (base + int(worker or 0)) % 16
    return urlunsplit((url.scheme, url.netloc, f"/{index}", url.query, url.fragment))


@pytest.fixture
def celery_to_redis() -> Iterator[None]:
    """Make this process send tasks to the real Redis broker (not run them eagerly)."""
    conf = celery_app.conf
    previous = (conf.task_always_eager, conf.broker_url)
    conf.task_always_eager = False
    conf.broker_url = _broker_url()
    _producers_forget()
    # Messages left by an earlier interrupted run would name rows of another database.
    celery_app.control.purge()
    yield
    conf.task_always_eager, conf.broker_url = previous
    _producers_forget()


def _producers_forget() -> None:
    """Drop the app's cached broker connections: Celery keeps the first URL it connected
    with, and a message sent there would reach the other xdist process's workers."""
    celery_app._pool = None
    amqp = celery_app.__dict__.get("amqp")
    if amqp is not None:
        amqp._producer_pool = None


@pytest.fixture
def start_worker(transactional_db, shared_media_root: Path, celery_to_redis, tmp_path: Path,
                 ) -> Iterator[Callable[..., Worker]]:
    """Start real workers (``celery -A msp_si worker --pool=solo``); all killed at the end."""
    started: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        number = len(started) + 1
        log_path = tmp_path / f"worker-{number}.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "msp_si.settings.test",
            "DATABASE_URL": _database_url(),
            "REDIS_URL": _broker_url(),
            "MEDIA_ROOT": str(shared_media_root),
            **extra_env,
        }
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"), "-A", "msp_si",
                 "worker", "--pool=solo", "--concurrency=1", "-l", "info",
                 "--without-gossip", "--without-mingle", "--without-heartbeat",
                 "-n", f"docs-test-{number}-{os.getpid()}@%h"],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group, killed as a whole
            )
        worker = Worker(process, log_path)
        started.append(worker)
        wait_for(lambda: " ready." in worker.log() or process.poll() is not None,
                 what=f"démarrage du worker {number}")
        if process.poll() is not None:
            pytest.fail(f"le worker {number} s'est arrêté :\n{worker.log()}")
        return worker

    yield start
    for worker in started:
        worker.kill()
        # Shown by pytest only when the test failed: what the worker did meanwhile.
        print(f"--- {worker.log_path.name}\n{worker.log()[-6000:]}")


@pytest.fixture
def start_beat(celery_to_redis, tmp_path: Path) -> Iterator[Callable[..., Worker]]:
    """Start the real beat scheduler (``celery -A msp_si beat``) on the same Redis; the
    settings' schedule, with the periods the test gives by environment. Killed at the end."""
    started: list[Worker] = []

    def start(**extra_env: str) -> Worker:
        log_path = tmp_path / f"beat-{len(started) + 1}.log"
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "msp_si.settings.test",
               "DATABASE_URL": _database_url(), "REDIS_URL": _broker_url(),
               **extra_env}
        with log_path.open("wb") as log:
            process = subprocess.Popen(
                [str(Path(settings.BASE_DIR) / ".venv" / "bin" / "celery"), "-A", "msp_si",
                 "beat", "-l", "info", "--schedule", str(tmp_path / "celerybeat-schedule")],
                cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        beat = Worker(process, log_path)
        started.append(beat)
        wait_for(lambda: "beat: Starting..." in beat.log() or process.poll() is not None,
                 what="démarrage de beat")
        if process.poll() is not None:
            pytest.fail(f"beat s'est arrêté :\n{beat.log()}")
        return beat

    yield start
    for beat in started:
        beat.kill()
