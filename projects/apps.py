from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _resync_permissions(**_kwargs: Any) -> None:
    """After ``migrate``, give existing members the permissions the policy now grants."""
    from .services.projects import permissions_resync

    permissions_resync()


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projets"

    def ready(self) -> None:
        # Connected for this app only, so it runs once per migrate, after the
        # permission rows of every app exist.
        post_migrate.connect(_resync_permissions, sender=self)
