"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from .anomalies.views import urlpatterns as anomaly_urlpatterns
from .contract.portal import urlpatterns as portal_urlpatterns
from .contract.views import urlpatterns as contract_urlpatterns

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += contract_urlpatterns
urlpatterns += anomaly_urlpatterns
urlpatterns += portal_urlpatterns
