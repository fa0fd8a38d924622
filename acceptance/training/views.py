"""Views of step 15 « réaliser la formation des utilisateurs ».

Every member reads the plan; the chef de projet and the AMOA organise it (PLAN_TRAINING:
groups, people without account, sessions, convocations, documents); référents and the AMOA
also record attendance (RECORD_ATTENDANCE).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import GENERATE_DOCUMENT, VIEW_PROJECT

from ..choices import AcceptanceDocument
from ..permissions import PLAN_TRAINING, RECORD_ATTENDANCE
from . import selectors, services
from .forms import AttendanceForm, SessionDocumentForm, SessionForm, TraineeForm
from .models import TrainingGroup, TrainingSession


def _groups(access: ProjectAccess) -> Any:
    return TrainingGroup.objects.filter(project=access.project)


def _page_url(access: ProjectAccess, anchor: str = "") -> str:
    url = reverse("acceptance:training", kwargs={"project_pk": access.project.pk})
    return f"{url}#{anchor}" if anchor else url


def _page(request: HttpRequest, access: ProjectAccess, *, status: int = 200,
          **forms: Any) -> HttpResponse:
    return render(request, "acceptance/training/training.html", {
        "page": selectors.training_page(project=access.project),
        "session_form": forms.get("session_form") or SessionForm(groups=_groups(access)),
        "trainee_form": forms.get("trainee_form") or TraineeForm(groups=_groups(access)),
        "can_plan": access.has(PLAN_TRAINING),
        "can_generate": access.has(GENERATE_DOCUMENT),
        "plan_kind": AcceptanceDocument.TRAINING_PLAN,
    }, status=status)


@project_view(VIEW_PROJECT)
def training(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 15: groups, sessions with their warnings, who is trained."""
    return _page(request, access)


@project_view(PLAN_TRAINING)
@require_POST
def training_groups_build(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Place every member of the team in a group."""
    try:
        count = services.training_groups_build(project=access.project)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext(
            "%d membre placé dans un groupe.", "%d membres placés dans un groupe.", count)
            % count if count else _("Tous les membres de l'équipe sont déjà dans un groupe."))
    return redirect(_page_url(access, "groupes"))


@project_view(PLAN_TRAINING)
@require_POST
def trainee_add(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """List a person without an account."""
    form = TraineeForm(request.POST, groups=_groups(access))
    if not form.is_valid():
        messages.error(request, _("La personne n'a pas été ajoutée : corrigez les erreurs "
                                  "signalées."))
        return _page(request, access, status=400, trainee_form=form)
    data = form.cleaned_data
    action_run(request, lambda: services.trainee_add(
        group=data["group"], name=data["name"], profession=data["profession"]),
        _("« %s » ajouté·e au groupe.") % data["name"])
    return redirect(_page_url(access, "groupes"))


@project_view(PLAN_TRAINING)
@require_POST
def session_create(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Plan a session."""
    form = SessionForm(request.POST, groups=_groups(access))
    if not form.is_valid():
        messages.error(request, _("La session n'a pas été créée : corrigez les erreurs "
                                  "signalées."))
        return _page(request, access, status=400, session_form=form)
    try:
        session = services.session_create(project=access.project, **form.cleaned_data)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(request, access, status=400, session_form=form)
    messages.success(request, _("Session « %s » planifiée.") % session.title)
    return redirect(_session_url(access, session))


def _session(access: ProjectAccess, pk: int) -> TrainingSession:
    return get_object_or_404(TrainingSession, project=access.project, pk=pk)


def _session_url(access: ProjectAccess, session: TrainingSession) -> str:
    return reverse("acceptance:training-session", kwargs={"project_pk": access.project.pk,
                                                          "pk": session.pk})


def _attendance_form(session: TrainingSession, data: Any = None) -> AttendanceForm:
    trainees = sorted((t for g in session.groups.all() for t in g.trainees.all()),
                      key=lambda t: (t.name, t.pk))
    return AttendanceForm(data, trainees=trainees,
                          initial_statuses=selectors.attendance_of(session=session))


@project_view(VIEW_PROJECT)
def training_session(request: HttpRequest, access: ProjectAccess, pk: int) -> HttpResponse:
    """One session: convened people, convocations, documents, attendance."""
    session = _session(access, pk)
    return _session_page(request, access, session)


def _session_page(request: HttpRequest, access: ProjectAccess, session: TrainingSession, *,
                  status: int = 200, form: AttendanceForm | None = None) -> HttpResponse:
    line = next(s for s in selectors.training_page(project=access.project).sessions
                if s.session.pk == session.pk)
    return render(request, "acceptance/training/session.html", {
        "line": line, "session": line.session,
        "attendance_form": form or _attendance_form(session),
        "documents": [(kind, AcceptanceDocument(kind).label,
                       selectors.session_document(session=session, kind=kind))
                      for kind in selectors.SESSION_KINDS],
        "can_plan": access.has(PLAN_TRAINING),
        "can_record": access.has(RECORD_ATTENDANCE),
    }, status=status)


@project_view(PLAN_TRAINING)
@require_POST
def session_convocations(request: HttpRequest, access: ProjectAccess, pk: int) -> HttpResponse:
    """E-mail the convocations with their .ics."""
    session = _session(access, pk)
    try:
        count = services.session_convocations_send(session=session)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, ngettext("%d convocation envoyée par e-mail.",
                                           "%d convocations envoyées par e-mail.", count)
                         % count)
    return redirect(_session_url(access, session))


@project_view(RECORD_ATTENDANCE)
@require_POST
def session_attendance(request: HttpRequest, access: ProjectAccess, pk: int) -> HttpResponse:
    """Record who came."""
    session = _session(access, pk)
    form = _attendance_form(session, request.POST)
    if not form.is_valid():
        messages.error(request, _("Présences non enregistrées : corrigez les erreurs."))
        return _session_page(request, access, session, status=400, form=form)
    action_run(request, lambda: services.attendance_record(session=session,
                                                           statuses=form.statuses()),
               _("Présences enregistrées."))
    return redirect(_session_url(access, session) + "#presences")


@project_view(PLAN_TRAINING)
@require_POST
def session_document(request: AuthenticatedHttpRequest, access: ProjectAccess,
                     pk: int) -> HttpResponse:
    """Queue the convocation or the sign-in sheet (PDF)."""
    session = _session(access, pk)
    form = SessionDocumentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Type de document inconnu."))
    else:
        action_run(request, lambda: services.session_document_request(
            session=session, kind=form.cleaned_data["kind"], by=request.user),
            _("Document demandé : il apparaît ci-dessous dès qu'il est prêt."))
    return redirect(_session_url(access, session) + "#documents")


_STEP = "projets/<int:project_pk>/etapes/15"
urlpatterns = [
    path(f"{_STEP}/formation/", training, name="training"),
    path(f"{_STEP}/formation/groupes/", training_groups_build, name="training-groups-build"),
    path(f"{_STEP}/formation/personnes/", trainee_add, name="trainee-add"),
    path(f"{_STEP}/formation/sessions/", session_create, name="training-session-create"),
    path(f"{_STEP}/formation/sessions/<int:pk>/", training_session, name="training-session"),
    path(f"{_STEP}/formation/sessions/<int:pk>/convocations/", session_convocations,
         name="training-convocations"),
    path(f"{_STEP}/formation/sessions/<int:pk>/presences/", session_attendance,
         name="training-attendance"),
    path(f"{_STEP}/formation/sessions/<int:pk>/documents/", session_document,
         name="training-document"),
]
