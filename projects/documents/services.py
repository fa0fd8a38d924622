"""Document jobs: request a version, render it in a worker, recover orphaned jobs.

The ``Document`` row is the source of truth of a job (pending → running → done / failed);
the broker only carries ids. A render claims its row with a conditional update and keeps
that claim time as a token, so a second delivery of the same message, or a worker that
lost its claim to the sweeper, never overwrites another run's result.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

import structlog
from celery import current_app
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max, Q, QuerySet
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError

from ..choices import DocumentStatus
from ..models import Document, DocumentComment, Project
from ..pagecache.revision import revision_bump
from .builders import (
    BUILDERS,
    DocumentMeta,
    download_filename,
    html_to_pdf,
    render_document_html,
)
from .fingerprint import input_fingerprint

if TYPE_CHECKING:
    from msp_si.accounts.models import User

logger = logging.getLogger(__name__)

ACTIVE_STATUSES = (DocumentStatus.PENDING, DocumentStatus.RUNNING)

# Progress shown to the user at each stage of a render (percent).
PROGRESS_CLAIMED = 5
PROGRESS_DATA = 25
PROGRESS_HTML = 40
PROGRESS_RENDERED = 90
PROGRESS_DONE = 100


# The render task is found by name in Celery's registry: the tasks module imports this
# one, so importing it back would close an import cycle. The app's ready() registers it.
RENDER_TASK = "projects.tasks.document_generate"


def _enqueue(document_id: int) -> None:
    """Send the render of a document to the workers once the transaction commits."""
    render = current_app.tasks[RENDER_TASK]
    transaction.on_commit(partial(render.delay, document_id))


def _create_version(*, project: Project, kind: str, by: User, subject: str = "",
                    subject_label: str = "") -> Document:
    """Insert the next version of ``kind`` (caller holds the project row lock)."""
    last = Document.objects.filter(project=project, kind=kind, subject=subject).aggregate(
        v=Max("version"))["v"]
    return Document.objects.create(
        project=project, kind=kind, subject=subject, subject_label=subject_label,
        version=(last or 0) + 1, requested_by=by,
    )


def _check_kind(kind: str) -> None:
    """Refuse a document kind the application cannot build."""
    if kind not in BUILDERS:
        raise DomainError(_("Type de document inconnu : %s.") % kind)


def _gather(*, project: Project, kind: str, subject: str) -> Any:
    """The input data of a document, as its builder reads it from the live project."""
    # A fresh row: what the caller's instance happened to cache (select_related, values
    # assigned in memory) must not reach the data, nor therefore its fingerprint.
    project = Project.objects.get(pk=project.pk)
    builder = BUILDERS[kind]
    return builder.gather(project, subject) if builder.takes_subject else builder.gather(project)


def _unchanged_version(*, project: Project, kind: str, subject: str) -> Document | None:
    """The last finished version if the project's data for it has not changed since."""
    last = (Document.objects.filter(project=project, kind=kind, subject=subject,
                                    status=DocumentStatus.DONE)
            .exclude(input_fingerprint="").order_by("-version").first())
    if last is None:
        return None
    try:
        data = _gather(project=project, kind=kind, subject=subject)
    except DomainError:
        # The builder refuses the data as it stands: the render will say why.
        return None
    return last if input_fingerprint(kind, data) == last.input_fingerprint else None


@transaction.atomic
def document_request(*, project: Project, kind: str, by: User, subject: str = "",
                     subject_label: str = "", is_forced: bool = False) -> Document:
    """Queue the next version of a document; a repeat, or unchanged data, returns the last.

    ``subject`` names what the document is about when a kind has one per vendor or per
    vote (the builder's ``gather`` then receives it); ``subject_label`` is shown to users.
    When the data the document is built from is the same as for the last finished version,
    that version is returned (status done, nothing queued) unless ``is_forced``.
    """
    _check_kind(kind)
    # Locking the project row serialises requests: two never get the same number, and a
    # double click finds the first job instead of creating a second one.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    active = (
        Document.objects.filter(project=project, kind=kind, subject=subject,
                                status__in=ACTIVE_STATUSES)
        .order_by("-version").first()
    )
    if active is not None:
        return active
    if not is_forced:
        unchanged = _unchanged_version(project=project, kind=kind, subject=subject)
        if unchanged is not None:
            return unchanged
    document = _create_version(project=project, kind=kind, by=by, subject=subject,
                               subject_label=subject_label)
    _enqueue(document.pk)
    return document


def document_request_message(document: Document) -> str:
    """What a generation request did: a version queued, or the unchanged one served."""
    if document.status == DocumentStatus.DONE:
        # Only a finished version comes back done: the data had not changed since.
        return _("« %(kind)s » inchangé depuis la version %(version)s : cette version est "
                 "servie telle quelle.") % {"version": document.version,
                                            "kind": document.kind_label}
    return _("Génération de la version %(version)s de « %(kind)s » demandée.") % {
        "version": document.version, "kind": document.kind_label}


def document_generate_now(*, project: Project, kind: str, by: User, subject: str = "",
                          subject_label: str = "") -> Document:
    """Record a new version and render it in this process (command line, benchmarks)."""
    _check_kind(kind)
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        document = _create_version(project=project, kind=kind, by=by, subject=subject,
                                   subject_label=subject_label)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    return document


def _claim(document_id: int) -> datetime | None:
    """Take a pending job for this run; its claim time identifies the run afterwards."""
    claimed_at = clock.now()
    taken = Document.objects.filter(pk=document_id, status=DocumentStatus.PENDING).update(
        status=DocumentStatus.RUNNING, claimed_at=claimed_at, attempts=F("attempts") + 1,
        progress=PROGRESS_CLAIMED, error="",
    )
    if taken:  # status and progress are updated in place: the pages learn it here
        revision_bump(Document.objects.filter(pk=document_id)
                      .values_list("project_id", flat=True))
    return claimed_at if taken else None


def _mine(document_id: int, claimed_at: datetime) -> QuerySet[Document]:
    """The job's row, as long as this run still holds the claim."""
    return Document.objects.filter(
        pk=document_id, status=DocumentStatus.RUNNING, claimed_at=claimed_at
    )


def _build_file(document: Document, claimed_at: datetime) -> tuple[bytes, str]:
    """Gather the data and render the file; returns it with the data's fingerprint."""
    builder = BUILDERS[document.kind]
    data = _gather(project=document.project, kind=document.kind, subject=document.subject)
    fingerprint = input_fingerprint(document.kind, data)
    _progress(document, claimed_at, PROGRESS_DATA)
    pause = settings.DOCUMENT_RENDER_PAUSE_SECONDS
    if pause > 0:
        # Only set by crash-recovery tests: widens the window where the job is running.
        time.sleep(pause)
    if builder.write is not None:
        content = builder.write(data, DocumentMeta(
            version=document.version, generated_at=claimed_at, author=document.requested_by,
        ))
    else:
        html = render_document_html(
            document.kind, data, version=document.version, generated_at=claimed_at,
            author=document.requested_by,
        )
        _progress(document, claimed_at, PROGRESS_HTML)
        content = html_to_pdf(html)
    _progress(document, claimed_at, PROGRESS_RENDERED)
    return content, fingerprint


def _progress(document: Document, claimed_at: datetime, progress: int) -> None:
    if _mine(document.pk, claimed_at).update(progress=progress):
        revision_bump([document.project_id])


def _store(document: Document, claimed_at: datetime, content: bytes, fingerprint: str) -> None:
    """Save the file, then mark the job done if this run still holds it."""
    storage = document.file.storage
    name = storage.save(
        document.file.field.generate_filename(
            document, download_filename(document.kind, document.version, document.subject)
        ),
        ContentFile(content),
    )
    finished = _mine(document.pk, claimed_at).update(
        status=DocumentStatus.DONE, progress=PROGRESS_DONE, file=name,
        checksum=hashlib.sha256(content).hexdigest(), size=len(content),
        input_fingerprint=fingerprint, finished_at=clock.now(),
    )
    revision_bump([document.project_id])
    if not finished:
        # The sweeper gave the job to another run meanwhile: its file is the one kept.
        storage.delete(name)


def document_render(*, document_id: int) -> None:
    """Build one version's file; returns quietly if the job is gone or not pending."""
    with structlog.contextvars.bound_contextvars(document_id=document_id):
        _render(document_id)


def _render(document_id: int) -> None:
    """The render itself (its log lines carry the job's id)."""
    # Not atomic on purpose: progress must be visible to the page while the job runs.
    claimed_at = _claim(document_id)
    if claimed_at is None:
        logger.info("document %s: not pending, nothing to do", document_id)
        return
    document = Document.objects.select_related("project", "requested_by").get(pk=document_id)
    try:
        content, fingerprint = _build_file(document, claimed_at)
        _store(document, claimed_at, content, fingerprint)
    except Exception as exc:
        logger.exception("document %s: render failed", document_id)
        _mine(document_id, claimed_at).update(
            status=DocumentStatus.FAILED, finished_at=clock.now(),
            error=f"{type(exc).__name__}: {exc}"[:2000],
        )
        revision_bump([document.project_id])


def document_jobs_sweep(*, stale_after_seconds: float | None = None) -> int:
    """Put orphaned jobs back in the queue: stale running ones and forgotten pending ones."""
    stale = settings.DOCUMENT_JOB_STALE_SECONDS if stale_after_seconds is None \
        else stale_after_seconds
    cutoff = clock.now() - timedelta(seconds=stale)
    with transaction.atomic():
        # skip_locked: two sweepers (beat and a starting worker) never both take a row.
        stuck = list(
            Document.objects.select_for_update(skip_locked=True)
            .filter(status=DocumentStatus.RUNNING, claimed_at__lt=cutoff)
            .values_list("pk", flat=True)
        )
        Document.objects.filter(pk__in=stuck).update(
            status=DocumentStatus.PENDING, claimed_at=None, progress=0
        )
        revision_bump(Document.objects.filter(pk__in=stuck)
                      .values_list("project_id", flat=True))
        forgotten = list(
            Document.objects.select_for_update(skip_locked=True)
            .filter(status=DocumentStatus.PENDING, requested_at__lt=cutoff)
            .exclude(pk__in=stuck).values_list("pk", flat=True)
        )
        for document_id in [*stuck, *forgotten]:
            _enqueue(document_id)
    if stuck or forgotten:
        logger.warning("document jobs sweep: %s stale running, %s pending re-enqueued",
                       len(stuck), len(forgotten))
    return len(stuck) + len(forgotten)


@transaction.atomic
def document_retry(*, document: Document) -> bool:
    """Queue a failed job again, or one whose worker went silent; False if neither."""
    cutoff = clock.now() - timedelta(seconds=settings.DOCUMENT_JOB_STALE_SECONDS)
    retried = Document.objects.filter(pk=document.pk).filter(
        Q(status=DocumentStatus.FAILED)
        | Q(status=DocumentStatus.RUNNING, claimed_at__lt=cutoff)
    ).update(status=DocumentStatus.PENDING, claimed_at=None, progress=0, finished_at=None,
             error="")
    if retried:
        revision_bump([document.project_id])
        _enqueue(document.pk)
    return bool(retried)


def document_sections(document: Document) -> tuple[tuple[str, str], ...]:
    """The sections reviewers may comment on for this version's kind."""
    builder = BUILDERS.get(document.kind)
    return builder.sections if builder else ()


@transaction.atomic
def document_comment_add(*, document: Document, section: str, author: User,
                         body: str) -> DocumentComment:
    """Record a reviewer's comment on one section of a finished, not yet validated version."""
    locked = Document.objects.select_for_update().get(pk=document.pk)
    if locked.is_frozen:
        raise DomainError(_("Cette version est validée et figée : elle ne se commente plus. "
                            "Générez une nouvelle version pour reprendre la relecture."))
    if locked.status != DocumentStatus.DONE:
        raise DomainError(_("Seule une version prête peut être relue."))
    if section not in dict(document_sections(locked)):
        raise DomainError(_("Section inconnue pour ce document."))
    text = body.strip()
    if not text:
        raise DomainError(_("Le commentaire est vide."))
    return DocumentComment.objects.create(document=locked, section=section, author=author,
                                          body=text)
