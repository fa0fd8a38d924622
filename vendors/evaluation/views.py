"""Views of step 11 « analyse et classement »: criteria, an evaluator's marks, the analysis."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.backends.utils import csrf_input
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from vendors.permissions import CONFIGURE_CRITERIA, EVALUATE_OFFERS, RECORD_DECISION

from ..market.models import VendorAssessment
from . import selectors, services
from .eliminatory import Check
from .forms import CriteriaForm, DecisionForm, EliminatoryAddForm, MarksForm
from .models import EliminatoryCriterion
from .rows import checks_html, cost_html
from .scoring import DIVERGENCE_SPREAD, MARK_MAX, SENSITIVITY_DELTA


@project_view(VIEW_PROJECT, post=CONFIGURE_CRITERIA)
def criteria(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """The project's eliminatory and secondary criteria and cost assumptions."""
    config = selectors.criteria_config(project=access.project)
    can_edit = access.has(CONFIGURE_CRITERIA)
    form = CriteriaForm(request.POST or None, settings=config.settings,
                        eliminatory=config.eliminatory, secondary=config.secondary)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.criteria_update(project=access.project,
                                         settings_values=form.settings_values(),
                                         enabled=form.enabled(), weights=form.weights())
            except DomainError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Les critères de choix sont enregistrés."))
                return redirect("vendors:criteria", project_pk=access.project.pk)
        messages.error(request, _("Les critères n'ont pas été enregistrés : corrigez les "
                                  "erreurs signalées."))
    return render(request, "vendors/scoring/criteria.html", {
        "config": config, "form": form, "can_edit": can_edit,
        "add_form": EliminatoryAddForm() if can_edit else None,
    })


@project_view(CONFIGURE_CRITERIA)
@require_POST
def eliminatory_add(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Add an eliminatory criterion of the project's own."""
    form = EliminatoryAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Décrivez le critère éliminatoire (200 caractères au plus)."))
    else:
        try:
            criterion = services.eliminatory_add(project=access.project,
                                                 label=form.cleaned_data["label"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Critère « %s » ajouté.") % criterion.label)
    return redirect("vendors:criteria", project_pk=access.project.pk)


@project_view(EVALUATE_OFFERS)
def my_marks(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """An evaluator marks each offer alone; the others' marks appear once theirs are in."""
    evaluation = selectors.my_evaluation(project=access.project, evaluator=request.user)
    form = None
    if evaluation.submitted_at is None:
        form = MarksForm(request.POST or None, offers=evaluation.offers,
                         criteria=evaluation.criteria, mine=evaluation.mine)
    if request.method == "POST":
        if form is None:
            messages.error(request, _("Vos notes sont déjà soumises : elles ne peuvent plus "
                                      "changer."))
            return redirect("vendors:marks", project_pk=access.project.pk)
        if form.is_valid():
            try:
                services.marks_save(project=access.project, evaluator=request.user,
                                    marks=form.marks())
                if "submit" in request.POST:
                    services.marks_submit(project=access.project, evaluator=request.user)
            except DomainError as error:
                # marks_submit refusing keeps the draft saved just before: nothing is lost.
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Vos notes sont soumises : voici celles des "
                                            "autres évaluateurs.") if "submit" in request.POST
                                 else _("Vos notes sont enregistrées (brouillon)."))
                return redirect("vendors:marks", project_pk=access.project.pk)
        messages.error(request, _("Vos notes n'ont pas été soumises : corrigez les erreurs "
                                  "signalées.") if "submit" in request.POST else
                       _("Vos notes n'ont pas été enregistrées : corrigez les erreurs "
                         "signalées."))
    return render(request, "vendors/scoring/marks.html", {
        "evaluation": evaluation, "form": form, "mark_max": MARK_MAX,
        "divergence_spread": DIVERGENCE_SPREAD,
    })


@project_view(VIEW_PROJECT)
def analysis(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Eliminatory checks, explained scores, total cost, ranking and sensitivity."""
    # An evaluator who has not submitted must not see the others' marks, even consolidated.
    is_pending_evaluator = access.has(EVALUATE_OFFERS) and not selectors.has_submitted(
        project=access.project, evaluator=request.user)
    result = selectors.analysis(project=access.project, marks_visible=not is_pending_evaluator)
    can_decide = access.has(RECORD_DECISION)
    csrf = csrf_input(request)
    for offer in result.offers:
        offer.checks_html = checks_html(offer, project_pk=access.project.pk,
                                        can_decide=can_decide, csrf=csrf)
        offer.cost_html = cost_html(offer.cost) if offer.cost is not None else ""
    return render(request, "vendors/scoring/analysis.html", {
        "analysis": result, "is_pending_evaluator": is_pending_evaluator,
        "can_decide": can_decide, "decision_form": DecisionForm() if can_decide else None,
        "can_configure": access.has(CONFIGURE_CRITERIA),
        "can_evaluate": access.has(EVALUATE_OFFERS),
        "Check": {c.name: c.value for c in Check},
        "sensitivity_percent": int(SENSITIVITY_DELTA * 100),
    })


@project_view(RECORD_DECISION)
@require_POST
def eliminatory_decide(request: AuthenticatedHttpRequest, access: ProjectAccess, assessment_pk: int,
                       criterion_pk: int) -> HttpResponse:
    """Record the chef de projet's decision where the data cannot settle a criterion."""
    assessment = get_object_or_404(VendorAssessment.objects.select_related("vendor"),
                                   pk=assessment_pk, project=access.project)
    criterion = get_object_or_404(EliminatoryCriterion, pk=criterion_pk,
                                  project=access.project)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Décision non enregistrée : choisissez une décision et "
                                  "motivez-la."))
    else:
        action_run(
            request,
            lambda: services.eliminatory_decide(
                project=access.project, assessment=assessment, criterion=criterion,
                is_met=form.cleaned_data["is_met"], reason=form.cleaned_data["reason"],
                by=request.user,
            ),
            _("Décision enregistrée pour « %(vendor)s » : "
              "%(criterion)s.") % {"vendor": assessment.vendor,
                                   "criterion": criterion.label},
        )
    return redirect("vendors:analysis", project_pk=access.project.pk)


_STEP = "projets/<int:project_pk>/etapes/11"
urlpatterns = [
    path(f"{_STEP}/analyse/", analysis, name="analysis"),
    path(f"{_STEP}/criteres/", criteria, name="criteria"),
    path(f"{_STEP}/criteres/eliminatoires/ajouter/", eliminatory_add,
         name="criteria-eliminatory-add"),
    path(f"{_STEP}/mes-notes/", my_marks, name="marks"),
    path(f"{_STEP}/analyse/offres/<int:assessment_pk>/criteres/<int:criterion_pk>/decision/",
         eliminatory_decide, name="eliminatory-decide"),
]
