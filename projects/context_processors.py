"""Template context shared by every page of a project."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def project_access(request: HttpRequest) -> dict[str, Any]:
    """``access`` (project, membership, abilities) when the page belongs to a project."""
    access = getattr(request, "project_access", None)
    return {"access": access, "can": access.abilities if access else {}}
