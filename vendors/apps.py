from django.apps import AppConfig


class VendorsConfig(AppConfig):
    """The vendors app; what it brings to the method is declared in ``vendors/plugin.py``."""

    name = "vendors"
    verbose_name = "Prestataires"
