"""Views: a step's page (status, planning, history, validations), its moves and validation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest

from .. import workflow
from ..access import ProjectAccess, project_view
from ..choices import StepStatus
from ..core import services
from ..method import PHASES, STEPS
from ..models import Step
from ..plugins import step_pages, step_panels, working_page
from ..policy import MOVE_STEP, REOPEN_STEP, VALIDATE_DELIVERABLE, VIEW_PROJECT
from .forms import StepPlanningForm, StepValidationForm, TransitionForm
from .services import step_update, step_validation_record

S = StepStatus

# Button wording of each manual move: a verb says more than a target status.
MOVE_LABELS: dict[tuple[str, str], Any] = {
    (S.TODO, S.IN_PROGRESS): gettext_lazy("Démarrer l'étape"),
    (S.IN_PROGRESS, S.TODO): gettext_lazy("Remettre « à faire »"),
    (S.IN_PROGRESS, S.DONE): gettext_lazy("Marquer terminée"),
    (S.DONE, S.IN_PROGRESS): gettext_lazy("Reprendre l'étape"),
    (S.VALIDATED, S.IN_PROGRESS): gettext_lazy("Rouvrir l'étape validée"),
}


def _get_step(access: ProjectAccess, number: int) -> Step:
    """The step of the requesting member's project, or 404."""
    return get_object_or_404(
        Step.objects.select_related("owner"), number=number, project=access.project
    )


def _status_context(access: ProjectAccess, step: Step) -> dict[str, Any]:
    """What the status block needs: the moves this member may make from here."""
    targets = (workflow.manual_targets(step.status, can_reopen=access.has(REOPEN_STEP))
               if access.has(MOVE_STEP) else [])
    # The forward move comes first and is the primary button; a move back is secondary.
    order = list(S.values)
    targets = sorted(targets, key=lambda t: order.index(t) < order.index(step.status))
    return {
        "step": step,
        "moves": [(t, MOVE_LABELS.get((step.status, t), S(t).label),
                   order.index(t) > order.index(step.status)) for t in targets],
        "transition_form": TransitionForm(),
        # Shown as soon as the step is done, also after an htmx move (swapped out of band).
        "can_record_validation": access.has(VALIDATE_DELIVERABLE) and step.status == S.DONE,
    }


def _history(step: Step) -> list[Any]:
    """Every status change of the step, newest first, with who made it."""
    return list(step.transitions.select_related("by").order_by("-at", "-id"))


def _render_step(
    request: HttpRequest, access: ProjectAccess, step: Step,
    planning_form: StepPlanningForm | None = None,
) -> HttpResponse:
    """The full step page; ``planning_form`` carries errors after a refused edit."""
    validations = list(step.validations.select_related("recorded_by", "document"))
    if planning_form is None and access.has(MOVE_STEP):
        planning_form = StepPlanningForm(instance=step, project=access.project)
    number = step.number
    context = {
        **_status_context(access, step),
        "definition": step.definition,
        "phase": PHASES[step.definition.phase - 1],
        "transitions": _history(step),
        "validations": validations,
        "planning_form": planning_form,
        # The pages and panels the plug-ins declare for this step (``projects.plugins``).
        "working_page": working_page(number),
        "step_links": [page for page in step_pages(number) if not page.is_working_page],
        "step_panels": [panel.template for panel in step_panels(number)],
        "previous": STEPS[number - 2] if number > 1 else None,
        "next": STEPS[number] if number < len(STEPS) else None,
    }
    return render(request, "projects/steps/step_detail.html", context)


@project_view(VIEW_PROJECT)
def step_detail(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """A step: what it is for, its status and moves, planning, history and validations."""
    return _render_step(request, access, _get_step(access, number))


@project_view(MOVE_STEP)
@require_POST
def step_transition(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    number: int) -> HttpResponse:
    """Move a step to another status; with htmx, answer with the refreshed status block."""
    step = _get_step(access, number)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Statut inconnu : l'étape n'a pas changé."))
    else:
        try:
            services.step_transition(
                step=step, to_status=form.cleaned_data["to_status"], by=request.user,
                comment=form.cleaned_data["comment"],
                can_reopen=access.has(REOPEN_STEP),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            step.refresh_from_db(fields=["status"])
            messages.success(request, _("L'étape est maintenant « %s ».")
                             % step.get_status_display())
    if request.htmx:
        context = {**_status_context(access, step), "transitions": _history(step),
                   "is_fragment": True}
        return render(request, "projects/steps/_status_response.html", context)
    return redirect("projects:step-detail", project_pk=access.project.pk, number=number)


@project_view(MOVE_STEP)
@require_POST
def step_edit(request: HttpRequest, access: ProjectAccess, number: int) -> HttpResponse:
    """Change a step's owner and planned dates."""
    step = _get_step(access, number)
    form = StepPlanningForm(request.POST, instance=step, project=access.project)
    if form.is_valid():
        try:
            step_update(step=step, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le planning de l'étape est enregistré."))
            return redirect("projects:step-detail", project_pk=access.project.pk,
                            number=number)
    # A bound ModelForm has already written the posted values on ``step``: reload it.
    return _render_step(request, access, _get_step(access, number), planning_form=form)


@project_view(VALIDATE_DELIVERABLE)
def step_validate(request: AuthenticatedHttpRequest, access: ProjectAccess,
                  number: int) -> HttpResponse:
    """Record the collegial validation of a finished step's deliverable."""
    step = _get_step(access, number)
    form = StepValidationForm(request.POST or None, step=step)
    if request.method == "POST" and form.is_valid():
        try:
            data = form.cleaned_data
            validation = step_validation_record(
                step=step, held_on=data["held_on"], decision=data["decision"],
                attendees=data["attendees"], notes=data["notes"],
                document=data.get("document"), by=request.user,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Décision enregistrée : %(d)s. L'étape est « %(s)s ».")
                             % {"d": validation.get_decision_display(),
                                "s": step.get_status_display()})
            return redirect("projects:step-detail", project_pk=access.project.pk,
                            number=number)
    return render(request, "projects/steps/step_validate.html",
                  {"step": step, "definition": step.definition, "form": form,
                   "is_done": step.status == S.DONE})


urlpatterns = [
    path("projets/<int:project_pk>/etapes/<int:number>/", step_detail, name="step-detail"),
    path("projets/<int:project_pk>/etapes/<int:number>/statut/", step_transition,
         name="step-transition"),
    path("projets/<int:project_pk>/etapes/<int:number>/planning/", step_edit,
         name="step-edit"),
    path("projets/<int:project_pk>/etapes/<int:number>/validation/", step_validate,
         name="step-validate"),
]
