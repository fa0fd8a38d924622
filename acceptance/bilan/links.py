"""Personal links to the satisfaction survey, for people listed without an account.

A secretary trained at step 15 answers too (seed 001, step 17: the survey goes to every
user). The chef de projet or the AMOA issues the links (shown once: only their hash is
kept) and hands them over; the person answers without signing in, once, anonymously.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from msp_si.common.ratelimit import link_rate_limited
from projects.access import ProjectAccess, project_view, public_view

from ..permissions import PREPARE_BILAN
from ..training.models import Trainee
from . import selectors, services
from .forms import AnswerForm
from .models import Survey, SurveyInvitation


class LinkIssueForm(forms.Form):
    """Which person to issue a link for; empty: everyone who has not answered."""

    trainee = forms.IntegerField(required=False, min_value=1)


def _bilan_url(access: ProjectAccess) -> str:
    return reverse("acceptance:bilan", kwargs={"project_pk": access.project.pk}) + "#liens"


@project_view(PREPARE_BILAN)
@require_POST
def survey_link_issue(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """New personal links (one person, or all who have not answered), shown once."""
    survey = Survey.objects.filter(project=access.project).first()
    form = LinkIssueForm(request.POST)
    if survey is None or not form.is_valid():
        messages.error(request, _("Ouvrez d'abord l'enquête.") if survey is None
                       else _("Personne inconnue."))
        return redirect(_bilan_url(access))
    if form.cleaned_data["trainee"]:
        trainees = [get_object_or_404(Trainee, project=access.project, user__isnull=True,
                                      pk=form.cleaned_data["trainee"])]
    else:
        trainees = [line.trainee for line in selectors.survey_links(
            project=access.project, survey=survey) if line.can_issue]
    issued = []
    for trainee in trainees:
        try:
            token = services.survey_link_issue(survey=survey, trainee=trainee,
                                               by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            continue
        issued.append((trainee, request.build_absolute_uri(
            reverse("acceptance:survey-link", kwargs={"token": token}))))
    if not issued:
        if not trainees:
            messages.error(request, _("Personne n'attend de lien : toutes les personnes "
                                      "sans compte ont répondu, ou aucune n'est inscrite "
                                      "à l'étape 15."))
        return redirect(_bilan_url(access))
    response = render(request, "acceptance/bilan/links_issued.html", {
        "issued": issued, "valid_days": services.rules.LINK_VALID_DAYS})
    response["Cache-Control"] = "no-store"
    return response


@project_view(PREPARE_BILAN)
@require_POST
def survey_link_revoke(request: HttpRequest, access: ProjectAccess, pk: int) -> HttpResponse:
    """Stop one personal link at once."""
    invitation = get_object_or_404(SurveyInvitation, project=access.project, pk=pk)
    action_run(request, lambda: services.survey_link_revoke(invitation=invitation),
               _("Le lien de %s est révoqué : il ne fonctionne plus.") % invitation.trainee)
    return redirect(_bilan_url(access))


def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "acceptance/bilan/link_refused.html", status=404)


@public_view
@require_http_methods(["GET", "POST"])
@link_rate_limited("survey-link")
def survey_link(request: HttpRequest, token: str) -> HttpResponse:
    """The survey through a personal link: no account, one answer, anonymous."""
    invitation = services.survey_link_for_token(token)
    if invitation is None:
        return _refused(request)
    form = AnswerForm(request.POST or None)
    status, answered = 200, invitation.is_answered
    if request.method == "POST" and not answered:
        if form.is_valid():
            try:
                services.survey_link_answer(invitation=invitation, marks=form.marks(),
                                            comment=form.cleaned_data["comment"])
            except DomainError as error:
                messages.error(request, error.message)
                status = 400
            else:
                messages.success(request, _("Merci : votre réponse est enregistrée, sans "
                                            "votre nom."))
                return redirect("acceptance:survey-link", token=token)
        else:
            messages.error(request, _("Réponse non enregistrée : corrigez les erreurs."))
            status = 400
    response = render(request, "acceptance/bilan/survey_link.html", {
        "invitation": invitation, "project_name": invitation.survey.project.name,
        "form": form, "answered": answered, "token": token}, status=status)
    response["Cache-Control"] = "no-store"
    return response


_STEP = "projets/<int:project_pk>/etapes/17"
urlpatterns = [
    path(f"{_STEP}/bilan/enquete/liens/", survey_link_issue, name="survey-link-issue"),
    path(f"{_STEP}/bilan/enquete/liens/<int:pk>/revocation/", survey_link_revoke,
         name="survey-link-revoke"),
    path("mise-en-oeuvre/enquete/<str:token>/", survey_link, name="survey-link"),
]
