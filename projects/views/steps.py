"""Views: steps — scaffolding, replaced by the real views of this area."""

from django.http import Http404
from django.urls import path

from ..access import public_view


@public_view
def not_built_yet(request, **kwargs):
    raise Http404


urlpatterns = [
    path("projets/<int:project_pk>/etapes/<int:number>/", not_built_yet, name="step-detail"),
    path("projets/<int:project_pk>/contribution/", not_built_yet, name="contribution"),
]
