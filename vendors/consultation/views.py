"""Views of step 9 « consultation » and of the vendors' secret upload link."""

from __future__ import annotations

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
from projects.choices import DocumentStatus
from projects.documents.services import document_request, document_request_message
from projects.policy import VIEW_PROJECT
from vendors.permissions import CONDUCT_CONSULTATION

from ..choices import AssessmentDecision
from ..market.models import VendorAssessment
from ..market.rules import MAX_KEPT, RECOMMENDED_KEPT
from . import selectors, services
from .answers_import import MAX_FILE_BYTES
from .forms import SentForm, TermsForm, UploadForm
from .models import AnswerSet, AnswerSetStatus, AnswerSource, ConsultedVendor

# Multipart headers and the CSRF token around the file itself.
UPLOAD_OVERHEAD_BYTES = 64 * 1024
# URL slug → document kind generated per consulted vendor.
DOCUMENT_SLUGS = {slug: kind for slug, kind, _label in selectors.DOCUMENT_ROWS}


def _consulted(access: ProjectAccess, consulted_pk: int) -> ConsultedVendor:
    """A consulted vendor of the requesting member's project, or 404."""
    return get_object_or_404(ConsultedVendor.objects.select_related("vendor", "project"),
                             pk=consulted_pk, project=access.project)


def _upload_form(request: HttpRequest) -> tuple[UploadForm, list[str]]:
    """The upload form; a request far above the size limit is refused before it is read."""
    length = request.META.get("CONTENT_LENGTH") or "0"
    if request.method == "POST" and length.isdigit() and \
            int(length) > MAX_FILE_BYTES + UPLOAD_OVERHEAD_BYTES:
        return UploadForm(), [_("Le fichier dépasse 5 Mo : ce n'est pas un cadre de "
                                "réponse. Rien n'a été enregistré.")]
    return UploadForm(request.POST or None, request.FILES or None), []


def _page(access: ProjectAccess) -> HttpResponse:
    return redirect("vendors:consultation", project_pk=access.project.pk)


@project_view(VIEW_PROJECT)
def consultation(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Step 9: who is consulted, deadline, letters and cadres, links and answers.

    Every member reads it (as the documents page already lists the letters and cadres);
    only the chef de projet and the AMOA act on it.
    """
    page = selectors.consultation_page(project=access.project)
    return render(request, "vendors/consultation/consultation.html", {
        "page": page, "can_conduct": access.has(CONDUCT_CONSULTATION),
        "deadline_form": TermsForm(initial=page.terms_initial),
        "max_kept": MAX_KEPT, "recommended_kept": RECOMMENDED_KEPT,
        "documents_pending": selectors.pending_documents(project=access.project),
    })


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consultation_deadline(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    form = TermsForm(request.POST)
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, _("Rien n'est enregistré : %s") % problems)
        return _page(access)
    services.consultation_settle(project=access.project,
                                 response_deadline=form.cleaned_data["response_deadline"],
                                 terms=form.terms())
    messages.success(request, _("Les modalités de la consultation sont enregistrées. "
                                "Régénérez les lettres déjà produites pour qu'elles les "
                                "portent."))
    return _page(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consulted_add(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Consult a vendor kept by the market study."""
    raw = request.POST.get("assessment", "")
    assessment = VendorAssessment.objects.filter(
        project=access.project, pk=int(raw) if raw.isdigit() else 0,
        decision=AssessmentDecision.KEPT).select_related("vendor").first()
    if assessment is None:
        messages.error(request, _("Choisissez un prestataire retenu par l'étude de marché."))
        return _page(access)
    try:
        services.consulted_add(project=access.project, assessment=assessment)
    except DomainError as error:
        messages.error(request, error.message)
        return _page(access)
    messages.success(request, _("« %s » est consulté.") % assessment.vendor)
    warning = selectors.consultation_page(project=access.project).count_warning
    if warning:
        messages.warning(request, warning)
    return _page(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consulted_remove(request: HttpRequest, access: ProjectAccess,
                     consulted_pk: int) -> HttpResponse:
    consulted = _consulted(access, consulted_pk)
    action_run(
        request,
        lambda: services.consulted_remove(consulted=consulted),
        _("« %s » n'est plus consulté.") % consulted.vendor,
    )
    return _page(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consulted_sent(request: HttpRequest, access: ProjectAccess,
                   consulted_pk: int) -> HttpResponse:
    consulted = _consulted(access, consulted_pk)
    form = SentForm(request.POST, prefix=f"sent-{consulted.pk}")
    if not form.is_valid():
        messages.error(request, _("Date d'envoi invalide."))
        return _page(access)
    action_run(
        request,
        lambda: services.consulted_mark_sent(
            consulted=consulted, sent_on=form.cleaned_data["sent_on"],
        ),
        _("Date d'envoi enregistrée pour « %s ».") % consulted.vendor,
    )
    return _page(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consulted_document(request: AuthenticatedHttpRequest, access: ProjectAccess, consulted_pk: int,
                       kind: str) -> HttpResponse:
    """Queue a new version of the vendor's letter or cadre de réponse."""
    consulted = _consulted(access, consulted_pk)
    document_kind = DOCUMENT_SLUGS.get(kind)
    if document_kind is None:
        messages.error(request, _("Document inconnu."))
        return _page(access)
    document = document_request(project=access.project, kind=document_kind, by=request.user,
                                subject=str(consulted.pk), subject_label=str(consulted.vendor))
    if document.status == DocumentStatus.DONE:
        messages.success(request, document_request_message(document))
    else:
        messages.success(request, _("Document demandé pour « %s » : il apparaît ci-dessous "
                                    "dès qu'il est prêt.") % consulted.vendor)
    return _page(access)


@project_view(CONDUCT_CONSULTATION)
@require_POST
def consulted_link(request: HttpRequest, access: ProjectAccess,
                   consulted_pk: int) -> HttpResponse:
    """A new secret upload link, shown on this page only (only its hash is kept)."""
    consulted = _consulted(access, consulted_pk)
    token = services.consulted_link_issue(consulted=consulted)
    url = request.build_absolute_uri(reverse("vendors:vendor-answers-upload",
                                             kwargs={"token": token}))
    response = render(request, "vendors/consultation/link.html", {
        "consulted": consulted, "url": url,
        "deadline": selectors.consultation_page(project=access.project).deadline,
    })
    response["Cache-Control"] = "no-store"
    return response


@project_view(CONDUCT_CONSULTATION)
@require_http_methods(["GET", "POST"])
def answers_upload(request: AuthenticatedHttpRequest, access: ProjectAccess,
                   consulted_pk: int) -> HttpResponse:
    """The chef de projet or the AMOA uploads a vendor's filled cadre: check → preview."""
    consulted = _consulted(access, consulted_pk)
    form, refusal = _upload_form(request)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            answer_set = services.answers_preview(
                consulted=consulted, content=form.content(),
                file_name=form.cleaned_data["file"].name, by=request.user)
        except services.AnswerFileRefused as error:
            refusal = error.messages
        else:
            return redirect("vendors:answers-preview", project_pk=access.project.pk,
                            consulted_pk=consulted.pk, answer_set_pk=answer_set.pk)
    return render(request, "vendors/consultation/upload.html", {
        "consulted": consulted, "form": form, "refusal": refusal,
    })


@project_view(CONDUCT_CONSULTATION)
@require_http_methods(["GET", "POST"])
def answers_preview(request: AuthenticatedHttpRequest, access: ProjectAccess, consulted_pk: int,
                    answer_set_pk: int) -> HttpResponse:
    """What the file holds; confirming makes it the vendor's current answers."""
    consulted = _consulted(access, consulted_pk)
    answer_set = get_object_or_404(AnswerSet, pk=answer_set_pk, consulted=consulted,
                                   project=access.project)
    if request.method == "POST":
        already = answer_set.status == AnswerSetStatus.CONFIRMED
        try:
            services.answers_confirm(answer_set=answer_set, by=request.user)
        except DomainError as error:
            messages.error(request, error.message)
            return _page(access)
        if not already:
            messages.success(request, _("Les réponses de « %s » sont enregistrées.")
                             % consulted.vendor)
        return _page(access)
    return render(request, "vendors/consultation/preview.html", {
        "consulted": consulted,
        "preview": selectors.answer_set_preview(answer_set=answer_set),
    })


# --- the vendor's secret link (no account) ----------------------------------------------

def _refused(request: HttpRequest) -> HttpResponse:
    return render(request, "vendors/consultation/public_refused.html", status=404)


@public_view
@require_http_methods(["GET", "POST"])
@link_rate_limited("vendor-answers-link")
def vendor_answers_upload(request: HttpRequest, token: str) -> HttpResponse:
    """The consulted vendor sends its filled cadre, until the deadline."""
    consulted = services.consulted_for_token(token)
    if consulted is None:
        return _refused(request)
    form, refusal = _upload_form(request)
    if request.method == "POST" and not refusal and form.is_valid():
        try:
            answer_set = services.answers_preview(
                consulted=consulted, content=form.content(),
                file_name=form.cleaned_data["file"].name, by=None,
                source=AnswerSource.VENDOR_LINK)
        except services.AnswerFileRefused as error:
            refusal = error.messages
        else:
            return redirect("vendors:vendor-answers-preview", token=token,
                            answer_set_pk=answer_set.pk)
    return render(request, "vendors/consultation/public_upload.html", {
        "consulted": consulted, "form": form, "refusal": refusal,
        "deadline": consulted.project.consultation.response_deadline,
    })


@public_view
@require_http_methods(["GET", "POST"])
@link_rate_limited("vendor-answers-link")
def vendor_answers_preview(request: HttpRequest, token: str,
                           answer_set_pk: int) -> HttpResponse:
    consulted = services.consulted_for_token(token)
    if consulted is None:
        return _refused(request)
    answer_set = AnswerSet.objects.filter(pk=answer_set_pk, consulted=consulted,
                                          source=AnswerSource.VENDOR_LINK).first()
    if answer_set is None:
        return _refused(request)
    if request.method == "POST":
        try:
            services.answers_confirm(answer_set=answer_set, by=None)
        except DomainError:
            return _refused(request)
        return render(request, "vendors/consultation/public_done.html",
                      {"consulted": consulted, "answer_set": answer_set})
    return render(request, "vendors/consultation/public_preview.html", {
        "consulted": consulted, "token": token,
        "preview": selectors.answer_set_preview(answer_set=answer_set),
    })


_STEP = "projets/<int:project_pk>/etapes/9"
_ONE = f"{_STEP}/prestataires/<int:consulted_pk>"

urlpatterns = [
    path(f"{_STEP}/consultation/", consultation, name="consultation"),
    path(f"{_STEP}/consultation/date-limite/", consultation_deadline,
         name="consultation-deadline"),
    path(f"{_STEP}/prestataires/ajouter/", consulted_add, name="consulted-add"),
    path(f"{_ONE}/retirer/", consulted_remove, name="consulted-remove"),
    path(f"{_ONE}/envoi/", consulted_sent, name="consulted-sent"),
    path(f"{_ONE}/documents/<slug:kind>/", consulted_document, name="consulted-document"),
    path(f"{_ONE}/lien/", consulted_link, name="consulted-link"),
    path(f"{_ONE}/reponses/deposer/", answers_upload, name="answers-upload"),
    path(f"{_ONE}/reponses/<int:answer_set_pk>/", answers_preview, name="answers-preview"),
    path("consultation/reponse/<str:token>/", vendor_answers_upload,
         name="vendor-answers-upload"),
    path("consultation/reponse/<str:token>/<int:answer_set_pk>/", vendor_answers_preview,
         name="vendor-answers-preview"),
]
