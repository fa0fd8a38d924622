"""URLs of phase 4: the patterns of each capability's views."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver

app_name = "acceptance"
urlpatterns: list[URLPattern | URLResolver] = []
