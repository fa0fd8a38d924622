"""Document pages: who may generate, live status, download scoped to the project."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.urls import reverse

from msp_si import celery_app
from msp_si.common import clock
from projects.choices import DocumentKind, DocumentStatus, Role
from projects.documents import services as document_services
from projects.models import Document
from tests.typography import plain

NOTE = DocumentKind.NOTE_DE_CADRAGE
FAKE_PDF = b"%PDF-1.7 fake document for view tests"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Each test stores its files in its own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def eager() -> Iterator[None]:
    """Run queued tasks in this process, whatever broker the environment names."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


@pytest.fixture
def fast_pdf(monkeypatch) -> None:
    """Fixed bytes instead of WeasyPrint where the PDF's content does not matter."""
    monkeypatch.setattr(document_services, "html_to_pdf", lambda html: FAKE_PDF)


def _list_url(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:document-list", args=[project.pk])


def _generate_url(project, kind: str = NOTE) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:document-generate", args=[project.pk, kind])


def _done_document(project, by) -> Document:  # type: ignore[no-untyped-def]
    return document_services.document_generate_now(project=project, kind=NOTE, by=by)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT,
                                  Role.DOMAIN_REFERENT])
def test_roles_without_the_permission_cannot_generate(project, add_member, client_for,
                                                      role) -> None:
    member = add_member(project, role)
    client = client_for(member.user)
    assert client.post(_generate_url(project)).status_code == 403
    assert Document.objects.count() == 0
    page = client.get(_list_url(project))
    assert page.status_code == 200
    assert _generate_url(project) not in plain(page.content.decode())


@pytest.mark.parametrize("role", [Role.AMOA, Role.PROJECT_LEAD])
def test_lead_and_amoa_queue_a_job(project, add_member, client_for,
                                   django_capture_on_commit_callbacks, role) -> None:
    member = add_member(project, role)
    client = client_for(member.user)
    assert _generate_url(project) in plain(client.get(_list_url(project)).content.decode())
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(_generate_url(project))
    assert response.status_code == 302
    assert response.url == _list_url(project)
    document = Document.objects.get()
    assert (document.version, document.status, document.requested_by) == (
        1, DocumentStatus.PENDING, member.user)
    assert len(callbacks) == 1  # sent to the workers after commit


def test_a_double_click_creates_one_job(project, lead, client_for,
                                        django_capture_on_commit_callbacks) -> None:
    client = client_for(lead)
    with django_capture_on_commit_callbacks():
        client.post(_generate_url(project))
        client.post(_generate_url(project))
    assert Document.objects.count() == 1


def test_generate_refuses_get_and_unknown_kinds(project, lead, client_for) -> None:
    client = client_for(lead)
    assert client.get(_generate_url(project)).status_code == 405
    assert client.post(_generate_url(project, "inconnu")).status_code == 404


def test_outsiders_do_not_see_the_documents(project, make_user, client_for) -> None:
    client = client_for(make_user())
    assert client.get(_list_url(project)).status_code == 404
    assert client.post(_generate_url(project)).status_code == 404


def test_the_list_shows_versions_and_polls_only_active_ones(
        project, lead, client_for, fast_pdf, django_assert_max_num_queries) -> None:
    done = _done_document(project, lead)
    Document.objects.filter(pk=done.pk).update(is_frozen=True)
    running = Document.objects.create(project=project, kind=NOTE, version=2, requested_by=lead,
                                      status=DocumentStatus.RUNNING, progress=40)
    client = client_for(lead)
    with django_assert_max_num_queries(12):
        page = plain(client.get(_list_url(project)).content.decode())
    assert "version validée" in page
    assert reverse("projects:document-status", args=[project.pk, running.pk]) in page
    assert page.count('hx-trigger="every 1s"') == 1
    assert reverse("projects:document-download", args=[project.pk, done.pk]) in page
    assert done.checksum[:12] in page


def test_the_status_fragment_polls_until_done(project, lead, client_for) -> None:
    document = Document.objects.create(project=project, kind=NOTE, version=1,
                                       requested_by=lead, status=DocumentStatus.RUNNING,
                                       progress=40)
    client = client_for(lead)
    url = reverse("projects:document-status", args=[project.pk, document.pk])
    running = plain(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert running.lstrip().startswith(f'<tr id="document-{document.pk}"')
    assert 'hx-trigger="every 1s"' in running
    assert 'value="40"' in running
    Document.objects.filter(pk=document.pk).update(status=DocumentStatus.DONE, progress=100)
    done = plain(client.get(url, headers={"HX-Request": "true"}).content.decode())
    assert "hx-trigger" not in done
    assert reverse("projects:document-download", args=[project.pk, document.pk]) in done


def test_a_failed_job_says_so_in_french(project, lead, client_for) -> None:
    document = Document.objects.create(project=project, kind=NOTE, version=1,
                                       requested_by=lead, status=DocumentStatus.FAILED,
                                       error="RuntimeError: boom")
    url = reverse("projects:document-status", args=[project.pk, document.pk])
    page = plain(client_for(lead).get(url).content.decode())
    assert "La génération a échoué." in page
    # The Python error stays in the log: users read what to do, never a traceback text.
    assert "RuntimeError" not in page
    assert "Incident technique pendant la génération" in page


def test_generation_end_to_end_then_download(project, add_member, client_for, eager,
                                             django_capture_on_commit_callbacks) -> None:
    observer = add_member(project, Role.OBSERVER)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(project.created_by).post(_generate_url(project))
    document = Document.objects.get()
    assert document.status == DocumentStatus.DONE
    response = client_for(observer.user).get(
        reverse("projects:document-download", args=[project.pk, document.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="note-de-cadrage-v1.pdf"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith(b"%PDF")
    assert len(body) == document.size


def test_another_projects_document_is_not_found(make_project, client_for, fast_pdf) -> None:
    mine, theirs = make_project(name="MSP A"), make_project(name="MSP B")
    their_document = _done_document(theirs, theirs.created_by)
    client = client_for(mine.created_by)
    for name in ("document-download", "document-status"):
        url = reverse(f"projects:{name}", args=[mine.pk, their_document.pk])
        assert client.get(url).status_code == 404


def test_an_unfinished_version_cannot_be_downloaded(project, lead, client_for) -> None:
    document = Document.objects.create(project=project, kind=NOTE, version=1,
                                       requested_by=lead)
    url = reverse("projects:document-download", args=[project.pk, document.pk])
    assert client_for(lead).get(url).status_code == 404


def test_a_failed_version_can_be_retried_from_its_row(project, lead, client_for, eager,
                                                      fast_pdf,
                                                      django_capture_on_commit_callbacks
                                                      ) -> None:
    failed = Document.objects.create(project=project, kind=NOTE, version=1, requested_by=lead,
                                     status=DocumentStatus.FAILED, error="OSError: police")
    client = client_for(lead)
    row = client.get(reverse("projects:document-status", args=[project.pk, failed.pk]))
    assert "Relancer la version 1" in plain(row.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:document-retry", args=[project.pk, failed.pk]))

    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.error) == (DocumentStatus.DONE, 1, "")


def test_a_version_still_running_normally_is_not_retried(project, lead, client_for) -> None:
    running = Document.objects.create(project=project, kind=NOTE, version=1, requested_by=lead,
                                      status=DocumentStatus.RUNNING, claimed_at=clock.now())
    client = client_for(lead)
    row = client.get(reverse("projects:document-status", args=[project.pk, running.pk]))
    assert "Relancer" not in plain(row.content.decode())
    response = client.post(reverse("projects:document-retry", args=[project.pk, running.pk]),
                           follow=True)
    assert "ni en échec ni bloquée" in plain(response.content.decode())
    running.refresh_from_db()
    assert running.status == DocumentStatus.RUNNING


def test_a_stuck_version_offers_a_new_attempt(project, lead, client_for, settings, eager,
                                              fast_pdf, django_capture_on_commit_callbacks
                                              ) -> None:
    stuck = Document.objects.create(
        project=project, kind=NOTE, version=1, requested_by=lead, status=DocumentStatus.RUNNING,
        claimed_at=clock.now() - timedelta(seconds=settings.DOCUMENT_JOB_STALE_SECONDS + 5))
    client = client_for(lead)
    row = client.get(reverse("projects:document-status", args=[project.pk, stuck.pk]))
    assert "Relancer la version 1" in plain(row.content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:document-retry", args=[project.pk, stuck.pk]))

    assert response.status_code == 302
    stuck.refresh_from_db()
    assert (stuck.status, stuck.error) == (DocumentStatus.DONE, "")
    assert stuck.file.name
