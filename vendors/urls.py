"""URLs of the vendors app (market study, consultation, offers, choice)."""

from .auditions.views import urlpatterns as audition_urlpatterns
from .comparison.views import urlpatterns as compare_urlpatterns
from .consultation.views import urlpatterns as consultation_urlpatterns
from .decision.views import urlpatterns as choice_urlpatterns
from .evaluation.views import urlpatterns as scoring_urlpatterns
from .market.views import urlpatterns as market_urlpatterns
from .votes.views import urlpatterns as vote_urlpatterns

app_name = "vendors"
urlpatterns = [*market_urlpatterns, *consultation_urlpatterns, *vote_urlpatterns,
               *scoring_urlpatterns, *audition_urlpatterns, *compare_urlpatterns,
               *choice_urlpatterns]

__all__ = ["app_name", "urlpatterns"]
