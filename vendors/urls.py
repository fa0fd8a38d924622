"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .scoring_views import urlpatterns as scoring_urlpatterns
from .views import urlpatterns

app_name = "vendors"
urlpatterns = urlpatterns + scoring_urlpatterns  # step 11

__all__ = ["app_name", "urlpatterns"]
