"""The guard every view goes through: who may open which page of which project.

A person who is not a member of the project gets 404 (the project's existence is not
disclosed); a member whose role lacks the permission gets 403. Each guarded view is
tagged with ``guard`` so a test can walk the URL resolver and find unguarded ones. The
guards that need no project (``user_view``, ``public_view``) live in ``msp_si.common``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

import structlog
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.http.response import HttpResponseBase
from guardian.core import ObjectPermissionChecker

from msp_si.common.guards import View
from msp_si.common.guards import public_view as public_view
from msp_si.common.guards import user_view as user_view

from .choices import Role
from .models import Membership, Project
from .pagecache.pages import page_serve
from .policy import abilities


@dataclass(frozen=True)
class ProjectAccess:
    """The requesting member, their project and what they may do on it."""

    project: Project
    membership: Membership
    granted: frozenset[str]

    @property
    def abilities(self) -> dict[str, bool]:
        return abilities(self.granted)

    @property
    def is_lead(self) -> bool:
        return self.membership.role == Role.PROJECT_LEAD

    def has(self, permission: str) -> bool:
        return permission in self.granted


def project_access(request: HttpRequest, project_pk: int) -> ProjectAccess:
    """Load the member's project (with its data revision) and permissions in two
    queries, or raise 404."""
    if not request.user.is_authenticated:
        raise Http404
    membership = (
        Membership.objects.select_related("project", "user", "project__data_revision")
        .filter(project_id=project_pk, user=request.user)
        .first()
    )
    if membership is None:
        raise Http404
    checker = ObjectPermissionChecker(request.user)
    granted = frozenset(checker.get_perms(membership.project))
    return ProjectAccess(project=membership.project, membership=membership, granted=granted)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def project_view(permission: str, *, post: str | None = None) -> Callable[[View], View]:
    """Guard a view of ``/projets/<project_pk>/…`` with one project permission.

    ``post`` names a second permission required for unsafe methods, for pages every
    member reads but only some may submit. The view receives ``(request, access,
    **kwargs)``; ``request.project_access`` is also set for the templates.
    """

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, project_pk: int, **kwargs: Any) -> HttpResponseBase:
            # Every log line of the request names the project (django-structlog).
            structlog.contextvars.bind_contextvars(project_id=project_pk)
            access = project_access(request, project_pk)
            needed = permission if request.method in SAFE_METHODS or post is None else post
            if permission not in access.granted or needed not in access.granted:
                raise PermissionDenied
            # An attribute of our own on Django's request, read by the templates.
            request.project_access = access  # type: ignore[attr-defined]
            return page_serve(request, access, lambda: view(request, access, **kwargs))

        # A tag on the function object, read by the test that walks the URL resolver.
        wrapped.guard = ("project", permission, post)  # type: ignore[attr-defined]
        return wrapped

    return decorator

