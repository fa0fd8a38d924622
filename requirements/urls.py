"""URLs of the requirements app (phase 2: existing state, needs grid, services expected).

Each view module contributes its own ``urlpatterns``.
"""

from .existing import views as existing
from .expected import views as expected_services
from .needs import consolidation_views as consolidation
from .needs import views as grid
from .technical import views as technical

app_name = "requirements"

urlpatterns = [
    *existing.urlpatterns,
    *technical.urlpatterns,
    *expected_services.urlpatterns,
    *grid.urlpatterns,
    *consolidation.urlpatterns,
]
