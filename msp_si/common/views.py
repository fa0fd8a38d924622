"""Views shared by the whole application."""

import secrets

from django.conf import settings
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from msp_si.common.guards import public_view
from msp_si.common.health import health_report


@public_view
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Health report of database, Redis and worker: 200 when all configured are ok, else 503.

    The report names the services and their errors: only a caller that presents
    ``HEALTH_TOKEN`` (``Authorization: Bearer …``) reads it. Without a token configured,
    only a development server (``DEBUG``) shows it; ``/vivant/`` stays public.
    """
    if not _health_token_given(request):
        return JsonResponse(
            {"status": "refusé",
             "detail": "jeton requis : en-tête « Authorization: Bearer <HEALTH_TOKEN> »"},
            status=403, json_dumps_params={"ensure_ascii": False})
    report = health_report()
    return JsonResponse(
        report.as_dict(),
        status=200 if report.is_healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )


def _health_token_given(request: HttpRequest) -> bool:
    """Whether the request carries the configured health token (compared in constant time)."""
    token = settings.HEALTH_TOKEN
    if not token:
        return bool(settings.DEBUG)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    return scheme.lower() == "bearer" and secrets.compare_digest(given.strip().encode(),
                                                                 token.encode())


@public_view
@never_cache
def liveness(request: HttpRequest) -> HttpResponse:
    """Liveness for load balancers: « ok » when this process reaches its database, else « ko».

    Says nothing else: it is public, unlike the detailed report of ``/sante/``."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("ko", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")
