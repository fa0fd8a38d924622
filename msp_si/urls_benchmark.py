"""URLs of the load benchmark only (``msp_si.settings.benchmark``): every production URL,
plus a bare view that does nothing after the middleware and the session."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

from msp_si.common.guards import user_view
from msp_si.urls import urlpatterns as production_urlpatterns

BARE_VIEW_PATH = "banc-d-essai/vue-nue/"


@user_view
def bare_view(request: HttpRequest) -> HttpResponse:
    """The floor every page is compared with: same middleware, session and signed-in user."""
    return HttpResponse(f"ok {request.user.pk}", content_type="text/plain")


urlpatterns = [
    path(BARE_VIEW_PATH, bare_view, name="benchmark-bare"),
    *production_urlpatterns,
]
