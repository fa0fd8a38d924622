"""The AG vote under load, the I/O part: data, sessions, the app server, the voters' threads.

Used by ``manage.py benchmark_vote`` (on a dedicated PostgreSQL database) and by the
integration test (on the test database). Loopback only; every wait is bounded.
"""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.urls import reverse

from msp_si.common import clock

from .vote_load import Sample, VoterPlan, cookies_read, vote_page_read

if TYPE_CHECKING:
    from msp_si.accounts.models import User

REQUEST_TIMEOUT_S = 30
START_TIMEOUT_S = 60
BARRIER_TIMEOUT_S = 120
SESSION_BACKEND = "django.contrib.auth.backends.ModelBackend"


@dataclass(frozen=True)
class LoadSetup:
    """A project whose members vote: the vote, its option ids, a session per voter."""

    project_id: int
    vote_id: int
    option_pks: tuple[int, ...]
    voter_ids: tuple[int, ...]
    sessions: tuple[str, ...]
    vote_path: str
    cast_path: str


def _session_for(user: User) -> str:
    """A signed-in session for ``user``, made through the session engine (no password)."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = SESSION_BACKEND
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return str(store.session_key)


def load_setup(*, voters: int, label: str) -> LoadSetup:
    """A project with ``voters`` members holding a voting right, and an open vote on
    three invented options."""
    from msp_si.accounts.models import User
    from projects.choices import LegalStructure, Profession, Role
    from projects.core import services as project_services

    from ..choices import MajorityRule, QuorumKind
    from ..votes.services import OptionSpec, vote_open

    stamp = f"{label}-{time.time_ns()}"
    lead = User.objects.create_user(f"chef-{stamp}@banc-essai.test", None,
                                    first_name="Chef", last_name="Banc d'essai")
    project = project_services.project_create(
        creator=lead, name=f"Banc d'essai — vote de {voters} membres",
        legal_structure=LegalStructure.SISA, start_on=date(2026, 9, 1),
        site_list=[("Site principal", "Valbourg")], professions=[(Profession.GP, voters)])
    members = []
    for n in range(voters):
        user = User.objects.create_user(f"votant-{n:03d}-{stamp}@banc-essai.test", None,
                                        first_name=f"Votant {n:03d}", last_name="Banc")
        project_services.membership_set_role(project=project, user=user, role=Role.MEMBER)
        members.append(user)
    now = clock.now()
    vote = vote_open(project=project, by=lead, question="Quel logiciel retenir ?",
                     options=[OptionSpec(label) for label in (
                         "Logiciel Alpha (fictif)", "Logiciel Bêta (fictif)",
                         "Logiciel Gamma (fictif)")],
                     opens_at=now - timedelta(minutes=1), closes_at=now + timedelta(hours=2),
                     quorum_kind=QuorumKind.SHARE, quorum_value=50,
                     majority=MajorityRule.ABSOLUTE, is_secret=True, max_proxies=1, now=now)
    kwargs = {"project_pk": project.pk, "vote_pk": vote.pk}
    return LoadSetup(
        project_id=project.pk, vote_id=vote.pk,
        option_pks=tuple(vote.options.order_by("position").values_list("pk", flat=True)),
        voter_ids=tuple(u.pk for u in members),
        sessions=tuple(_session_for(u) for u in members),
        vote_path=reverse("vendors:vote-detail", kwargs=kwargs),
        cast_path=reverse("vendors:vote-cast", kwargs=kwargs),
    )


def ballots_found(vote_id: int) -> list[tuple[int, int]]:
    """(voter id, option id) of every ballot of the vote, read back from the database."""
    from ..votes.models import Ballot

    return list(Ballot.objects.filter(vote_id=vote_id).values_list("voter_id", "option_id"))


# --- the app server ----------------------------------------------------------------------

def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """The app server subprocess, its address and log."""

    process: subprocess.Popen[bytes]
    port: int
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def _answers(port: int) -> bool:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/sante/", headers={"Host": "127.0.0.1"})
        connection.getresponse().read()
        connection.close()
    except OSError:
        return False
    return True


@contextmanager
def app_server(*, env: dict[str, str], log_path: Path, workers: int = 3,
               threads: int = 4) -> Iterator[Server]:
    """gunicorn (gthread workers) on 127.0.0.1 on a free port, stopped on exit."""
    port = free_port()
    command = [str(Path(sys.executable).with_name("gunicorn")), "msp_si.wsgi:application",
               "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
               "--threads", str(threads), "--worker-class", "gthread",
               "--timeout", str(REQUEST_TIMEOUT_S), "--graceful-timeout", "5",
               "--backlog", "256"]
    with log_path.open("wb") as log:
        process = subprocess.Popen(  # noqa: S603 — a fixed gunicorn command line
            command, cwd=settings.BASE_DIR, env={**os.environ, **env}, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True)
    server = Server(process=process, port=port, log_path=log_path)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"le serveur ne répond pas :\n{server.log()[-3000:]}")
            time.sleep(0.2)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()  # gunicorn stops its workers gracefully on SIGTERM
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=15)


# --- the voters ---------------------------------------------------------------------------

class _Voter:
    """One member's browser: a session cookie, the CSRF cookie and token of the page."""

    def __init__(self, port: int, session: str) -> None:
        self.port = port
        self.cookies = {settings.SESSION_COOKIE_NAME: session}
        self.token = ""

    def _request(self, method: str, path: str, body: str | None = None
                 ) -> tuple[int, str, float]:
        headers = {"Host": "127.0.0.1",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port,
                                                timeout=REQUEST_TIMEOUT_S)
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
            elapsed = time.perf_counter() - started
            self.cookies.update(cookies_read(response.headers.get_all("Set-Cookie") or []))
            return response.status, text, elapsed
        finally:
            connection.close()

    def open_page(self, path: str) -> tuple[int, float, str]:
        status, html, elapsed = self._request("GET", path)
        page = vote_page_read(html) if status == 200 else None
        if page is None:
            return status, elapsed, "pas de formulaire de vote sur la page"
        self.token = page.csrf_token
        return status, elapsed, ""

    def cast(self, path: str, option_pk: int) -> tuple[int, float]:
        body = urlencode({"csrfmiddlewaretoken": self.token, "option": option_pk})
        status, _html, elapsed = self._request("POST", path, body)
        return status, elapsed


def _voter_thread(setup: LoadSetup, plan: VoterPlan, port: int, barriers: Sequence[
        threading.Barrier], samples: list[Sample], lock: threading.Lock) -> None:
    """GET the page, wait for everyone, POST the ballot; then maybe change it together."""
    voter = _Voter(port, setup.sessions[plan.index])

    def record(phase: str, status: int, seconds: float, error: str = "") -> None:
        with lock:
            samples.append(Sample(phase=phase, voter=plan.index, status=status,
                                  seconds=seconds, error=error))

    try:
        status, seconds, error = voter.open_page(setup.vote_path)
        record("page", status, seconds, error)
        barriers[0].wait(timeout=BARRIER_TIMEOUT_S)
        if not error:
            status, seconds = voter.cast(setup.cast_path, setup.option_pks[plan.first])
            record("ballot", status, seconds)
        barriers[1].wait(timeout=BARRIER_TIMEOUT_S)
        if plan.change_to is not None and not error:
            status, seconds = voter.cast(setup.cast_path, setup.option_pks[plan.change_to])
            record("change", status, seconds)
    except (OSError, threading.BrokenBarrierError) as failure:
        record("error", 0, 0.0, f"{type(failure).__name__}: {failure}")
        for barrier in barriers:
            barrier.abort()  # the others stop waiting for a voter who will never come


def warm_up(*, setup: LoadSetup, port: int, requests: int) -> None:
    """Unmeasured GETs of the vote page, so that every server process has loaded its code
    and templates before the measured burst (nothing is posted)."""
    voter = _Voter(port, setup.sessions[0])
    for _ in range(requests):
        voter.open_page(setup.vote_path)


def load_run(*, setup: LoadSetup, plan: Sequence[VoterPlan], port: int) -> list[Sample]:
    """Every voter in its own thread: pages, then all ballots at once, then the changes."""
    barriers = [threading.Barrier(len(plan)), threading.Barrier(len(plan))]
    samples: list[Sample] = []
    lock = threading.Lock()
    threads = [threading.Thread(target=_voter_thread,
                                args=(setup, item, port, barriers, samples, lock),
                                name=f"votant-{item.index}", daemon=True) for item in plan]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + BARRIER_TIMEOUT_S * 2 + REQUEST_TIMEOUT_S * 3
    for thread in threads:
        thread.join(timeout=max(0.1, deadline - time.monotonic()))
    return list(samples)


def expected_ballots(setup: LoadSetup, plan: Sequence[VoterPlan]) -> dict[int, int]:
    """Voter id → option id each voter chose last."""
    return {setup.voter_ids[p.index]: setup.option_pks[p.final] for p in plan}
