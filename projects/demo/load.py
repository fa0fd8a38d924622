"""Load for ``manage.py benchmark_load``: sign in with http.client, measure with wrk.

``wrk`` (Debian package ``wrk``) keeps N connections busy on one URL for D seconds; the
script ``wrk_report.lua`` next to this module counts every answer other than 200 as an
error (a 3xx means the session is lost) and prints wrk's summary, errors and latency
percentiles as one JSON line, parsed here. Signing in through the real login form stays
in Python (``Session``): wrk only replays the session's cookies.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import math
import os
import re
import shutil
import subprocess
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# The production settings redirect plain HTTP and mark cookies Secure: requests say they
# came through the HTTPS proxy, as behind the real one.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}
WRK_SCRIPT = Path(__file__).with_name("wrk_report.lua")
REPORT_PREFIX = "wrk-report "
# wrk counts a request still unanswered after this long as a timeout error.
WRK_TIMEOUT = "120s"


@dataclass(frozen=True)
class LoadResult:
    """Latency percentiles (ms), throughput and errors of one URL under load."""

    requests: int
    errors: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float

    @property
    def rate(self) -> float:
        """Requests answered per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    def __str__(self) -> str:
        line = (f"p50 {self.p50_ms:7.1f} · p95 {self.p95_ms:7.1f} · p99 {self.p99_ms:7.1f} ms"
                f" · {self.rate:6.1f} req/s · {self.errors} erreur(s)")
        if self.requests + self.errors == 0:
            line += " · aucune réponse pendant la mesure : allongez --duration"
        return line


class Session:
    """Cookies of one signed-in user, sent with every request to ``host:port``."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: str = "",
                headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
        """One request on a fresh connection; keeps the cookies the answer sets."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=120)
        try:
            connection.request(method, path, body=body or None, headers=self.headers(headers))
            response = connection.getresponse()
            content = response.read()
            for value in response.headers.get_all("Set-Cookie") or []:
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return response.status, dict(response.headers), content
        finally:
            connection.close()

    def cookie_header(self) -> str:
        """The ``Cookie`` header's value ("" without cookies)."""
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """Host, proxy and cookie headers, plus ``extra``."""
        cookie = self.cookie_header()
        return {"Host": f"{self.host}:{self.port}", **PROXY_HEADERS,
                **({"Cookie": cookie} if cookie else {}), **(extra or {})}

    def on(self, port: int) -> Session:
        """The same signed-in user on another web host (sessions live in the database)."""
        other = Session(self.host, port)
        other.cookies = dict(self.cookies)
        return other

    def log_in(self, login_path: str, email: str, password: str) -> None:
        """Sign in through the real login form (CSRF token, then POST)."""
        status, _, page = self.request("GET", login_path)
        match = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or match is None:
            raise RuntimeError(f"page de connexion : HTTP {status}")
        origin = f"https://{self.host}:{self.port}"
        body = urllib.parse.urlencode({"csrfmiddlewaretoken": match.group(1).decode(),
                                       "username": email, "password": password})
        status, _, _ = self.request("POST", login_path, body, {
            "Content-Type": "application/x-www-form-urlencoded", "Origin": origin,
            "Referer": f"{origin}{login_path}"})
        if status != 302:
            raise RuntimeError(f"connexion refusée : HTTP {status}")


def load(session: Session | Sequence[Session], path: str, *, connections: int,
         seconds: float) -> LoadResult:
    """``connections`` wrk connections requesting ``path`` back to back for ``seconds``.

    wrk counts whole seconds: ``seconds`` is rounded up (at least 1). ``requests`` are the
    answers with status 200; ``errors`` the other answers (3xx included) plus wrk's socket
    errors and timeouts. The percentiles are wrk's over every answer (errors included), with
    its correction for coordinated omission (a request that waited much longer than the
    mean interval also stands for the requests it held back).

    Given several sessions (one per web host), a single wrk run spreads its threads, and so
    its connections, over the hosts in turn (``setup(thread)`` sets each thread's address,
    Host and Cookie), as a load balancer would: the percentiles are then those of one
    histogram holding every request, and nothing has to be merged afterwards. The
    connections are split evenly (one thread per host) when the number of hosts divides
    them, else one thread per connection, hosts in turn."""
    sessions = [session] if isinstance(session, Session) else list(session)
    if not sessions:
        raise ValueError("load() needs at least one session")
    report = _run_wrk(sessions, path, connections=connections,
                      seconds=max(1, math.ceil(seconds)))
    for each in sessions:
        _drain(each, path)
    errors = report["errors"]
    latency = report["latency_us"]
    not_ok = int(report["not_ok"])
    return LoadResult(
        requests=int(report["requests"]) - not_ok,
        errors=not_ok + sum(int(errors[k]) for k in ("connect", "read", "write", "timeout")),
        seconds=int(report["duration_us"]) / 1e6,
        p50_ms=latency["p50"] / 1000, p95_ms=latency["p95"] / 1000,
        p99_ms=latency["p99"] / 1000)


def _drain(session: Session, path: str) -> None:
    """Wait for the requests wrk left queued on the server when its time was up: one more
    request, accepted after them, returns once they are served. Without it, the next
    measure (the bare view after a slow page) would pay for them."""
    with contextlib.suppress(OSError):  # a server that is gone has nothing left to serve
        session.request("GET", path)


def wrk_threads(connections: int, hosts: int) -> int:
    """wrk threads for ``connections`` over ``hosts`` hosts: wrk gives each thread
    ``connections // threads`` connections, and the script gives the threads to the hosts
    in turn, so the count must divide the connections and be a multiple of the hosts."""
    if hosts <= 1:
        return 2 if connections % 2 == 0 else 1
    return hosts if connections % hosts == 0 else connections


def _run_wrk(sessions: list[Session], path: str, *, connections: int,
             seconds: int) -> dict[str, Any]:
    """Run wrk with our script and return the report it prints."""
    wrk = shutil.which("wrk")
    if wrk is None:
        raise RuntimeError("wrk est introuvable : installez-le (apt-get install wrk) pour "
                           "mesurer sous charge.")
    if connections < 1:
        raise ValueError("connections must be at least 1")
    first = sessions[0]
    command = [wrk, f"-t{wrk_threads(connections, len(sessions))}", f"-c{connections}",
               f"-d{seconds}s", "--timeout", WRK_TIMEOUT, "-s", str(WRK_SCRIPT)]
    for name, value in first.headers().items():
        command += ["-H", f"{name}: {value}"]
    command.append(f"http://{first.host}:{first.port}{path}")
    env = dict(os.environ)
    env.pop("WRK_TARGETS", None)
    if len(sessions) > 1:
        env["WRK_TARGETS"] = "\n".join(f"{s.host}\t{s.port}\t{s.cookie_header()}"
                                       for s in sessions)
    done = subprocess.run(command, capture_output=True, text=True, env=env,  # noqa: S603
                          timeout=seconds + 180, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(REPORT_PREFIX)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"wrk a échoué (code {done.returncode}) : "
                           f"{(done.stderr or done.stdout).strip()[-500:]}")
    report: dict[str, Any] = json.loads(lines[-1].removeprefix(REPORT_PREFIX))
    return report
