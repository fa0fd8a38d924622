"""Two hosts joined only by the object store: a worker builds, the web process serves."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from django.urls import reverse

from projects.choices import DocumentKind, DocumentStatus
from projects.models import Document

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


def test_a_document_built_by_the_worker_is_downloaded_by_the_web_process(
        start_worker, s3_storage, s3_location, settings, tmp_path: Path, project, lead,
        client_for) -> None:
    worker_media, web_media = tmp_path / "worker-host", tmp_path / "web-host"
    worker_media.mkdir()
    web_media.mkdir()
    settings.MEDIA_ROOT = web_media
    worker = start_worker(MEDIA_ROOT=str(worker_media),
                          **s3_storage.environment(location=s3_location))
    client = client_for(lead)
    assert client.post(reverse("projects:document-generate",
                               args=[project.pk, NOTE])).status_code == 302
    document = Document.objects.get(project=project, kind=NOTE)
    wait_for(lambda: Document.objects.get(pk=document.pk).status in (
        DocumentStatus.DONE, DocumentStatus.FAILED), what="génération par le worker")
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE, worker.log()

    response = client.get(reverse("projects:document-download", args=[project.pk, document.pk]))
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == document.checksum
    # Nothing on either host's disk: the bucket is the only link between them.
    assert not any(worker_media.rglob("*"))
    assert not any(web_media.rglob("*"))
    s3_storage.client().head_object(Bucket=s3_storage.bucket,
                                    Key=f"{s3_location}/{document.file.name}")
