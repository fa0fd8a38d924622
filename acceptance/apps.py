from django.apps import AppConfig


class AcceptanceConfig(AppConfig):
    """Phase 4 « Mise en œuvre » (steps 12–18); what it brings to the method is declared in
    ``acceptance/plugin.py``."""

    name = "acceptance"
    verbose_name = "Mise en œuvre"
