"""Rate limits of the public secret links (a vendor's upload link, an invitation link).

django-ratelimit counts in the configured cache (Redis when ``REDIS_URL`` is set). Over a
limit, the client gets a French page with HTTP 429 before the view runs, so nothing is
read, checked or recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

View = Callable[..., HttpResponse]

# Per link and address. Sending a file (or a form) 20 times in 10 minutes is far above a
# vendor correcting its answer or a person fixing a password, and far below a script
# replaying uploads; pages are read more often (previews, reloads).
LINK_LIMITS: tuple[tuple[str, str | tuple[str, ...]], ...] = (
    ("20/10m", ("POST",)),
    ("200/10m", ALL),
)
RETRY_AFTER_SECONDS = 600


def _link_and_address(group: str, request: HttpRequest) -> str:
    """One counter per secret link and client address (as the web server sees it)."""
    match = request.resolver_match
    token = str(match.kwargs.get("token", "")) if match else ""
    return f"{request.META.get('REMOTE_ADDR', '')} {token}"


def link_rate_limited(group: str) -> Callable[[View], View]:
    """Refuse with HTTP 429 a client that uses one secret link too often."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            # Every limit counts the request, even when an earlier one already refuses it.
            over = [is_ratelimited(request, group=group, key=_link_and_address, rate=rate,
                                   method=methods, increment=True)
                    for rate, methods in LINK_LIMITS]
            if any(over):
                response = render(request, "429.html", status=429)
                response["Retry-After"] = str(RETRY_AFTER_SECONDS)
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorate
