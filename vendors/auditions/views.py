"""Views of step 10 « auditionner les candidats »: the shortlist and each audition.

Every member reads; the chef de projet and the AMOA shortlist, schedule, convoke and
record (CONDUCT_CONSULTATION); evaluators (référents) may also propose questions.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from msp_si.common.actions import action_run
from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest
from projects.access import ProjectAccess, project_view
from projects.policy import VIEW_PROJECT
from vendors.permissions import CONDUCT_CONSULTATION, EVALUATE_OFFERS

from ..consultation.models import ConsultedVendor
from . import selectors, services
from .forms import ComplementForm, MoveForm, QuestionForm, RecordForm, ScheduleForm
from .models import Audition, AuditionComplement, AuditionQuestion
from .rules import MAX_COMPLEMENT_BYTES

# Multipart headers and the CSRF token around the file itself.
UPLOAD_OVERHEAD_BYTES = 64 * 1024


def _may_propose(access: ProjectAccess) -> bool:
    """Step 10: the référents take part in auditions and may propose questions."""
    return access.has(CONDUCT_CONSULTATION) or access.has(EVALUATE_OFFERS)


def _may_edit(access: ProjectAccess, question: AuditionQuestion) -> bool:
    """The conductors edit every question; an evaluator only the ones they proposed."""
    return access.has(CONDUCT_CONSULTATION) or (
        _may_propose(access) and question.asked_by_id == access.membership.user_id)


def _audition(access: ProjectAccess, audition_pk: int) -> Audition:
    return selectors.audition_of(project=access.project, audition_pk=audition_pk)


def _question(access: ProjectAccess, audition_pk: int, question_pk: int) -> AuditionQuestion:
    return get_object_or_404(AuditionQuestion.objects.select_related("audition"),
                             pk=question_pk, audition_id=audition_pk, project=access.project)


def _list(access: ProjectAccess) -> HttpResponse:
    return redirect("vendors:auditions", project_pk=access.project.pk)


def _detail_url(access: ProjectAccess, audition: Audition, anchor: str = "") -> str:
    url = reverse("vendors:audition-detail", kwargs={"project_pk": access.project.pk,
                                                     "audition_pk": audition.pk})
    return f"{url}#{anchor}" if anchor else url


@project_view(VIEW_PROJECT)
def auditions(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 10: the consulted vendors, the shortlist, each audition's state."""
    return render(request, "vendors/auditions/auditions.html", {
        "page": selectors.auditions_page(project=access.project),
        "can_conduct": access.has(CONDUCT_CONSULTATION),
    })


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_shortlist(request: AuthenticatedHttpRequest, access: ProjectAccess,
                       consulted_pk: int) -> HttpResponse:
    """Shortlist a consulted vendor whose offer is in (twice: no second audition)."""
    consulted = get_object_or_404(ConsultedVendor.objects.select_related("vendor"),
                                  pk=consulted_pk, project=access.project)
    action_run(
        request,
        lambda: services.audition_shortlist(
            project=access.project, consulted=consulted, by=request.user,
        ),
        _("« %s » est retenu pour une audition.") % consulted.vendor,
    )
    return _list(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_unshortlist(request: HttpRequest, access: ProjectAccess,
                         audition_pk: int) -> HttpResponse:
    audition = _audition(access, audition_pk)
    action_run(
        request,
        lambda: services.audition_unshortlist(audition=audition),
        _("« %s » n'est plus retenu pour une audition.")
        % audition.vendor,
    )
    return _list(access)


def _detail(request: HttpRequest, access: ProjectAccess, audition: Audition, *,
            status: int = 200, **forms: Any) -> HttpResponse:
    """The audition page; ``forms`` replaces a blank form by the one just refused."""
    detail = selectors.audition_detail(audition=audition)
    a = detail.audition
    context = {
        "detail": detail, "audition": a,
        "can_conduct": access.has(CONDUCT_CONSULTATION), "can_propose": _may_propose(access),
        "editable": {q.pk for q in detail.questions if _may_edit(access, q)},
        "schedule_form": ScheduleForm(initial={
            "scheduled_at": a.scheduled_at, "duration_minutes": a.duration_minutes,
            "location": a.location, "attendees": a.attendees}),
        "question_form": QuestionForm(),
        "record_form": RecordForm(initial={
            "notes": a.notes, "synthesis": a.synthesis,
            "held_on": a.held_on or (timezone.localdate(a.scheduled_at) if a.scheduled_at
                                     else None)}, questions=detail.questions),
        "complement_form": ComplementForm(),
    }
    context.update(forms)
    return render(request, "vendors/auditions/audition_detail.html", context, status=status)


@project_view(VIEW_PROJECT)
def audition_detail(request: HttpRequest, access: ProjectAccess,
                    audition_pk: int) -> HttpResponse:
    """One audition: schedule, questions, convocation, record, complements."""
    return _detail(request, access, _audition(access, audition_pk))


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_schedule(request: HttpRequest, access: ProjectAccess,
                      audition_pk: int) -> HttpResponse:
    audition = _audition(access, audition_pk)
    form = ScheduleForm(request.POST)
    if form.is_valid():
        try:
            services.audition_schedule(audition=audition, **form.cleaned_data)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le rendez-vous de l'audition est enregistré."))
            return redirect(_detail_url(access, audition, "planning"))
    messages.error(request, _("Le rendez-vous n'a pas été enregistré : corrigez les erreurs "
                              "signalées."))
    return _detail(request, access, audition, status=400, schedule_form=form)


def _questions(request: AuthenticatedHttpRequest, access: ProjectAccess, audition: Audition, *,
               error: str = "", form: QuestionForm | None = None) -> HttpResponse:
    """With htmx, the questions block alone; otherwise back to the page."""
    if not request.htmx:
        if error:
            messages.error(request, error)
        return redirect(_detail_url(access, audition, "questions"))
    detail = selectors.audition_detail(audition=audition)
    return render(request, "vendors/auditions/_questions.html", {
        "detail": detail, "audition": audition, "is_fragment": True, "error": error,
        "can_conduct": access.has(CONDUCT_CONSULTATION), "can_propose": _may_propose(access),
        "editable": {q.pk for q in detail.questions if _may_edit(access, q)},
        "question_form": form or QuestionForm(),
    })


@project_view(VIEW_PROJECT)
@require_POST
def audition_question_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                          audition_pk: int) -> HttpResponse:
    """Add a question (conductors and evaluators)."""
    if not _may_propose(access):
        raise PermissionDenied
    audition = _audition(access, audition_pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        return _questions(request, access, audition, form=form,
                          error=_("La question est vide ou dépasse 1000 caractères."))
    try:
        services.audition_question_add(audition=audition, text=form.cleaned_data["text"],
                                       by=request.user)
    except DomainError as error:
        return _questions(request, access, audition, error=error.message, form=form)
    return _questions(request, access, audition)


@project_view(VIEW_PROJECT)
@require_POST
def audition_question_edit(request: AuthenticatedHttpRequest, access: ProjectAccess,
                           audition_pk: int, question_pk: int) -> HttpResponse:
    question = _question(access, audition_pk, question_pk)
    if not _may_edit(access, question):
        raise PermissionDenied
    form = QuestionForm(request.POST, prefix=f"q{question.pk}")
    error = ""
    if not form.is_valid():
        error = _("La question est vide ou dépasse 1000 caractères.")
    else:
        try:
            services.audition_question_update(question=question,
                                              text=form.cleaned_data["text"])
        except DomainError as exc:
            error = exc.message
    return _questions(request, access, question.audition, error=error)


@project_view(VIEW_PROJECT)
@require_POST
def audition_question_delete(request: AuthenticatedHttpRequest, access: ProjectAccess,
                             audition_pk: int, question_pk: int) -> HttpResponse:
    question = _question(access, audition_pk, question_pk)
    if not _may_edit(access, question):
        raise PermissionDenied
    services.audition_question_delete(question=question)
    return _questions(request, access, question.audition)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_question_move(request: AuthenticatedHttpRequest, access: ProjectAccess,
                           audition_pk: int, question_pk: int) -> HttpResponse:
    question = _question(access, audition_pk, question_pk)
    form = MoveForm(request.POST)
    error = ""
    try:
        if not form.is_valid():
            raise DomainError(_("Sens de déplacement inconnu."))
        services.audition_question_move(question=question,
                                        direction=form.cleaned_data["direction"])
    except DomainError as exc:
        error = exc.message
    return _questions(request, access, question.audition, error=error)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_letter(request: AuthenticatedHttpRequest, access: ProjectAccess,
                    audition_pk: int) -> HttpResponse:
    """Queue a new version of the convocation (needs a time and questions)."""
    audition = _audition(access, audition_pk)
    action_run(
        request,
        lambda: services.audition_letter_request(audition=audition, by=request.user),
        _("Convocation demandée : elle apparaît ci-dessous dès "
          "qu'elle est prête."),
    )
    return redirect(_detail_url(access, audition, "convocation"))


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_record(request: HttpRequest, access: ProjectAccess,
                    audition_pk: int) -> HttpResponse:
    """Record notes, synthesis, the day held and the candidate's answers."""
    audition = _audition(access, audition_pk)
    form = RecordForm(request.POST, questions=list(audition.questions.all()))
    if form.is_valid():
        try:
            services.audition_record(
                audition=audition, notes=form.cleaned_data["notes"],
                synthesis=form.cleaned_data["synthesis"],
                held_on=form.cleaned_data["held_on"], answers=form.answers())
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le compte rendu de l'audition est enregistré."))
            return redirect(_detail_url(access, audition, "compte-rendu"))
    messages.error(request, _("Le compte rendu n'a pas été enregistré : corrigez les erreurs "
                              "signalées."))
    return _detail(request, access, audition, status=400, record_form=form)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_complement_add(request: AuthenticatedHttpRequest, access: ProjectAccess,
                            audition_pk: int) -> HttpResponse:
    """Record a complement to the offer, with the vendor's PDF if any."""
    audition = _audition(access, audition_pk)
    length = request.META.get("CONTENT_LENGTH") or "0"
    if length.isdigit() and int(length) > MAX_COMPLEMENT_BYTES + UPLOAD_OVERHEAD_BYTES:
        form = ComplementForm()
        form.add_error(None, _("Le fichier dépasse 10 Mo. Rien n'a été enregistré."))
    else:
        form = ComplementForm(request.POST, request.FILES)
    if form.is_bound and form.is_valid():
        try:
            services.audition_complement_add(
                audition=audition, received_on=form.cleaned_data["received_on"],
                summary=form.cleaned_data["summary"], content=form.content(),
                file_name=form.file_name(), by=request.user)
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Le complément d'offre est enregistré."))
            return redirect(_detail_url(access, audition, "complements"))
    messages.error(request, _("Le complément n'a pas été enregistré : corrigez les erreurs "
                              "signalées."))
    return _detail(request, access, audition, status=400, complement_form=form)


def _complement(access: ProjectAccess, audition_pk: int,
                complement_pk: int) -> AuditionComplement:
    return get_object_or_404(AuditionComplement, pk=complement_pk, audition_id=audition_pk,
                             project=access.project)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def audition_complement_delete(request: HttpRequest, access: ProjectAccess, audition_pk: int,
                               complement_pk: int) -> HttpResponse:
    complement = _complement(access, audition_pk, complement_pk)
    services.audition_complement_delete(complement=complement)
    messages.success(request, _("Le complément d'offre est supprimé."))
    return redirect(_detail_url(access, complement.audition, "complements"))


@project_view(VIEW_PROJECT)
def audition_complement_file(request: HttpRequest, access: ProjectAccess, audition_pk: int,
                             complement_pk: int) -> FileResponse:
    """Stream the PDF the candidate sent, to members of the project only."""
    complement = _complement(access, audition_pk, complement_pk)
    if not complement.file:
        raise Http404
    try:
        handle = complement.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, content_type="application/pdf",
                            filename=f"complement-{complement.received_on:%Y-%m-%d}.pdf")
    response["Cache-Control"] = "private, no-store"
    return response


_STEP = "projets/<int:project_pk>/etapes/10/auditions"
_ONE = f"{_STEP}/<int:audition_pk>"
_QUESTION = f"{_ONE}/questions/<int:question_pk>"
_COMPLEMENT = f"{_ONE}/complements/<int:complement_pk>"

urlpatterns = [
    path(f"{_STEP}/", auditions, name="auditions"),
    path(f"{_STEP}/retenir/<int:consulted_pk>/", audition_shortlist, name="audition-shortlist"),
    path(f"{_ONE}/", audition_detail, name="audition-detail"),
    path(f"{_ONE}/retirer/", audition_unshortlist, name="audition-unshortlist"),
    path(f"{_ONE}/rendez-vous/", audition_schedule, name="audition-schedule"),
    path(f"{_ONE}/questions/ajouter/", audition_question_add, name="audition-question-add"),
    path(f"{_QUESTION}/", audition_question_edit, name="audition-question-edit"),
    path(f"{_QUESTION}/supprimer/", audition_question_delete,
         name="audition-question-delete"),
    path(f"{_QUESTION}/deplacer/", audition_question_move, name="audition-question-move"),
    path(f"{_ONE}/convocation/", audition_letter, name="audition-letter"),
    path(f"{_ONE}/compte-rendu/", audition_record, name="audition-record"),
    path(f"{_ONE}/complements/ajouter/", audition_complement_add,
         name="audition-complement-add"),
    path(f"{_COMPLEMENT}/supprimer/", audition_complement_delete,
         name="audition-complement-delete"),
    path(f"{_COMPLEMENT}/fichier/", audition_complement_file,
         name="audition-complement-file"),
]
