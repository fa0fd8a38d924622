"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

from .migration.views import urlpatterns as migration_urls
from .settings.views import urlpatterns as settings_urls

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = []
urlpatterns += [*settings_urls, *migration_urls]
