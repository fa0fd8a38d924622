"""URLs of the requirements app (phase 2: existing state, needs grid, services expected).

Each view module contributes its own ``urlpatterns``.
"""

from .views import consolidation, existing, expected_services, grid, technical

app_name = "requirements"

urlpatterns = [
    *existing.urlpatterns,
    *technical.urlpatterns,
    *expected_services.urlpatterns,
    *grid.urlpatterns,
    *consolidation.urlpatterns,
]
