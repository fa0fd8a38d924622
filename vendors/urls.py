"""URLs of the vendors app (market study, consultation, offers, choice)."""

app_name = "vendors"

urlpatterns: list = []
