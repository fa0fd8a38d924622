"""The chef de projet downloads the project's archive, built in the background."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

import pytest
from django.urls import reverse

from msp_si import celery_app
from projects.choices import DocumentStatus, Role
from projects.models import ProjectArchive
from projects.transfer.archive import archive_read
from tests.typography import plain

pytestmark = pytest.mark.django_db


@pytest.fixture
def eager() -> Iterator[None]:
    """Run queued tasks in this process, whatever broker the environment names."""
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_the_lead_asks_for_the_archive_and_downloads_it(
        project, lead, client_for, media_root, eager, django_capture_on_commit_callbacks
) -> None:
    client = client_for(lead)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("projects:project-archive", args=[project.pk]))
    assert response.status_code == 302
    [archive] = ProjectArchive.objects.filter(project=project)
    assert (archive.status, archive.progress, archive.attempts) == (DocumentStatus.DONE, 100, 1)

    page = client.get(reverse("projects:project-archive", args=[project.pk]))
    assert "Télécharger l'archive (ZIP)" in plain(page.content.decode())
    download = client.get(reverse("projects:project-archive-download",
                                  args=[project.pk, archive.pk]))
    assert download["Content-Type"] == "application/zip"
    assert download["Cache-Control"] == "private, no-store"
    content = b"".join(download.streaming_content)
    checked = archive_read(io.BytesIO(content))
    assert checked.manifest["project"]["name"] == project.name
    assert zipfile.ZipFile(io.BytesIO(content)).testzip() is None


def test_a_double_click_gets_the_job_already_queued(project, lead, client_for) -> None:
    client = client_for(lead)
    client.post(reverse("projects:project-archive", args=[project.pk]))
    client.post(reverse("projects:project-archive", args=[project.pk]))
    assert ProjectArchive.objects.filter(project=project).count() == 1


def test_the_row_shows_the_progress_while_it_is_built(project, lead, client_for) -> None:
    archive = ProjectArchive.objects.create(project=project, requested_by=lead,
                                            status=DocumentStatus.RUNNING, progress=40)
    row = plain(client_for(lead).get(reverse("projects:project-archive-status",
                                       args=[project.pk, archive.pk])).content.decode())
    assert 'value="40"' in row
    assert "hx-trigger" in row


def test_another_project_s_archive_is_hidden(project, lead, client_for, make_project) -> None:
    other = make_project()
    archive = ProjectArchive.objects.create(project=other, requested_by=other.created_by,
                                            status=DocumentStatus.DONE)
    response = client_for(lead).get(reverse("projects:project-archive-download",
                                            args=[project.pk, archive.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", [Role.AMOA, Role.MEMBER, Role.OBSERVER])
def test_only_the_lead_downloads_it(project, lead, add_member, client_for, role) -> None:
    archive = ProjectArchive.objects.create(project=project, requested_by=lead,
                                            status=DocumentStatus.DONE)
    member = add_member(project, role)
    response = client_for(member.user).get(reverse("projects:project-archive-download",
                                                   args=[project.pk, archive.pk]))
    assert response.status_code == 403
