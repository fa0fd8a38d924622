"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .audition_views import urlpatterns as audition_urlpatterns
from .choice_views import urlpatterns as choice_urlpatterns
from .compare_views import urlpatterns as compare_urlpatterns
from .consultation_views import urlpatterns as consultation_urlpatterns
from .scoring_views import urlpatterns as scoring_urlpatterns
from .views import urlpatterns as market_urlpatterns
from .vote_views import urlpatterns as vote_urlpatterns

app_name = "vendors"
urlpatterns = [*market_urlpatterns, *consultation_urlpatterns, *vote_urlpatterns,
               *scoring_urlpatterns, *audition_urlpatterns, *compare_urlpatterns,
               *choice_urlpatterns]

__all__ = ["app_name", "urlpatterns"]
