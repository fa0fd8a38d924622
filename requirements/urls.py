"""URLs of the requirements app (phase 2: existing state, needs grid, services expected)."""

from .views import consolidation, grid

app_name = "requirements"

urlpatterns: list = [
    *grid.urlpatterns,
    *consolidation.urlpatterns,
]
