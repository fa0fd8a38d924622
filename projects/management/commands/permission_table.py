"""``python manage.py permission_table``: the role × permission table, as the README shows it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from projects.choices import Role
from projects.policy import holds, permission_table


def permission_table_markdown() -> str:
    """One row per permission (core first, then each plug-in's), one column per role."""
    roles = list(Role)
    header = "| permission | code | " + " | ".join(str(role.label) for role in roles) + " |"
    rule = "|---|---|" + "---|" * len(roles)
    rows = [
        f"| {spec.label} | `{spec.codename}` | "
        + " | ".join("✓" if holds(role, spec) else "" for role in roles) + " |"
        for spec in permission_table()
    ]
    return "\n".join([header, rule, *rows])


class Command(BaseCommand):
    help = ("Affiche la table rôle × permission (permissions du cœur et de chaque "
            "application), au format Markdown du README.")

    def handle(self, *args: Any, **options: Any) -> None:
        """Print the table."""
        self.stdout.write(permission_table_markdown())
