"""An unchanged document is served at once: same version, nothing queued, no new file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from msp_si import celery_app
from projects.choices import DocumentKind, DocumentStatus, Role
from projects.documents.builders import BUILDERS, note_de_cadrage_data
from projects.documents.fingerprint import input_fingerprint
from projects.documents.services import document_request
from projects.models import Document, Project
from tests.typography import plain

NOTE = DocumentKind.NOTE_DE_CADRAGE


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


def _request(project, by, capture, **kwargs) -> tuple[Document, int]:  # type: ignore[no-untyped-def]
    """Request the note de cadrage, rendering for real what gets queued; count the jobs."""
    with capture(execute=True) as callbacks:
        document = document_request(project=project, kind=NOTE, by=by, **kwargs)
    document.refresh_from_db()
    return document, len(callbacks)


def test_an_unchanged_document_is_served_as_the_same_version(
        project, lead, eager, django_capture_on_commit_callbacks, media_root) -> None:
    first, first_jobs = _request(project, lead, django_capture_on_commit_callbacks)
    second, second_jobs = _request(project, lead, django_capture_on_commit_callbacks)
    assert (first.status, first_jobs, len(first.input_fingerprint)) == (
        DocumentStatus.DONE, 1, 64)
    assert (second.pk, second.version, second_jobs) == (first.pk, 1, 0)
    assert Document.objects.count() == 1
    assert len(list(media_root.rglob("*.pdf"))) == 1


def test_a_data_change_gives_a_new_version(
        project, lead, eager, django_capture_on_commit_callbacks) -> None:
    first, _ = _request(project, lead, django_capture_on_commit_callbacks)
    project.name = "MSP des Tilleuls (nouveau nom)"
    project.save()
    second, jobs = _request(project, lead, django_capture_on_commit_callbacks)
    assert (second.version, second.status, jobs) == (2, DocumentStatus.DONE, 1)
    assert second.input_fingerprint != first.input_fingerprint


def test_a_change_in_a_related_row_gives_a_new_version(
        project, lead, add_member, eager, django_capture_on_commit_callbacks) -> None:
    _request(project, lead, django_capture_on_commit_callbacks)
    add_member(project, Role.MEMBER)
    second, jobs = _request(project, lead, django_capture_on_commit_callbacks)
    assert (second.version, jobs) == (2, 1)


def test_a_forced_request_gives_a_new_version(
        project, lead, eager, django_capture_on_commit_callbacks) -> None:
    _request(project, lead, django_capture_on_commit_callbacks)
    second, jobs = _request(project, lead, django_capture_on_commit_callbacks, is_forced=True)
    assert (second.version, jobs) == (2, 1)


def test_a_failed_last_version_is_not_served(
        project, lead, eager, django_capture_on_commit_callbacks) -> None:
    first, _ = _request(project, lead, django_capture_on_commit_callbacks)
    Document.objects.filter(pk=first.pk).update(status=DocumentStatus.FAILED)
    second, jobs = _request(project, lead, django_capture_on_commit_callbacks)
    assert (second.version, jobs) == (2, 1)


def test_the_page_says_the_document_is_unchanged(
        project, lead, client_for, eager, django_capture_on_commit_callbacks) -> None:
    client = client_for(lead)
    url = reverse("projects:document-generate", args=[project.pk, NOTE])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = plain(client.post(url, follow=True).content.decode())
    assert "inchangé depuis la version 1" in page
    assert (Document.objects.count(), len(callbacks)) == (1, 0)
    with django_capture_on_commit_callbacks(execute=True):
        page = plain(client.post(url, {"is_forced": "on"}, follow=True).content.decode())
    assert "Génération de la version 2 de" in page
    assert list(Document.objects.values_list("version", flat=True)) == [2, 1]


def test_the_fingerprint_ignores_the_language_and_identity_of_objects(project) -> None:
    from django.utils import translation

    with translation.override("en"):
        english = input_fingerprint(NOTE, note_de_cadrage_data(project))
    assert english == input_fingerprint(NOTE, note_de_cadrage_data(project))
    assert english != input_fingerprint(DocumentKind.NOTE_DE_CADRAGE + "x",
                                        note_de_cadrage_data(project))


@dataclass
class _Line:
    amount: Decimal
    tags: frozenset[str]


def test_the_fingerprint_follows_values_not_order_of_sets_or_keys() -> None:
    a = {"b": [_Line(Decimal("1.50"), frozenset({"x", "y"}))], "a": None}
    b = {"a": None, "b": [_Line(Decimal("1.5"), frozenset({"y", "x"}))]}
    c = {"a": None, "b": [_Line(Decimal("1.6"), frozenset({"y", "x"}))]}
    assert input_fingerprint(NOTE, a) == input_fingerprint(NOTE, b)
    assert input_fingerprint(NOTE, a) != input_fingerprint(NOTE, c)


def test_an_object_without_canonical_form_is_refused() -> None:
    with pytest.raises(TypeError):
        input_fingerprint(NOTE, {"handle": object()})


def test_every_project_wide_builder_has_a_stable_fingerprint(project) -> None:
    """Every declared kind's data reduces to canonical form, the same on a second read."""
    kinds = [kind for kind, builder in BUILDERS.items() if not builder.takes_subject]
    assert len(kinds) >= 4
    for kind in kinds:
        # A first read may create a project's default settings; then each read from a
        # fresh row, as the pipeline does, gives the same fingerprint.
        BUILDERS[kind].gather(Project.objects.get(pk=project.pk))
        first, second = (input_fingerprint(kind, BUILDERS[kind].gather(
            Project.objects.get(pk=project.pk))) for _ in range(2))
        assert first == second, kind
