"""Archive jobs: the chef de projet asks for the project's archive, a worker builds it.

Same shape as the document jobs: the ``ProjectArchive`` row is the source of truth, claimed
with a conditional update, enqueued after commit, safe to run twice. A job left running
past ``DOCUMENT_JOB_STALE_SECONDS`` (its worker died) no longer blocks a new request.
"""

from __future__ import annotations

import hashlib
import logging
import tempfile
from datetime import datetime, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

import structlog
from celery import current_app
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from msp_si.common import clock

from ..choices import DocumentStatus
from ..models import Project, ProjectArchive
from ..pagecache.revision import revision_bump
from .export import project_export

if TYPE_CHECKING:
    from msp_si.accounts.models import User

logger = logging.getLogger(__name__)

ARCHIVE_TASK = "projects.tasks.project_archive_generate"
ACTIVE = (DocumentStatus.PENDING, DocumentStatus.RUNNING)


def archive_filename(project: Project, at: datetime) -> str:
    """« projet-12-20261123-1000.zip »: which project, when."""
    return f"projet-{project.pk}-{timezone.localtime(at):%Y%m%d-%H%M}.zip"


@transaction.atomic
def project_archive_request(*, project: Project, by: User) -> ProjectArchive:
    """Queue an archive of the project; a job still alive is returned instead of a second."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    stale_before = clock.now() - timedelta(seconds=settings.DOCUMENT_JOB_STALE_SECONDS)
    active = ProjectArchive.objects.filter(project=project, status__in=ACTIVE).first()
    if active is not None and (active.claimed_at or active.requested_at) >= stale_before:
        return active
    if active is not None:
        # Its worker died: give up on it so that it blocks nothing any more.
        ProjectArchive.objects.filter(pk=active.pk).update(
            status=DocumentStatus.FAILED, finished_at=clock.now(),
            error="abandonnée : aucune avancée dans le délai")
    archive = ProjectArchive.objects.create(project=project, requested_by=by)
    transaction.on_commit(partial(current_app.tasks[ARCHIVE_TASK].delay, archive.pk))
    return archive


def _mine(archive_id: int, claimed_at: datetime) -> QuerySet[ProjectArchive]:
    """The job's row, as long as this run still holds the claim."""
    return ProjectArchive.objects.filter(pk=archive_id, status=DocumentStatus.RUNNING,
                                         claimed_at=claimed_at)


def _touch(jobs: QuerySet[ProjectArchive], **values: Any) -> int:
    """Update the job's row in place, and let the project's pages know (no signal is sent
    for an update)."""
    projects = list(jobs.values_list("project_id", flat=True))
    changed = jobs.update(**values)
    if changed:
        revision_bump(projects)
    return changed


def _report(archive_id: int, claimed_at: datetime, percent: int) -> None:
    """Show the export's progress on the job's row (100 only once the file is stored)."""
    _touch(_mine(archive_id, claimed_at), progress=max(5, min(percent, 95)))


def project_archive_build(*, archive_id: int) -> None:
    """Build one requested archive; returns quietly if the job is gone or not pending."""
    with structlog.contextvars.bound_contextvars(archive_id=archive_id):
        _build(archive_id)


def _build(archive_id: int) -> None:
    """The build itself (its log lines carry the job's id)."""
    claimed_at = clock.now()
    if not _touch(ProjectArchive.objects.filter(pk=archive_id, status=DocumentStatus.PENDING),
                  status=DocumentStatus.RUNNING, claimed_at=claimed_at, progress=5,
                  attempts=F("attempts") + 1, error=""):
        logger.info("project archive %s: not pending, nothing to do", archive_id)
        return
    job = ProjectArchive.objects.select_related("project").get(pk=archive_id)
    try:
        # A temporary file, not memory: a project's files may weigh hundreds of megabytes.
        with tempfile.TemporaryFile() as scratch:
            project_export(project=job.project, destination=scratch,
                           progress=partial(_report, archive_id, claimed_at))
            scratch.seek(0)
            digest = hashlib.file_digest(scratch, "sha256").hexdigest()
            size = scratch.tell()
            scratch.seek(0)
            name = job.file.storage.save(
                job.file.field.generate_filename(job, archive_filename(job.project, claimed_at)),
                File(scratch))
        if not _touch(
                _mine(archive_id, claimed_at), status=DocumentStatus.DONE, progress=100,
                file=name, checksum=digest, size=size, finished_at=clock.now()):
            job.file.storage.delete(name)
    except Exception as exc:
        logger.exception("project archive %s: build failed", archive_id)
        _touch(_mine(archive_id, claimed_at),
               status=DocumentStatus.FAILED, finished_at=clock.now(),
               error=f"{type(exc).__name__}: {exc}"[:2000])
