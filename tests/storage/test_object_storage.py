"""Documents in a real S3 server (SeaweedFS): private objects, served by the guarded view."""

from __future__ import annotations

import hashlib
import io
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse

from msp_si.settings.storage import S3_BACKEND
from projects.choices import DocumentKind, DocumentStatus
from projects.documents import services as document_services
from projects.models import Document
from projects.transfer.export import project_export
from projects.transfer.importer import project_import

# S3 signatures carry the time: the server refuses a request signed at the frozen date.
pytestmark = pytest.mark.integration

NOTE = DocumentKind.NOTE_DE_CADRAGE


@pytest.fixture
def local_media(settings, tmp_path: Path) -> Path:
    """The local media folder, which must stay empty when files go to the bucket."""
    media = tmp_path / "media"
    media.mkdir()
    settings.MEDIA_ROOT = media
    return media


def test_a_generated_document_is_a_private_object_downloaded_through_the_app(
        s3_storage, s3_location, local_media, project, lead, client_for, make_project) -> None:
    document = document_services.document_generate_now(project=project, kind=NOTE, by=lead)
    assert document.status == DocumentStatus.DONE, document.error
    key = f"{s3_location}/{document.file.name}"
    stored = s3_storage.client().get_object(Bucket=s3_storage.bucket, Key=key)["Body"].read()
    assert hashlib.sha256(stored).hexdigest() == document.checksum
    assert stored.startswith(b"%PDF")
    assert not any(local_media.rglob("*"))

    response = client_for(lead).get(
        reverse("projects:document-download", args=[project.pk, document.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == stored
    assert response["Cache-Control"] == "private, no-store"

    outsider = make_project().created_by
    refused = client_for(outsider).get(
        reverse("projects:document-download", args=[project.pk, document.pk]))
    assert refused.status_code == 404


def test_objects_are_not_readable_without_the_key(s3_storage, s3_location) -> None:
    name = default_storage.save("documents/essai.txt", ContentFile(b"confidentiel"))
    url = f"{s3_storage.endpoint_url}/{s3_storage.bucket}/{s3_location}/{name}"
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(url, timeout=10)  # noqa: S310 (loopback test server)
    assert anonymous.value.code == 403
    with pytest.raises(Exception, match="SignatureDoesNotMatch"):
        s3_storage.client(secret_key="pas-la-bonne-cle").get_object(
            Bucket=s3_storage.bucket, Key=f"{s3_location}/{name}")


def test_a_second_file_with_the_same_name_never_overwrites_the_first(s3_storage) -> None:
    first = default_storage.save("documents/1/note/v1-note.pdf", ContentFile(b"premier"))
    second = default_storage.save("documents/1/note/v1-note.pdf", ContentFile(b"second"))
    assert first != second
    with default_storage.open(first, "rb") as handle:
        assert handle.read() == b"premier"
    default_storage.delete(second)
    assert not default_storage.exists(second)


def test_the_init_command_creates_a_missing_bucket_and_checks_it(
        settings, object_store, s3_location) -> None:
    options = object_store.options(location=s3_location)
    options["bucket_name"] = f"neuf-{s3_location}"
    settings.STORAGES = {**settings.STORAGES,
                         "default": {"BACKEND": S3_BACKEND, "OPTIONS": options}}
    out = io.StringIO()
    call_command("object_storage_init", "--creer-compartiment", stdout=out)
    assert f"Compartiment « neuf-{s3_location} » créé." in out.getvalue()
    assert "opérationnel" in out.getvalue()
    object_store.client().head_bucket(Bucket=f"neuf-{s3_location}")


def test_a_project_archive_carries_its_documents_out_of_and_back_into_the_bucket(
        s3_storage, s3_location, local_media, project, lead, client_for) -> None:
    document = document_services.document_generate_now(project=project, kind=NOTE, by=lead)
    buffer = io.BytesIO()
    project_export(project=project, destination=buffer)

    copy = project_import(source=io.BytesIO(buffer.getvalue())).project

    [imported] = Document.objects.filter(project=copy)
    s3_storage.client().head_object(Bucket=s3_storage.bucket,
                                    Key=f"{s3_location}/{imported.file.name}")
    response = client_for(lead).get(
        reverse("projects:document-download", args=[copy.pk, imported.pk]))
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == document.checksum
    assert not any(local_media.rglob("*"))
