"""Views shared by the whole application."""

from django.http import HttpRequest, JsonResponse

from projects.access import public_view


@public_view
def health(request: HttpRequest) -> JsonResponse:
    """Health report of database, Redis and worker (being written)."""
    return JsonResponse({"status": "ok"})
