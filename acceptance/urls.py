"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from .anomalies.views import urlpatterns as anomaly_urls
from .bilan.links import urlpatterns as survey_link_urls
from .bilan.views import urlpatterns as bilan_urls
from .contract.portal import urlpatterns as portal_urls
from .contract.views import urlpatterns as contract_urls
from .maintenance.views import urlpatterns as maintenance_urls
from .migration.views import urlpatterns as migration_urls
from .obligations.views import urlpatterns as obligation_urls
from .orders.views import urlpatterns as order_urls
from .recette.views import urlpatterns as recette_urls
from .settings.views import urlpatterns as settings_urls
from .training.views import urlpatterns as training_urls

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = [
    *obligation_urls, *contract_urls, *settings_urls, *migration_urls, *recette_urls,
    *anomaly_urls, *portal_urls, *training_urls, *maintenance_urls, *bilan_urls,
    *survey_link_urls, *order_urls,
]
