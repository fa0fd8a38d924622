"""Views shared by the whole application."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from msp_si.common.guards import public_view
from msp_si.common.health import health_report


@public_view
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """Health report of database, Redis and worker: 200 when all configured are ok, else 503."""
    report = health_report()
    return JsonResponse(
        report.as_dict(),
        status=200 if report.is_healthy else 503,
        json_dumps_params={"ensure_ascii": False},
    )
