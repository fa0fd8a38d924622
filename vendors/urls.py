"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .views import urlpatterns

app_name = "vendors"

__all__ = ["app_name", "urlpatterns"]
