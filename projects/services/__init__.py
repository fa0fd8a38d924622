"""Writes of the projects app, one module per area; the core ones are re-exported."""

from .projects import (
    membership_revoke,
    membership_set_role,
    project_create,
    project_update,
    step_transition,
)

__all__ = [
    "membership_revoke",
    "membership_set_role",
    "project_create",
    "project_update",
    "step_transition",
]
