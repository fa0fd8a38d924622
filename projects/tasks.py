"""Celery entry points of the projects app: thin, they receive ids and call one service."""

from __future__ import annotations

import logging
from typing import Any

from celery import shared_task
from celery.signals import worker_ready
from django.db import connections

from .documents import services as document_services
from .reminders import services as reminder_services
from .transfer import services as transfer_services

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def document_generate(document_id: int) -> None:
    """Render one document version; a repeated delivery finds the job taken and returns."""
    document_services.document_render(document_id=document_id)


@shared_task(acks_late=True)
def project_archive_generate(archive_id: int) -> None:
    """Build one project archive; a repeated delivery finds the job taken and returns."""
    transfer_services.project_archive_build(archive_id=archive_id)


@shared_task
def document_jobs_sweep() -> int:
    """Periodic: put document jobs orphaned by a dead worker back in the queue."""
    return document_services.document_jobs_sweep()


@shared_task(acks_late=True)
def reminders_send() -> int:
    """Periodic (beat, once a day): e-mail today's reminders; a second tick sends nothing."""
    return reminder_services.reminders_send()


@worker_ready.connect
def sweep_on_worker_start(**_kwargs: Any) -> None:
    """A worker coming back picks up the jobs a killed worker left running."""
    try:
        count = document_services.document_jobs_sweep()
        logger.info("document jobs sweep at worker start: %s job(s) re-enqueued", count)
    finally:
        # The worker's main process must not keep a connection its children would share.
        connections.close_all()
