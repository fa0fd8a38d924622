"""Views: generated documents — versions, generation requests, live status, download."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import Count
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from msp_si.common.errors import DomainError
from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view
from ..choices import DocumentStatus
from ..models import Document, DocumentComment
from ..plugins import document_specs
from ..policy import GENERATE_DOCUMENT, REVIEW_DOCUMENT, VIEW_PROJECT
from .builders import BUILDERS, download_filename
from .forms import DocumentCommentForm
from .services import (
    document_comment_add,
    document_request,
    document_request_message,
    document_retry,
    document_sections,
)

ROW_TEMPLATE = "projects/documents/document_row.html"


@dataclass
class KindVersions:
    """One kind of document and its versions, newest first."""

    kind: str
    label: str
    versions: list[Document]
    # Kinds made per subject (a letter per vendor) are generated from their own page.
    is_generated_here: bool = True


@project_view(VIEW_PROJECT)
@require_GET
def document_list(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Versions of every document of the project, with a « Générer » button per kind."""
    documents = list(
        Document.objects.filter(project=access.project).select_related("requested_by")
        .annotate(comment_count=Count("comments"))
        .order_by("kind", "-version")
    )
    kinds = [
        KindVersions(kind, str(spec.label), [d for d in documents if d.kind == kind],
                     is_generated_here=not spec.builder.takes_subject)
        for kind, spec in document_specs().items()
    ]
    return render(request, "projects/documents/document_list.html", {"kinds": kinds})


@project_view(GENERATE_DOCUMENT)
@require_POST
def document_generate(request: AuthenticatedHttpRequest, access: ProjectAccess,
                      kind: str) -> HttpResponse:
    """Queue a new version of a document; a double click gets the job already queued."""
    if kind not in BUILDERS or BUILDERS[kind].takes_subject:
        raise Http404
    try:
        document = document_request(project=access.project, kind=kind, by=request.user,
                                    is_forced=request.POST.get("is_forced") == "on")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, document_request_message(document))
    return redirect(_back_to(request, access) or reverse(
        "projects:document-list", kwargs={"project_pk": access.project.pk}))


def _back_to(request: HttpRequest, access: ProjectAccess) -> str | None:
    """The page of this project the form came from (``next``), never another site's."""
    target = request.POST.get("next", "")
    if target.startswith(f"/projets/{access.project.pk}/") and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return None


@project_view(GENERATE_DOCUMENT)
@require_POST
def document_retry_request(request: AuthenticatedHttpRequest, access: ProjectAccess,
                           document_pk: int) -> HttpResponse:
    """Ask for a new attempt of a failed job, or of one whose worker went silent."""
    document = get_object_or_404(Document, pk=document_pk, project=access.project)
    if document_retry(document=document):
        messages.success(request, _("Nouvelle tentative de « %(kind)s » v%(version)s "
                                    "demandée.") % {"kind": document.kind_label,
                                                    "version": document.version})
    else:
        messages.error(request, _("Cette génération n'est ni en échec ni bloquée : rien à "
                                  "relancer."))
    return redirect(_back_to(request, access) or reverse(
        "projects:document-list", kwargs={"project_pk": access.project.pk}))


@project_view(VIEW_PROJECT)
@require_GET
def document_status(request: HttpRequest, access: ProjectAccess, document_pk: int
                    ) -> HttpResponse:
    """The row of one version (htmx polling): progress while running, then the link."""
    document = get_object_or_404(
        Document.objects.select_related("requested_by").annotate(comment_count=Count("comments")),
        pk=document_pk, project=access.project,
    )
    return render(request, ROW_TEMPLATE, {"document": document})


@project_view(VIEW_PROJECT)
@require_GET
def document_download(request: HttpRequest, access: ProjectAccess, document_pk: int
                      ) -> FileResponse:
    """Stream a finished version's file under a readable name."""
    document = get_object_or_404(
        Document, pk=document_pk, project=access.project, status=DocumentStatus.DONE
    )
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle, as_attachment=True, content_type=BUILDERS[document.kind].content_type,
        filename=download_filename(document.kind, document.version, document.subject),
    )
    response["Cache-Control"] = "private, no-store"
    return response


@dataclass
class SectionComments:
    """One section of a document version and the remarks written on it."""

    anchor: str
    title: str
    comments: list[DocumentComment]


@project_view(VIEW_PROJECT, post=REVIEW_DOCUMENT)
def document_review(request: AuthenticatedHttpRequest, access: ProjectAccess, document_pk: int
                    ) -> HttpResponse:
    """Relecture of a finished version: comments per section, and a form for reviewers."""
    document = get_object_or_404(
        Document.objects.select_related("requested_by"), pk=document_pk,
        project=access.project, status=DocumentStatus.DONE,
    )
    sections = document_sections(document)
    form = DocumentCommentForm(request.POST or None, sections=sections)
    if request.method == "POST" and form.is_valid():
        try:
            document_comment_add(document=document, author=request.user,
                                 section=form.cleaned_data["section"],
                                 body=form.cleaned_data["body"])
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Commentaire enregistré."))
            return redirect("projects:document-review", project_pk=access.project.pk,
                            document_pk=document.pk)
    comments = list(document.comments.select_related("author"))
    by_section = [
        SectionComments(anchor, title, [c for c in comments if c.section == anchor])
        for anchor, title in sections
    ]
    return render(request, "projects/documents/document_review.html", {
        "document": document, "sections": by_section, "form": form,
        "can_comment": access.has(REVIEW_DOCUMENT) and not document.is_frozen,
    }, status=400 if form.errors else 200)


urlpatterns = [
    path("projets/<int:project_pk>/documents/", document_list, name="document-list"),
    path("projets/<int:project_pk>/documents/<slug:kind>/generer/", document_generate,
         name="document-generate"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/etat/", document_status,
         name="document-status"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/relancer/",
         document_retry_request, name="document-retry"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/telecharger/",
         document_download, name="document-download"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/relecture/", document_review,
         name="document-review"),
]
