"""Archives of a whole project (réversibilité), built in the background like documents."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import DocumentStatus


def archive_upload_to(instance: ProjectArchive, filename: str) -> str:
    """archives/<project>/<filename>: served only through the guarded view."""
    return f"archives/{instance.project_id}/{filename}"


class ProjectArchive(models.Model):
    """One requested archive of the project; the row is the source of truth for its job."""

    # An archive is derived from the project's data: removing the project removes it.
    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="archives"
    )
    status = models.CharField(
        _("état"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    file = models.FileField(upload_to=archive_upload_to, blank=True)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    size = models.PositiveBigIntegerField(_("taille (octets)"), default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("demandée par"),
    )
    requested_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("terminée le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name = _("archive du projet")
        verbose_name_plural = _("archives des projets")
        ordering = ("project", "-requested_at", "-id")

    def __str__(self) -> str:
        return f"{self.project} — {self.requested_at:%Y-%m-%d %H:%M}"
