from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Prestataires"

    def ready(self) -> None:
        from projects.history import history_track

        from .history import TRACKED

        history_track(*TRACKED)

        from .vote_documents import register_vote_documents
        from .vote_history import register_vote_history

        register_vote_documents()
        register_vote_history()
