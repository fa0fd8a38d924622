"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .consultation_views import urlpatterns as consultation_urlpatterns
from .views import urlpatterns

urlpatterns = [*urlpatterns, *consultation_urlpatterns]

app_name = "vendors"

__all__ = ["app_name", "urlpatterns"]
