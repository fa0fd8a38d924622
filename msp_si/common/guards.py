"""Guards that do not depend on a project: pages for any signed-in user, and public pages.

Each guarded view is tagged with ``guard`` so a test can walk the URL resolver and find
unguarded ones; the project guard (``projects.access.project_view``) tags its views the
same way. They live here so that the platform's own URLs need no domain app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django_htmx.middleware import HtmxDetails

if TYPE_CHECKING:
    from msp_si.accounts.models import User

View = Callable[..., HttpResponseBase]


class AuthenticatedHttpRequest(HttpRequest):
    """The request a guarded view receives: its user is signed in (never anonymous)."""

    user: User
    htmx: HtmxDetails  # set on every request by django-htmx's middleware


def user_view(view: View) -> View:
    """A page for any signed-in user, not tied to one project (e.g. their project list)."""
    # A tag on the function object, read by the test that walks the URL resolver.
    view.guard = ("user", None)  # type: ignore[attr-defined]
    return view


def public_view(view: View) -> View:
    """A page open without an account (sign-in, invitation link, health check)."""
    wrapped = login_not_required(view)
    wrapped.guard = ("public", None)  # type: ignore[attr-defined]  # as in user_view
    return wrapped
