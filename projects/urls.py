"""URLs of the projects app: each view module contributes its own ``urlpatterns``."""

from .views import documents, framing, history, home, planning, steps, team

app_name = "projects"

urlpatterns = [
    *home.urlpatterns,
    *team.urlpatterns,
    *steps.urlpatterns,
    *framing.urlpatterns,
    *planning.urlpatterns,
    *history.urlpatterns,
    *documents.urlpatterns,
]
