"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = []

from .recette.views import urlpatterns as recette_urls  # noqa: E402

urlpatterns += recette_urls
