"""When a project page may be served from the page cache, and when it may be kept there.

Pure: the view layer (``projects.pagecache.pages``) reads the request and the response
and asks these questions with plain values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

# A page is kept two minutes at most; its key also names the minute it was rendered in,
# so that any text computed from the clock (« en retard », an SLA's remaining time) is at
# most a minute old, whatever happens to the revision.
TIMEOUT_SECONDS = 120


@dataclass(frozen=True)
class RequestFacts:
    """What the guard knows of a request before the view runs."""

    method: str
    is_htmx: bool
    asks_fresh: bool  # « Cache-Control: no-cache »: a forced reload
    has_messages: bool  # a message waiting to be shown once
    csrf_secret: str  # "" before the browser holds a CSRF cookie
    session_key: str


@dataclass(frozen=True)
class ResponseFacts:
    """What the guard knows of the view's answer."""

    status: int
    is_plain: bool  # an in-memory HttpResponse (not streamed, not a file)
    content_type: str
    sets_cookies: bool
    session_modified: bool
    added_messages: bool
    has_htmx_headers: bool
    is_attachment: bool
    no_store: bool


def request_may_use_cache(facts: RequestFacts) -> bool:
    """A full-page GET of a settled session, with nothing to show only once."""
    return (facts.method == "GET" and not facts.is_htmx and not facts.asks_fresh
            and not facts.has_messages and bool(facts.csrf_secret)
            and bool(facts.session_key))


def response_may_be_kept(facts: ResponseFacts) -> bool:
    """A whole HTML page whose rendering changed nothing but the page itself."""
    return (facts.status == 200 and facts.is_plain
            and facts.content_type.startswith("text/html")
            and not facts.sets_cookies and not facts.session_modified
            and not facts.added_messages and not facts.has_htmx_headers
            and not facts.is_attachment and not facts.no_store)


@dataclass(frozen=True)
class PageIdentity:
    """Everything a rendered page depends on besides the project's rows."""

    path: str  # with its query string
    user_id: int
    role: str
    granted: frozenset[str]
    language: str
    csrf_secret: str
    session_key: str
    revision: int
    moment: datetime


def page_key(identity: PageIdentity) -> str:
    """The cache key of a page: a digest of its identity, the clock to the minute."""
    minute = identity.moment.replace(second=0, microsecond=0).isoformat()
    parts = (identity.path, str(identity.user_id), identity.role,
             ",".join(sorted(identity.granted)), identity.language,
             identity.csrf_secret, identity.session_key, str(identity.revision), minute)
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()
    return f"page:{digest}"
