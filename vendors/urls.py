"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .scoring_views import urlpatterns as scoring_urlpatterns
from .views import urlpatterns
from .vote_views import urlpatterns as vote_urlpatterns

app_name = "vendors"
urlpatterns = [*urlpatterns, *vote_urlpatterns, *scoring_urlpatterns]

__all__ = ["app_name", "urlpatterns"]
