"""A real Celery worker builds the note de cadrage, and survives being killed mid-job."""

from __future__ import annotations

import io
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from projects.choices import DocumentKind, DocumentStatus
from projects.documents.services import document_request
from projects.models import Document
from tests.typography import plain

from .conftest import integration_skip_reason, wait_for

pytestmark = [
    pytest.mark.integration,
    # One xdist process for every test of the broker (see conftest.py), marked here at
    # collection so the load-group scheduler sees it whatever order the hooks run in.
    pytest.mark.xdist_group("broker"),
    pytest.mark.skipif(integration_skip_reason() is not None,
                       reason=integration_skip_reason() or ""),
]

NOTE = DocumentKind.NOTE_DE_CADRAGE
SECTION_TITLES = [
    "1. Contexte", "2. Objectifs", "3. Périmètre fonctionnel", "4. Utilisateurs concernés",
    "5. Équipe projet", "6. Calendrier et jalons", "7. Budget prévisionnel",
]


def _status(document_id: int) -> Document:
    return Document.objects.get(pk=document_id)


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    """Page count, and the text of the pages after the cover (contents and chapters)."""
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]
    return len(pages), re.sub(r"\s+", " ", plain(" ".join(pages[1:])))


def test_a_worker_builds_the_note_requested_through_the_app(start_worker, project, lead,
                                                            client_for) -> None:
    worker = start_worker()
    client = client_for(lead)
    requested = time.monotonic()
    response = client.post(reverse("projects:document-generate", args=[project.pk, NOTE]))
    assert response.status_code == 302
    document = Document.objects.get(project=project, kind=NOTE)
    wait_for(lambda: _status(document.pk).status in (DocumentStatus.DONE,
                                                      DocumentStatus.FAILED),
             what="fin de la génération par le worker")
    elapsed = time.monotonic() - requested
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE, worker.log()
    print(f"\nnote de cadrage par le worker : {elapsed:.2f} s de la demande au PDF prêt "
          f"({document.size} octets)")
    download = client.get(reverse("projects:document-download", args=[project.pk, document.pk]))
    pdf = b"".join(download.streaming_content)
    pages, text = _pdf_text(pdf)
    assert pages > 2
    positions = [text.find(title) for title in SECTION_TITLES]
    assert -1 not in positions
    assert positions == sorted(positions)
    assert project.name in text
    assert (document.attempts, document.progress) == (1, 100)


def test_a_job_orphaned_by_a_killed_worker_is_finished_by_the_next_one(
        start_worker, project, lead) -> None:
    slow = start_worker(DOCUMENT_RENDER_PAUSE_SECONDS="5")
    document = document_request(project=project, kind=NOTE, by=lead)
    wait_for(lambda: _status(document.pk).status == DocumentStatus.RUNNING,
             what="prise en charge par le premier worker")
    # The restarted worker's sweep treats claims older than one second as orphaned.
    wait_for(lambda: (timezone.now() - _status(document.pk).claimed_at).total_seconds() > 1.2,
             what="ancienneté de la prise en charge")
    slow.kill()
    assert _status(document.pk).status == DocumentStatus.RUNNING  # orphaned, not finished
    started = time.monotonic()
    start_worker(DOCUMENT_JOB_STALE_SECONDS="1")
    wait_for(lambda: _status(document.pk).status == DocumentStatus.DONE,
             what="reprise et fin du travail par le second worker")
    print(f"\nreprise après arrêt brutal : {time.monotonic() - started:.2f} s du redémarrage "
          f"du worker au PDF prêt")
    rows = Document.objects.filter(project=project, kind=NOTE)
    assert rows.count() == 1
    document.refresh_from_db()
    assert (document.status, document.attempts, document.version) == (
        DocumentStatus.DONE, 2, 1)
    with document.file.open("rb") as handle:
        pages, text = _pdf_text(handle.read())
    assert pages > 2
    assert "6. Calendrier et jalons" in text
