"""Views: the project's archive (réversibilité) — request, live progress, download."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from msp_si.common.guards import AuthenticatedHttpRequest

from ..access import ProjectAccess, project_view
from ..choices import DocumentStatus
from ..models import ProjectArchive
from ..policy import EXPORT_PROJECT
from .services import archive_filename, project_archive_request

ROW_TEMPLATE = "projects/transfer/archive_row.html"


@project_view(EXPORT_PROJECT)
def project_archive(request: AuthenticatedHttpRequest, access: ProjectAccess) -> HttpResponse:
    """The archives asked for (newest first) and the button asking for a new one."""
    if request.method == "POST":
        project_archive_request(project=access.project, by=request.user)
        messages.success(request, _("Archive demandée : elle se prépare en arrière-plan."))
        return redirect("projects:project-archive", project_pk=access.project.pk)
    archives = ProjectArchive.objects.filter(project=access.project).select_related(
        "requested_by")[:10]
    return render(request, "projects/transfer/archive.html", {"archives": archives})


@project_view(EXPORT_PROJECT)
@require_GET
def project_archive_status(request: HttpRequest, access: ProjectAccess, archive_pk: int
                           ) -> HttpResponse:
    """One archive's row (htmx polling): progress while it is built, then the link."""
    archive = get_object_or_404(ProjectArchive.objects.select_related("requested_by"),
                                pk=archive_pk, project=access.project)
    return render(request, ROW_TEMPLATE, {"archive": archive})


@project_view(EXPORT_PROJECT)
@require_GET
def project_archive_download(request: HttpRequest, access: ProjectAccess, archive_pk: int
                             ) -> FileResponse:
    """Stream a finished archive from the storage (never a public URL)."""
    archive = get_object_or_404(ProjectArchive, pk=archive_pk, project=access.project,
                                status=DocumentStatus.DONE)
    try:
        handle = archive.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=True, content_type="application/zip",
                            filename=archive_filename(access.project, archive.claimed_at
                                                      or archive.requested_at))
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("projets/<int:project_pk>/archive/", project_archive, name="project-archive"),
    path("projets/<int:project_pk>/archive/<int:archive_pk>/etat/", project_archive_status,
         name="project-archive-status"),
    path("projets/<int:project_pk>/archive/<int:archive_pk>/telecharger/",
         project_archive_download, name="project-archive-download"),
]
