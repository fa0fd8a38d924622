"""Views of the end of step 11: the dossier de choix and the record of the AG's choice."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.core.selectors import document_versions
from projects.policy import VIEW_PROJECT
from vendors.choices import VendorsDocument
from vendors.permissions import CONFIGURE_CRITERIA, RECORD_DECISION

from . import services
from .forms import SynthesisForm
from .selectors import choice_state

DOSSIER_KINDS = (VendorsDocument.DOSSIER_DE_CHOIX, VendorsDocument.DOSSIER_DE_CHOIX_GRID)


@project_view(VIEW_PROJECT, post=CONFIGURE_CRITERIA)
def choice(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The dossier de choix: synthesis, documents, the AG's vote and the choice to record."""
    project = access.project
    state = choice_state(project=project)
    initial = {"synthesis": state.record.synthesis if state.record else ""}
    form = SynthesisForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if form.is_valid():
            action_run(
                request,
                lambda: services.choice_synthesis_update(
                    project=project, by=request.user, text=form.cleaned_data["synthesis"],
                ),
                _("La synthèse du dossier de choix est "
                  "enregistrée."),
            )
            return redirect("vendors:choice", project_pk=project.pk)
        messages.error(request, _("La synthèse n'a pas été enregistrée : corrigez les "
                                  "erreurs signalées."))
    documents = list(document_versions(project=project, kinds=DOSSIER_KINDS))
    groups = [(kind, VendorsDocument(kind).label, [d for d in documents if d.kind == kind][:3])
              for kind in DOSSIER_KINDS]
    return render(request, "vendors/choice/choice.html", {
        "state": state, "form": form, "groups": groups,
        "can_write": access.has(CONFIGURE_CRITERIA) and not project.implementation_started_on,
        "can_record": access.has(RECORD_DECISION),
    }, status=400 if form.errors else 200)


@project_view(RECORD_DECISION)
@require_POST
def choice_record(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Record the offer the AG designated; the project moves to phase 4."""
    try:
        record = services.solution_choose(project=access.project, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        # solution_choose always records an offer; the column is nullable until then.
        chosen = record.assessment.vendor if record.assessment else ""
        messages.success(request, _("Solution retenue : « %s ». Le projet passe en phase 4, "
                                    "mise en œuvre.") % chosen)
    return redirect("vendors:choice", project_pk=access.project.pk)


_STEP = "projets/<int:project_pk>/etapes/11"
urlpatterns = [
    path(f"{_STEP}/dossier-de-choix/", choice, name="choice"),
    path(f"{_STEP}/dossier-de-choix/choix/", choice_record, name="choice-record"),
]
