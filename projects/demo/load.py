"""A small HTTP load generator for ``manage.py benchmark_load``: threads and http.client.

``wrk`` is not on every machine and locust brings a web stack of its own; for « N
connections for D seconds on one URL, then percentiles » a thread per connection is enough
(the server, not this client, is what saturates: each request waits on gunicorn).
"""

from __future__ import annotations

import http.client
import re
import statistics
import threading
import time
import urllib.parse
from collections.abc import Sequence
from dataclasses import dataclass

from .benchmark import percentile

# The production settings redirect plain HTTP and mark cookies Secure: requests say they
# came through the HTTPS proxy, as behind the real one.
PROXY_HEADERS = {"X-Forwarded-Proto": "https"}


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
        return (f"p50 {self.p50_ms:7.1f} · p95 {self.p95_ms:7.1f} · p99 {self.p99_ms:7.1f} ms"
                f" · {self.rate:6.1f} req/s · {self.errors} erreur(s)")


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

    def headers(self, extra: dict[str, str] | None = None) -> dict[str, str]:
        """Host, proxy and cookie headers, plus ``extra``."""
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
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
    """``connections`` clients requesting ``path`` back to back for ``seconds``.

    Given several sessions (one per web host), the clients are spread over them in turn,
    as a load balancer would."""
    sessions = [session] if isinstance(session, Session) else list(session)
    durations: list[float] = []
    errors = [0]
    lock = threading.Lock()
    deadline = time.perf_counter() + seconds

    def client(target: Session) -> None:
        mine: list[float] = []
        failed = 0
        headers = target.headers()
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection = http.client.HTTPConnection(target.host, target.port, timeout=120)
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
                if response.status == 200:
                    mine.append(time.perf_counter() - started)
                else:
                    failed += 1
            except OSError:
                failed += 1
            finally:
                connection.close()
        with lock:
            durations.extend(mine)
            errors[0] += failed

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(sessions[i % len(sessions)],), daemon=True)
               for i in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ms = [d * 1000 for d in durations] or [0.0]
    return LoadResult(requests=len(durations), errors=errors[0], seconds=elapsed,
                      p50_ms=statistics.median(ms), p95_ms=percentile(ms, 0.95),
                      p99_ms=percentile(ms, 0.99))
