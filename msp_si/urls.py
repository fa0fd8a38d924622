"""Root URLs: accounts, projects, health, admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from msp_si.common import views as common_views
from msp_si.common.guards import public_view, user_view

urlpatterns = [
    path("connexion/", public_view(auth_views.LoginView.as_view()), name="login"),
    path("deconnexion/", user_view(auth_views.LogoutView.as_view()), name="logout"),
    path("sante/", common_views.health, name="health"),
    path("vivant/", common_views.liveness, name="liveness"),
    path("admin/", admin.site.urls),
    path("", include("projects.urls")),
    path("", include("requirements.urls")),
    path("", include("vendors.urls")),
    path("", include("acceptance.urls")),
]
