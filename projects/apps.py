from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.module_loading import autodiscover_modules


def _after_migrate(**_kwargs: Any) -> None:
    """After ``migrate``: the plug-ins' permission rows exist, and existing members hold
    what the policy now grants them (a new phase reaches people who already have a role)."""
    from .core.services import permissions_create, permissions_resync

    permissions_create()
    permissions_resync()


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = "Projets"

    def ready(self) -> None:
        """Load every installed app's ``plugin`` module, then what they declare."""
        from .documents.builders import builders_load
        from .history import history_track
        from .pagecache.revision import revision_track
        from .plugins import tracked_models

        autodiscover_modules("plugin")
        builders_load()
        history_track(*tracked_models())
        revision_track()
        # Connected for this app only, so it runs once per migrate, after the
        # permission rows of every app exist.
        post_migrate.connect(_after_migrate, sender=self)
        # Registers the Celery tasks in every process, web included: the documents service
        # enqueues the render task by its registered name.
        from . import tasks  # noqa: F401
