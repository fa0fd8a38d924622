from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Prestataires"

    def ready(self) -> None:
        from projects.history import history_track

        from .consultation_documents import consultation_documents_register
        from .history import TRACKED

        history_track(*TRACKED)
        consultation_documents_register()
