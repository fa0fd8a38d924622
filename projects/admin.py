"""Document jobs and project archives in the admin: status, attempts, error, « relancer »."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .documents.services import document_retry
from .models import Document, ProjectArchive

JOB_FIELDS = ("status", "progress", "attempts", "requested_by", "requested_at", "claimed_at",
              "finished_at", "size", "checksum", "error")


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin):
    """Every document job of the installation; staff put failed or stuck ones back."""

    list_display = ("__str__", "project", "status", "progress", "attempts", "requested_at",
                    "claimed_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("project__name", "kind", "subject_label")
    list_select_related = ("project",)
    readonly_fields = ("project", "kind", "subject", "subject_label", "version", "file",
                       "is_frozen", *JOB_FIELDS)
    actions = ("relancer",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a job is requested from the project's pages, never made by hand

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False  # versions are the project's record

    @admin.action(description=_("Relancer les générations échouées ou bloquées"))
    def relancer(self, request: HttpRequest, queryset: QuerySet[Document]) -> None:
        """Put each failed or stuck job of the selection back in the queue."""
        count = sum(document_retry(document=document) for document in queryset)
        skipped = queryset.count() - count
        self.message_user(request, ngettext(
            "%(count)d génération relancée.", "%(count)d générations relancées.", count,
        ) % {"count": count}, messages.SUCCESS)
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d document ignoré : ni en échec, ni bloqué.",
                "%(count)d documents ignorés : ni en échec, ni bloqués.", skipped,
            ) % {"count": skipped}, messages.WARNING)


@admin.register(ProjectArchive)
class ProjectArchiveAdmin(admin.ModelAdmin):
    """Archives asked for by the chefs de projet, to follow a failed or slow one."""

    list_display = ("project", "status", "progress", "attempts", "requested_at",
                    "finished_at", "size")
    list_filter = ("status",)
    list_select_related = ("project",)
    readonly_fields = ("project", "file", *JOB_FIELDS)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
