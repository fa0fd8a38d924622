from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Prestataires"

    def ready(self) -> None:
        """Register this app's documents and its models in the project's history."""
        from projects.history import history_track

        from .audition_documents import register_audition_documents
        from .audition_history import register_audition_history
        from .choice_documents import choice_register
        from .consultation_documents import consultation_documents_register
        from .history import TRACKED
        from .scoring_history import TRACKED_SCORING
        from .vote_documents import register_vote_documents
        from .vote_history import register_vote_history

        history_track(*TRACKED, *TRACKED_SCORING)
        register_vote_history()
        register_vote_documents()
        consultation_documents_register()
        register_audition_history()
        register_audition_documents()
        choice_register()
