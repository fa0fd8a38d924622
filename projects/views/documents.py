"""Views: generated documents — versions, generation requests, live status, download."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from msp_si.common.errors import DomainError

from ..access import ProjectAccess, project_view
from ..choices import DocumentKind, DocumentStatus
from ..documents import BUILDERS, download_filename
from ..models import Document
from ..policy import GENERATE_DOCUMENT, VIEW_PROJECT
from ..services.documents import document_request

ROW_TEMPLATE = "projects/documents/document_row.html"


@dataclass
class KindVersions:
    """One kind of document and its versions, newest first."""

    kind: str
    label: str
    versions: list[Document]


@project_view(VIEW_PROJECT)
@require_GET
def document_list(request: HttpRequest, access: ProjectAccess) -> HttpResponse:
    """Versions of every document of the project, with a « Générer » button per kind."""
    documents = list(
        Document.objects.filter(project=access.project).select_related("requested_by")
        .order_by("kind", "-version")
    )
    kinds = [
        KindVersions(kind, str(label), [d for d in documents if d.kind == kind])
        for kind, label in DocumentKind.choices if kind in BUILDERS
    ]
    return render(request, "projects/documents/document_list.html", {"kinds": kinds})


@project_view(GENERATE_DOCUMENT)
@require_POST
def document_generate(request: HttpRequest, access: ProjectAccess, kind: str) -> HttpResponse:
    """Queue a new version of a document; a double click gets the job already queued."""
    if kind not in BUILDERS:
        raise Http404
    try:
        document = document_request(project=access.project, kind=kind, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Génération de la version %(version)s de « %(kind)s » "
                                    "demandée.") % {"version": document.version,
                                                   "kind": document.get_kind_display()})
    return redirect("projects:document-list", project_pk=access.project.pk)


@project_view(VIEW_PROJECT)
@require_GET
def document_status(request: HttpRequest, access: ProjectAccess, document_pk: int
                    ) -> HttpResponse:
    """The row of one version (htmx polling): progress while running, then the link."""
    document = get_object_or_404(
        Document.objects.select_related("requested_by"), pk=document_pk, project=access.project
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
        filename=download_filename(document.kind, document.version),
    )
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("projets/<int:project_pk>/documents/", document_list, name="document-list"),
    path("projets/<int:project_pk>/documents/<slug:kind>/generer/", document_generate,
         name="document-generate"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/etat/", document_status,
         name="document-status"),
    path("projets/<int:project_pk>/documents/<int:document_pk>/telecharger/",
         document_download, name="document-download"),
]
