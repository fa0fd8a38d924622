"""The load benchmark's bare view exists only under its settings, behind the sign-in; its
load generator (wrk) measures real local servers."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
from typing import Any

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from msp_si.urls_benchmark import BARE_VIEW_PATH
from projects.demo.load import LoadResult, Session, load, wrk_threads


def test_the_bare_view_is_not_a_production_url() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("benchmark-bare")


@pytest.mark.urls("msp_si.urls_benchmark")
def test_the_bare_view_needs_a_signed_in_user(client: Client,
                                               make_user: Callable[..., Any]) -> None:
    url = reverse("benchmark-bare")
    assert url == f"/{BARE_VIEW_PATH}"
    assert client.get(url).status_code == 302
    user = make_user()
    client.force_login(user)
    response = client.get(url)
    assert (response.status_code, response.content) == (200, f"ok {user.pk}".encode())


def test_a_load_result_gives_its_rate() -> None:
    result = LoadResult(requests=300, errors=0, seconds=2.0, p50_ms=10, p95_ms=20, p99_ms=30)
    assert result.rate == 150
    assert "150.0 req/s" in str(result)


@contextmanager
def serving(*statuses: int, delay: float = 0.0, one_at_a_time: bool = False) -> Iterator[
        tuple[list[int], list[dict[str, list[str]]]]]:
    """One threaded HTTP server per status, each answering every GET with it after
    ``delay`` seconds; yields their ports and, per server, the Host and Cookie headers
    of the requests it received."""
    seen: list[dict[str, list[str]]] = [{"Host": [], "Cookie": []} for _ in statuses]

    def handler(status: int, headers: dict[str, list[str]]) -> type[BaseHTTPRequestHandler]:
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                for name, values in headers.items():
                    values.append(self.headers.get(name, ""))
                time.sleep(delay)
                self.send_response(status)
                if status in (301, 302):
                    self.send_header("Location", "/connexion/")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args: object) -> None:
                pass

        return Handler

    class Server(HTTPServer if one_at_a_time else ThreadingHTTPServer):  # type: ignore[misc]
        daemon_threads = True

        def handle_error(self, request: object, client_address: object) -> None:
            pass  # wrk drops its connections mid-answer when its time is up

    servers = [Server(("127.0.0.1", 0), handler(status, headers))
               for status, headers in zip(statuses, seen, strict=True)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield [server.server_address[1] for server in servers], seen
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


def signed_in(port: int) -> Session:
    """A session carrying the cookies of a signed-in user."""
    session = Session("127.0.0.1", port)
    session.cookies = {"sessionid": "abc", "csrftoken": "def"}
    return session


def test_a_measure_with_no_answer_says_so() -> None:
    silent = LoadResult(requests=0, errors=0, seconds=5, p50_ms=0, p95_ms=0, p99_ms=0)
    assert "aucune réponse pendant la mesure" in str(silent)
    answered = LoadResult(requests=3, errors=0, seconds=5, p50_ms=9, p95_ms=9, p99_ms=9)
    assert "aucune réponse" not in str(answered)


def test_the_requests_left_queued_are_served_before_the_next_measure() -> None:
    # A server that answers one request at a time: when wrk's time is up, requests of its
    # connections are still queued; load() returns only once they are served.
    with serving(200, delay=0.1, one_at_a_time=True) as (ports, seen):
        load(signed_in(ports[0]), "/page/", connections=8, seconds=1)
        served = len(seen[0]["Host"])
        time.sleep(0.5)
        assert len(seen[0]["Host"]) == served


def test_wrk_measures_a_slow_server_with_percentiles_in_order() -> None:
    with serving(200, delay=0.02) as (ports, seen):
        result = load(signed_in(ports[0]), "/page/", connections=4, seconds=1)
    assert result.errors == 0
    assert 0 < result.requests <= len(seen[0]["Host"])
    assert result.seconds >= 1
    # Each answer takes at least the server's 20 ms sleep: lower bounds only.
    assert 15 <= result.p50_ms <= result.p95_ms <= result.p99_ms
    assert result.rate > 0
    # The signed-in session's cookies and the Host of the session reach the server.
    assert set(seen[0]["Cookie"]) == {"sessionid=abc; csrftoken=def"}
    assert set(seen[0]["Host"]) == {f"127.0.0.1:{ports[0]}"}


@pytest.mark.parametrize("status", [302, 500])
def test_every_answer_other_than_200_is_an_error(status: int) -> None:
    with serving(status, delay=0.005) as (ports, seen):
        result = load(signed_in(ports[0]), "/", connections=2, seconds=1)
    assert result.requests == 0
    assert 0 < result.errors <= len(seen[0]["Host"])
    assert result.p50_ms <= result.p95_ms <= result.p99_ms


def test_load_over_two_hosts_spreads_the_connections_with_the_same_cookies() -> None:
    with serving(200, 302, delay=0.005) as (ports, seen):
        first = signed_in(ports[0])
        result = load([first, first.on(ports[1])], "/", connections=4, seconds=1)
    # One wrk thread per host, two connections each: both hosts are loaded, each under
    # its own Host header, with the same signed-in cookies.
    for index, port in enumerate(ports):
        assert set(seen[index]["Host"]) == {f"127.0.0.1:{port}"}
        assert set(seen[index]["Cookie"]) == {"sessionid=abc; csrftoken=def"}
    # The second host's redirects (a lost session) are errors, the first's 200s requests.
    assert 0 < result.requests <= len(seen[0]["Host"])
    assert 0 < result.errors <= len(seen[1]["Host"])
    assert result.p50_ms <= result.p95_ms <= result.p99_ms


@pytest.mark.parametrize(("connections", "hosts", "threads"), [
    (50, 1, 2), (3, 1, 1), (50, 2, 2), (4, 2, 2), (3, 2, 3), (1, 2, 1)])
def test_wrk_threads_divide_the_connections_over_the_hosts(
        connections: int, hosts: int, threads: int) -> None:
    assert wrk_threads(connections, hosts) == threads


def test_without_wrk_the_load_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(RuntimeError, match="apt-get install wrk"):
        load(signed_in(1), "/", connections=1, seconds=1)
