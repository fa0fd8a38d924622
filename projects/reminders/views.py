"""The person's reminder preferences, and the « ne plus recevoir » link of the e-mails."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest, public_view, user_view
from msp_si.common.ratelimit import link_rate_limited

from . import services
from .forms import ReminderPreferencesForm


@user_view
@require_http_methods(["GET", "POST"])
def reminder_preferences(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Each kind of reminder, checked when the person receives it; saving keeps the checked."""
    choices = services.reminder_kinds_for(request.user)
    initial = {"kinds": [kind.code for kind, is_on in choices if is_on]}
    form = ReminderPreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.reminder_preferences_set(user=request.user,
                                          enabled=form.cleaned_data["kinds"])
        messages.success(request, _("Vos choix de rappels sont enregistrés."))
        return redirect("projects:reminder-preferences")
    return render(request, "projects/reminders/preferences.html",
                  {"form": form, "choices": choices},
                  status=400 if form.errors else 200)


# Mail clients send the one-click « se désabonner » (RFC 8058) as a POST without any
# CSRF token: the signed token in the URL is the only secret, and all it can do is stop
# reminders of one kind for one person.
@public_view
@csrf_exempt
@require_http_methods(["GET", "POST"])
@link_rate_limited("reminder-stop-link")
def reminder_stop(request: HttpRequest, token: str) -> HttpResponse:
    """GET: what the link stops, with one button; POST: stop it (no account needed)."""
    try:
        if request.method == "POST":
            user, kind = services.reminder_stop(token=token)
            return render(request, "projects/reminders/stop.html",
                          {"kind": kind, "person": user, "is_done": True})
        user, kind = services.reminder_stop_request(token=token)
    except DomainError as error:
        return render(request, "projects/reminders/stop.html", {"refusal": error.message},
                      status=400)
    return render(request, "projects/reminders/stop.html",
                  {"kind": kind, "person": user, "is_done": False})


urlpatterns = [
    path("compte/rappels/", reminder_preferences, name="reminder-preferences"),
    path("rappels/arret/<str:token>/", reminder_stop, name="reminder-stop"),
]
