from django.apps import AppConfig


class VendorsConfig(AppConfig):
    name = "vendors"
    verbose_name = "Prestataires"

    def ready(self) -> None:
        from projects.history import history_track

        from .history import TRACKED

        history_track(*TRACKED)
        from .scoring_history import TRACKED_SCORING
        history_track(*TRACKED_SCORING)  # step 11
