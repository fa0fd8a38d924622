from django.apps import AppConfig


class RequirementsConfig(AppConfig):
    """The needs app; what it brings to the method is declared in ``requirements/plugin.py``."""

    name = "requirements"
    verbose_name = "Besoins"
