"""Views: the technical preferences of step 6 (hosting, purchase model), readable by all."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from requirements.permissions import CONSOLIDATE_NEEDS

from ..expected.rules import HOSTING_OPTIONS, RECOMMENDATION
from .forms import TechnicalPreferenceForm
from .selectors import technical_preference
from .services import technical_preference_save


@project_view(VIEW_PROJECT, post=CONSOLIDATE_NEEDS)
def technical(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 6 §2: the method's hosting comparison and the project's choices."""
    can_edit = access.has(CONSOLIDATE_NEEDS)
    preference = technical_preference(project=access.project)
    form = TechnicalPreferenceForm(request.POST or None, instance=preference,
                                   read_only=not can_edit)
    if request.method == "POST":
        if form.is_valid():
            try:
                technical_preference_save(project=access.project, **form.cleaned_data)
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Les préférences techniques sont enregistrées."))
                return redirect("requirements:technical", project_pk=access.project.pk)
        messages.error(request, _("Les préférences n'ont pas été enregistrées : corrigez les "
                                  "erreurs signalées."))
    return render(request, "requirements/technical/technical.html", {
        "form": form, "options": HOSTING_OPTIONS, "recommendation": RECOMMENDATION,
        "can_edit": can_edit,
    })


urlpatterns = [
    path("projets/<int:project_pk>/etapes/6/preferences-techniques/", technical,
         name="technical"),
]
