"""URLs of the requirements app (phase 2: existing state, needs grid, services expected).

Each view module contributes its own ``urlpatterns``.
"""

from .views import existing, expected_services, technical

app_name = "requirements"

urlpatterns = [
    *existing.urlpatterns,
    *technical.urlpatterns,
    *expected_services.urlpatterns,
]
