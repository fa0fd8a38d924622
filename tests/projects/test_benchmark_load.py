"""The load benchmark's bare view exists only under its settings, behind the sign-in."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, reverse

from msp_si.urls_benchmark import BARE_VIEW_PATH
from projects.demo.load import LoadResult


def test_the_bare_view_is_not_a_production_url() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("benchmark-bare")


@pytest.mark.urls("msp_si.urls_benchmark")
def test_the_bare_view_needs_a_signed_in_user(client, make_user) -> None:
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


def test_load_over_two_hosts_spreads_the_connections_with_the_same_cookies() -> None:
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from projects.demo.load import Session, load

    hits: dict[int, list[str]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.setdefault(self.server.server_address[1], []).append(
                self.headers.get("Cookie", ""))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Handler) for _ in range(2)]
    for server in servers:
        threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        first = Session("127.0.0.1", servers[0].server_address[1])
        first.cookies = {"sessionid": "abc"}
        second = first.on(servers[1].server_address[1])
        result = load([first, second], "/", connections=4, seconds=0.3)
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    assert sorted(hits) == sorted(s.server_address[1] for s in servers)
    assert result.errors == 0
    assert result.requests == sum(len(cookies) for cookies in hits.values())
    assert {cookie for cookies in hits.values() for cookie in cookies} == {"sessionid=abc"}
