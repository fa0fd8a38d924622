"""Generated documents: each row is one numbered version and the job that builds it."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from msp_si.common import clock

from ..choices import DocumentStatus
from ..plugins import document_spec


def document_upload_to(instance: Document, filename: str) -> str:
    """documents/<project>/<kind>/v<version>-<filename>: never guessable from outside."""
    return f"documents/{instance.project_id}/{instance.kind}/v{instance.version}-{filename}"


class Document(models.Model):
    """A version of a generated document; the row is the source of truth for its job."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="documents"
    )
    # A kind declared by an app's plug-in (``projects.plugins.DocumentSpec``): no choices
    # here, so that a new kind of document needs no migration of this app.
    kind = models.CharField(_("document"), max_length=32)
    # What the document is about within its kind when a project has several (a letter per
    # vendor consulted, a procès-verbal per vote): versions are numbered per subject.
    subject = models.CharField(max_length=40, blank=True, default="")
    subject_label = models.CharField(_("objet"), max_length=200, blank=True, default="")
    version = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("état"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.PENDING
    )
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    file = models.FileField(upload_to=document_upload_to, blank=True)
    checksum = models.CharField(_("empreinte SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    # SHA-256 of the data the file was built from (``documents.fingerprint``), not of the
    # file: a request on unchanged data gets this version back instead of a new render.
    input_fingerprint = models.CharField(max_length=64, blank=True, default="")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("auteur"),
    )
    requested_at = models.DateTimeField(_("demandé le"), auto_now_add=True)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    is_frozen = models.BooleanField(_("version validée (figée)"), default=False)

    class Meta:
        verbose_name = _("document")
        ordering = ("project", "kind", "-version")
        constraints = [
            models.UniqueConstraint(
                fields=("project", "kind", "subject", "version"),
                name="document_unique_subject_version",
            ),
        ]
        indexes = [models.Index(fields=("status", "claimed_at"))]

    def __str__(self) -> str:
        return f"{self.kind_label} v{self.version}"

    @property
    def kind_label(self) -> str:
        """« Cahier des charges »…: the label its plug-in declares (the code otherwise)."""
        spec = document_spec(self.kind)
        return str(spec.label) if spec else self.kind

    @property
    def is_stuck(self) -> bool:
        """Running, but its worker has been silent past the delay that marks it orphaned."""
        return (self.status == DocumentStatus.RUNNING and self.claimed_at is not None
                and (clock.now() - self.claimed_at).total_seconds()
                > settings.DOCUMENT_JOB_STALE_SECONDS)

    @property
    def file_format(self) -> str:
        """The stored file's format as users name it (« PDF », « XLSX »), or ""."""
        return PurePosixPath(self.file.name or "").suffix.lstrip(".").upper() if self.file else ""

    @property
    def error_for_users(self) -> str:
        """Why the render failed, as a user may read it: a domain refusal says why in
        French; any other failure is the server's (its trace is in the log, never shown)."""
        prefix = "DomainError: "
        if self.error.startswith(prefix):
            return self.error.removeprefix(prefix)
        if not self.error:
            return ""
        return str(_("Incident technique pendant la génération : relancez-la ; si l'échec se "
                     "répète, signalez-le à l'administrateur (le détail est dans le journal "
                     "du serveur)."))


class DocumentComment(models.Model):
    """A reviewer's remark on one section of a draft version (step 8: relecture)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="comments")
    section = models.SlugField(_("section"), max_length=40)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
        verbose_name=_("auteur"),
    )
    body = models.TextField(_("commentaire"), max_length=4000)
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True)

    class Meta:
        verbose_name = _("commentaire de relecture")
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        return f"{self.document} § {self.section}"
