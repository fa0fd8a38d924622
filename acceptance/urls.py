"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from .bilan.views import urlpatterns as bilan_urls
from .maintenance.views import urlpatterns as maintenance_urls
from .orders.views import urlpatterns as order_urls
from .training.views import urlpatterns as training_urls

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += order_urls
urlpatterns += training_urls
urlpatterns += maintenance_urls
urlpatterns += bilan_urls
