"""Document jobs: numbering, double requests, idempotent renders, failures, the sweeper."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from msp_si.common.errors import DomainError
from projects.choices import DocumentKind, DocumentStatus
from projects.documents import services as document_services
from projects.documents.services import (
    document_generate_now,
    document_jobs_sweep,
    document_render,
    document_request,
)
from projects.models import Document
from requirements.choices import RequirementsDocument

NOTE = DocumentKind.NOTE_DE_CADRAGE
FAKE_PDF = b"%PDF-1.7 fake document for service tests"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path: Path) -> Path:
    """Each test stores its files in its own folder."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:
    """Ids the services queue, instead of sending them to a broker."""
    sent: list[int] = []
    monkeypatch.setattr(document_services, "_enqueue", sent.append)
    return sent


@pytest.fixture
def fast_pdf(monkeypatch) -> list[int]:
    """Replace WeasyPrint by fixed bytes; record the job's progress when it is called."""
    progress_seen: list[int] = []

    def fake(html: str) -> bytes:
        progress_seen.append(Document.objects.get().progress)
        return FAKE_PDF

    monkeypatch.setattr(document_services, "html_to_pdf", fake)
    return progress_seen


def _files(media_root: Path) -> list[Path]:
    return sorted(p for p in media_root.rglob("*") if p.is_file())


def test_versions_are_numbered_one_two_three(project, lead, enqueued, fast_pdf) -> None:
    versions = []
    for _ in range(3):
        # Forced: the data does not change between the requests.
        document = document_request(project=project, kind=NOTE, by=lead, is_forced=True)
        document_render(document_id=document.pk)
        versions.append(document.version)
    assert versions == [1, 2, 3]
    assert enqueued == list(Document.objects.order_by("version").values_list("pk", flat=True))


def test_versions_are_counted_per_project(make_project, lead, enqueued) -> None:
    first, second = make_project(name="MSP A"), make_project(name="MSP B")
    a = document_request(project=first, kind=NOTE, by=first.created_by)
    b = document_request(project=second, kind=NOTE, by=second.created_by)
    assert (a.version, b.version) == (1, 1)


@pytest.mark.parametrize("status", [DocumentStatus.PENDING, DocumentStatus.RUNNING])
def test_a_double_request_returns_the_active_job(project, lead, enqueued, status) -> None:
    first = document_request(project=project, kind=NOTE, by=lead)
    Document.objects.filter(pk=first.pk).update(status=status)
    second = document_request(project=project, kind=NOTE, by=lead)
    assert second.pk == first.pk
    assert Document.objects.count() == 1
    assert enqueued == [first.pk]


def test_a_request_is_sent_only_after_commit(project, lead,
                                             django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        document = document_request(project=project, kind=NOTE, by=lead)
    assert len(callbacks) == 1
    document.refresh_from_db()
    assert document.status == DocumentStatus.PENDING


def test_an_unknown_kind_is_refused(project, lead, enqueued) -> None:
    with pytest.raises(DomainError):
        document_request(project=project, kind="grille_pirate", by=lead)
    assert Document.objects.count() == 0


def test_render_stores_the_file_checksum_and_size(project, lead, enqueued, fast_pdf,
                                                  media_root) -> None:
    document = document_request(project=project, kind=NOTE, by=lead)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.DONE
    assert document.progress == 100
    assert document.size == len(FAKE_PDF)
    assert len(document.checksum) == 64
    assert document.file.name.endswith("note-de-cadrage-v1.pdf")
    assert document.file.read() == FAKE_PDF
    assert document.finished_at is not None
    assert document.attempts == 1
    # The PDF is rendered once data and HTML are ready (progress stage "HTML built").
    assert fast_pdf == [document_services.PROGRESS_HTML]


def test_rendering_twice_is_harmless(project, lead, enqueued, fast_pdf, media_root) -> None:
    document = document_request(project=project, kind=NOTE, by=lead)
    document_render(document_id=document.pk)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.attempts == 1
    assert Document.objects.count() == 1
    assert len(_files(media_root)) == 1


def test_rendering_a_missing_job_returns_quietly(db) -> None:
    document_render(document_id=987654)


def test_a_failure_is_recorded(project, lead, enqueued, monkeypatch) -> None:
    def broken(html: str) -> bytes:
        raise RuntimeError("police introuvable")

    monkeypatch.setattr(document_services, "html_to_pdf", broken)
    document = document_request(project=project, kind=NOTE, by=lead)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.FAILED
    assert "police introuvable" in document.error
    assert document.finished_at is not None
    assert not document.file


def test_a_run_that_lost_its_claim_keeps_no_file(project, lead, enqueued, monkeypatch,
                                                 media_root) -> None:
    def overtaken(html: str) -> bytes:
        # Meanwhile the sweeper gave the job to another worker, which claimed it again.
        Document.objects.update(claimed_at=timezone.now() + timedelta(seconds=5))
        return FAKE_PDF

    monkeypatch.setattr(document_services, "html_to_pdf", overtaken)
    document = document_request(project=project, kind=NOTE, by=lead)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == DocumentStatus.RUNNING
    assert _files(media_root) == []


def test_the_render_pause_setting_is_honoured(project, lead, enqueued, fast_pdf, settings,
                                              monkeypatch) -> None:
    pauses: list[float] = []
    monkeypatch.setattr(document_services.time, "sleep", pauses.append)
    settings.DOCUMENT_RENDER_PAUSE_SECONDS = 0.5
    document = document_request(project=project, kind=NOTE, by=lead)
    document_render(document_id=document.pk)
    assert pauses == [0.5]


def test_the_sweep_requeues_stale_running_jobs(project, lead, enqueued, settings) -> None:
    settings.DOCUMENT_JOB_STALE_SECONDS = 60
    stale = document_request(project=project, kind=NOTE, by=lead)
    Document.objects.filter(pk=stale.pk).update(
        status=DocumentStatus.RUNNING, attempts=1,
        claimed_at=timezone.now() - timedelta(seconds=120),
    )
    enqueued.clear()
    assert document_jobs_sweep() == 1
    stale.refresh_from_db()
    assert (stale.status, stale.claimed_at, stale.progress) == (DocumentStatus.PENDING, None, 0)
    assert enqueued == [stale.pk]


def test_the_sweep_leaves_fresh_and_finished_jobs_alone(make_project, enqueued) -> None:
    running_project, done_project = make_project(name="MSP A"), make_project(name="MSP B")
    running = document_request(project=running_project, kind=NOTE,
                               by=running_project.created_by)
    done = document_request(project=done_project, kind=NOTE, by=done_project.created_by)
    Document.objects.filter(pk=running.pk).update(status=DocumentStatus.RUNNING,
                                                  claimed_at=timezone.now())
    Document.objects.filter(pk=done.pk).update(
        status=DocumentStatus.DONE, claimed_at=timezone.now() - timedelta(days=1))
    enqueued.clear()
    assert document_jobs_sweep(stale_after_seconds=60) == 0
    assert enqueued == []


def test_the_sweep_requeues_pending_jobs_never_picked_up(project, lead, enqueued) -> None:
    forgotten = document_request(project=project, kind=NOTE, by=lead)
    Document.objects.filter(pk=forgotten.pk).update(
        requested_at=timezone.now() - timedelta(hours=1))
    enqueued.clear()
    assert document_jobs_sweep(stale_after_seconds=60) == 1
    assert enqueued == [forgotten.pk]


def test_a_swept_job_is_rendered_on_its_second_attempt(project, lead, enqueued,
                                                       fast_pdf) -> None:
    document = document_request(project=project, kind=NOTE, by=lead)
    Document.objects.filter(pk=document.pk).update(
        status=DocumentStatus.RUNNING, attempts=1,
        claimed_at=timezone.now() - timedelta(hours=1))
    document_jobs_sweep(stale_after_seconds=60)
    document_render(document_id=document.pk)
    document.refresh_from_db()
    assert (document.status, document.attempts) == (DocumentStatus.DONE, 2)


def test_generate_now_records_and_renders_a_version(project, lead, fast_pdf) -> None:
    document = document_generate_now(project=project, kind=NOTE, by=lead)
    assert (document.version, document.status) == (1, DocumentStatus.DONE)


def test_a_builder_with_a_writer_stores_its_own_format(project, lead, monkeypatch,
                                                       media_root) -> None:
    """Non-PDF documents (the XLSX cadre de réponse) go through the same versioned job."""
    from projects.documents.builders import BUILDERS, XLSX_CONTENT_TYPE, DocumentBuilder

    seen = []

    def write(data, meta) -> bytes:
        seen.append((data, meta.version, meta.author))
        return b"PK\x03\x04 fake workbook"

    monkeypatch.setitem(BUILDERS, RequirementsDocument.CADRE_DE_REPONSE, DocumentBuilder(
        gather=lambda p: p.name, file_stem="cadre-de-reponse", write=write,
        extension="xlsx", content_type=XLSX_CONTENT_TYPE,
    ))
    document = document_generate_now(project=project, kind=RequirementsDocument.CADRE_DE_REPONSE,
                                     by=lead)
    assert seen == [(project.name, 1, lead)]
    assert (document.status, document.file_format) == (DocumentStatus.DONE, "XLSX")
    assert document.file.name.endswith("v1-cadre-de-reponse-v1.xlsx")
    assert _files(media_root)[0].read_bytes() == b"PK\x03\x04 fake workbook"


def test_a_kind_without_builder_cannot_be_requested(project, lead, monkeypatch) -> None:
    from projects.documents.builders import BUILDERS

    monkeypatch.delitem(BUILDERS, RequirementsDocument.CADRE_DE_REPONSE, raising=False)
    with pytest.raises(DomainError, match="Type de document inconnu"):
        document_request(project=project, kind=RequirementsDocument.CADRE_DE_REPONSE, by=lead)
    assert not Document.objects.exists()


def test_versions_are_numbered_per_subject(project, lead, monkeypatch) -> None:
    """A letter per vendor: each vendor's letters have their own versions 1, 2…"""
    from projects.documents.builders import BUILDERS, DocumentBuilder, download_filename

    gathered = []
    monkeypatch.setitem(BUILDERS, RequirementsDocument.CADRE_DE_REPONSE, DocumentBuilder(
        gather=lambda p, subject: gathered.append(subject) or subject, takes_subject=True,
        file_stem="cadre", write=lambda data, meta: data.encode(), extension="xlsx",
    ))
    made = [
        document_generate_now(project=project, kind=RequirementsDocument.CADRE_DE_REPONSE, by=lead,
                              subject=subject, subject_label=label)
        for subject, label in (("vendor-1", "Éditeur A"), ("vendor-2", "Éditeur B"),
                               ("vendor-1", "Éditeur A"))
    ]
    assert [(d.subject, d.version) for d in made] == [("vendor-1", 1), ("vendor-2", 1),
                                                      ("vendor-1", 2)]
    assert gathered == ["vendor-1", "vendor-2", "vendor-1"]
    assert download_filename(made[2].kind, 2, "vendor-1") == "cadre-vendor-1-v2.xlsx"
