from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    name = "requirements"
    verbose_name = "Besoins"

    def ready(self) -> None:
        from projects.history import history_track

        from .documents import register_builders
        from .history import TRACKED

        history_track(*TRACKED)
        register_builders()
