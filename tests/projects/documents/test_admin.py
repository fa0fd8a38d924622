"""Staff follow document jobs in the admin and put failed or stuck ones back (« relancer »)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest
from django.urls import reverse

from msp_si import celery_app
from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import DocumentKind, DocumentStatus
from projects.documents import services as document_services
from projects.models import Document
from tests.typography import plain

pytestmark = pytest.mark.django_db

NOTE = DocumentKind.NOTE_DE_CADRAGE


@pytest.fixture
def staff_client(client):  # type: ignore[no-untyped-def]
    client.force_login(User.objects.create_superuser("admin@instance.test", "mdp-admin-42"))
    return client


def _job(project, lead, version: int, **fields) -> Document:  # type: ignore[no-untyped-def]
    return Document.objects.create(project=project, kind=NOTE, version=version,
                                   requested_by=lead, **fields)


def test_the_list_shows_status_attempts_and_error(staff_client, project, lead) -> None:
    _job(project, lead, 1, status=DocumentStatus.FAILED, attempts=2, error="OSError: police")
    page = staff_client.get(reverse("admin:projects_document_changelist"))
    assert page.status_code == 200
    assert "Échec" in plain(page.content.decode())


@pytest.fixture
def eager(settings, tmp_path, monkeypatch) -> Iterator[None]:
    """Queued renders run in this process, with fixed bytes instead of WeasyPrint."""
    settings.MEDIA_ROOT = tmp_path
    monkeypatch.setattr(document_services, "html_to_pdf", lambda html: b"%PDF-1.7 essai")
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_relancer_puts_failed_and_stuck_jobs_back_and_leaves_the_others(
        staff_client, project, lead, django_capture_on_commit_callbacks, eager) -> None:
    failed = _job(project, lead, 1, status=DocumentStatus.FAILED, error="boom")
    stuck = _job(project, lead, 2, status=DocumentStatus.RUNNING,
                 claimed_at=clock.now() - timedelta(hours=1))
    running = _job(project, lead, 3, status=DocumentStatus.RUNNING, claimed_at=clock.now())
    done = _job(project, lead, 4, status=DocumentStatus.DONE)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("admin:projects_document_changelist"), {
            "action": "relancer",
            "_selected_action": [failed.pk, stuck.pk, running.pk, done.pk],
        }, follow=True)

    text = plain(response.content.decode())
    assert "2 générations relancées." in text
    assert "2 documents ignorés" in text
    # Both were queued again and rendered (eagerly, here); the others are untouched.
    statuses = dict(Document.objects.values_list("pk", "status"))
    assert statuses == {failed.pk: DocumentStatus.DONE, stuck.pk: DocumentStatus.DONE,
                        running.pk: DocumentStatus.RUNNING, done.pk: DocumentStatus.DONE}
    assert Document.objects.get(pk=failed.pk).error == ""
    assert Document.objects.get(pk=running.pk).attempts == 0
