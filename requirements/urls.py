"""URLs of the requirements app (phase 2: existing state, needs grid, services expected)."""

app_name = "requirements"

urlpatterns: list = []
