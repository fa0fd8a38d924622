"""Views of step 17 « réaliser un bilan du projet ».

Every member reads the bilan; the chef de projet and the AMOA prepare it (PREPARE_BILAN:
costs, opening the survey, paper answers, conclusions); members and référents answer the
survey once, anonymously (ANSWER_SURVEY).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import GENERATE_DOCUMENT, VIEW_PROJECT

from ..choices import AcceptanceDocument
from ..permissions import ANSWER_SURVEY, PREPARE_BILAN
from . import selectors, services
from .charts import survey_chart
from .forms import AnswerForm, BilanForm, CostForm
from .models import Survey
from .report import bilan_report_data


def _url(access: ProjectAccess, anchor: str) -> str:
    return reverse("acceptance:bilan", kwargs={"project_pk": access.project.pk}) + f"#{anchor}"


def _bilan_form(data: selectors.BilanData, post: Any = None) -> BilanForm:
    bilan = data.bilan
    initial = {"synthesis": bilan.synthesis if bilan else "",
               "recommendations": bilan.recommendations if bilan else "",
               **{f"axis-{p.axis}": p.reached for p in data.paliers}}
    return BilanForm(post, initial=initial, axes=[(p.axis, p.label) for p in data.paliers])


def _page(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
          **forms: Any) -> HttpResponse:
    report = bilan_report_data(access.project)
    data, survey = report.data, report.data.survey
    return render(request, "acceptance/bilan/bilan.html", {
        "data": data, "costs": report.costs, "overall": report.overall,
        "groups": report.groups,
        "survey_chart": survey_chart(report.overall) if data.results.respondents else None,
        "cost_form": forms.get("cost_form") or CostForm(),
        "paper_form": forms.get("paper_form") or AnswerForm(),
        "bilan_form": forms.get("bilan_form") or _bilan_form(data),
        "can_prepare": access.has(PREPARE_BILAN),
        # People without an account answer through a personal link (chef and AMOA only).
        "links": selectors.survey_links(project=access.project, survey=survey)
        if access.has(PREPARE_BILAN) else [],
        "can_answer": access.has(ANSWER_SURVEY) and survey is not None
        and not selectors.has_answered(survey=survey, user_id=access.membership.user_id),
        "can_generate": access.has(GENERATE_DOCUMENT),
        "report_kind": AcceptanceDocument.BILAN_REPORT,
    }, status=status)


@project_view(VIEW_PROJECT)
def bilan(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 17: costs against the estimate, the survey, paliers, conclusions."""
    return _page(request, access)


@project_view(PREPARE_BILAN)
@require_POST
def cost_add(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Record a real cost."""
    form = CostForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Le coût n'a pas été enregistré : corrigez les erreurs "
                                  "signalées."))
        return _page(request, access, status=400, cost_form=form)
    action_run(request, lambda: services.cost_add(project=access.project, by=request.user,
                                                  **form.cleaned_data),
               _("Coût enregistré."))
    return redirect(_url(access, "couts"))


@project_view(PREPARE_BILAN)
@require_POST
def survey_open(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Open the survey to every member."""
    action_run(request, lambda: services.survey_open(project=access.project, by=request.user),
               _("Enquête ouverte : chaque membre peut y répondre depuis cette page."))
    return redirect(_url(access, "enquete"))


def _survey(access: ProjectAccess) -> Survey | None:
    return Survey.objects.filter(project=access.project).first()


@project_view(ANSWER_SURVEY)
def survey_answer(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """Answer the survey, once and anonymously."""
    survey = _survey(access)
    form = AnswerForm(request.POST or None)
    if request.method == "POST":
        if survey is None:
            messages.error(request, _("L'enquête n'est pas ouverte."))
        elif form.is_valid():
            ok = action_run(request, lambda: services.survey_answer(
                survey=survey, user=request.user,
                profession=access.membership.profession, marks=form.marks(),
                comment=form.cleaned_data["comment"]),
                _("Merci : votre réponse est enregistrée, sans votre nom."))
            if ok:
                return redirect(_url(access, "enquete"))
        else:
            messages.error(request, _("Réponse non enregistrée : corrigez les erreurs."))
    answered = survey is not None and selectors.has_answered(
        survey=survey, user_id=access.membership.user_id)
    return render(request, "acceptance/bilan/survey_answer.html", {
        "survey": survey, "form": form, "answered": answered,
    }, status=400 if request.method == "POST" else 200)


@project_view(PREPARE_BILAN)
@require_POST
def survey_paper(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Type in an answer given on paper."""
    survey = _survey(access)
    form = AnswerForm(request.POST)
    if survey is None:
        messages.error(request, _("L'enquête n'est pas ouverte."))
        return redirect(_url(access, "enquete"))
    if not form.is_valid():
        messages.error(request, _("Réponse non enregistrée : corrigez les erreurs."))
        return _page(request, access, status=400, paper_form=form)
    action_run(request, lambda: services.survey_paper_answer(
        survey=survey, profession=form.cleaned_data["profession"], marks=form.marks(),
        comment=form.cleaned_data["comment"]), _("Réponse papier saisie."))
    return redirect(_url(access, "enquete"))


@project_view(PREPARE_BILAN)
@require_POST
def bilan_save(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Save the paliers reached and the conclusions."""
    form = _bilan_form(selectors.bilan_data(access.project), request.POST)
    if not form.is_valid():
        messages.error(request, _("Bilan non enregistré : corrigez les erreurs."))
        return _page(request, access, status=400, bilan_form=form)
    try:
        services.bilan_save(project=access.project, paliers_reached=form.paliers(),
                            synthesis=form.cleaned_data["synthesis"],
                            recommendations=form.cleaned_data["recommendations"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Bilan enregistré."))
    return redirect(_url(access, "conclusions"))


_STEP = "projets/<int:project_pk>/etapes/17"
urlpatterns = [
    path(f"{_STEP}/bilan/", bilan, name="bilan"),
    path(f"{_STEP}/bilan/couts/", cost_add, name="bilan-cost-add"),
    path(f"{_STEP}/bilan/enquete/ouverture/", survey_open, name="survey-open"),
    path(f"{_STEP}/bilan/enquete/", survey_answer, name="survey-answer"),
    path(f"{_STEP}/bilan/enquete/papier/", survey_paper, name="survey-paper"),
    path(f"{_STEP}/bilan/conclusions/", bilan_save, name="bilan-save"),
]
