"""Serve a project page from the page cache, or render it and keep it.

The project guard (``projects.access.project_view``) calls ``page_serve`` for every page
it lets through, after the membership and permission checks: a cached page is never
served to someone the guard would refuse. The key holds the path, the person, their role
and permissions, the language, the session and its CSRF secret (the page's forms carry a
token of it), the project's data revision and the minute (``rules.page_key``); the
middleware (security headers, CSP, session, CSRF cookie) runs on the cached answer as on
a fresh one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.utils.translation import get_language

from msp_si.common import clock

from . import rules
from .revision import revision_value

if TYPE_CHECKING:
    from projects.access import ProjectAccess

CACHE_ALIAS = "pages"


def page_serve(request: HttpRequest, access: ProjectAccess,
               render: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """The cached page when there is one for this key, else ``render()`` (kept if it may)."""
    key = _key(request, access)
    if key is None:
        return render()
    cache = caches[CACHE_ALIAS]
    kept = cache.get(key)
    if kept is not None:
        content, headers = kept
        served = HttpResponse(content, headers=headers)
        served.page_cache = "hit"  # type: ignore[attr-defined]  # read by the tests
        return served
    response = render()
    if rules.response_may_be_kept(_response_facts(request, response)):
        assert isinstance(response, HttpResponse)
        cache.set(key, (response.content, list(response.items())),
                  rules.TIMEOUT_SECONDS)
        response.page_cache = "stored"  # type: ignore[attr-defined]
    return response


def _key(request: HttpRequest, access: ProjectAccess) -> str | None:
    if not getattr(settings, "PAGE_CACHE", True):
        return None
    session = getattr(request, "session", None)
    facts = rules.RequestFacts(
        method=request.method or "",
        is_htmx=bool(getattr(request, "htmx", False)),
        asks_fresh="no-cache" in request.headers.get("Cache-Control", ""),
        has_messages=len(messages.get_messages(request)) > 0,
        csrf_secret=str(request.META.get("CSRF_COOKIE") or ""),
        session_key=str(getattr(session, "session_key", "") or ""),
    )
    if not rules.request_may_use_cache(facts):
        return None
    revision = revision_value(access.project)
    if revision is None:
        return None
    return rules.page_key(rules.PageIdentity(
        path=request.get_full_path(), user_id=int(access.membership.user_id),
        role=str(access.membership.role), granted=access.granted,
        language=get_language() or "", csrf_secret=facts.csrf_secret,
        session_key=facts.session_key, revision=revision, moment=clock.now()))


def _response_facts(request: HttpRequest, response: HttpResponseBase) -> rules.ResponseFacts:
    session = getattr(request, "session", None)
    return rules.ResponseFacts(
        status=response.status_code,
        is_plain=type(response) is HttpResponse,
        content_type=str(response.get("Content-Type", "")),
        sets_cookies=bool(response.cookies),
        session_modified=bool(getattr(session, "modified", False)),
        added_messages=len(messages.get_messages(request)) > 0,
        has_htmx_headers=any(name.lower().startswith("hx-") for name, _ in response.items()),
        is_attachment=response.has_header("Content-Disposition"),
        no_store="no-store" in str(response.get("Cache-Control", "")),
    )
