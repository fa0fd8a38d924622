"""The restore drill of the README, for real: a project with documents on PostgreSQL and
in the S3 server, backed up (pg_dump, backup_media), both lost (the database dropped, the
objects deleted), restored (pg_restore, restore_media); every page of the project shows
the same text and the documents download byte for byte."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from msp_si.common.media_backup import stored_names
from projects.choices import DocumentKind, DocumentStatus
from projects.documents.services import document_generate_now
from projects.models import Document
from tests.page_text import page, project_pages

# S3 signatures carry the time: the server refuses a request signed at the frozen date.
pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def _pg(tool: str, *args: str) -> None:
    """Run a PostgreSQL client tool against the test database's server."""
    db = settings.DATABASES["default"]
    if not shutil.which(tool):
        pytest.skip(f"{tool} absent de la machine")
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"] or ""}
    subprocess.run(
        [tool, f"--host={db['HOST'] or '127.0.0.1'}", f"--port={db['PORT'] or 5432}",
         f"--username={db['USER']}", *args], env=env, check=True, capture_output=True,
        timeout=120)


def _documents(client, project_pk: int) -> dict[int, bytes]:  # type: ignore[no-untyped-def]
    found = {}
    for document in Document.objects.filter(project_id=project_pk):
        response = client.get(reverse("projects:document-download",
                                      args=[project_pk, document.pk]))
        assert response.status_code == 200, document
        found[document.pk] = b"".join(response.streaming_content)
    return found


def test_dump_drop_restore_gives_back_every_page_and_document(
        s3_storage, project, lead, client, tmp_path: Path) -> None:
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("l'exercice de restauration porte sur PostgreSQL")
    for kind in (DocumentKind.NOTE_DE_CADRAGE, DocumentKind.NOTE_DE_CADRAGE):
        document = document_generate_now(project=project, kind=kind, by=lead)
        assert document.status == DocumentStatus.DONE, document.error
    client.force_login(lead)
    # A first visit creates what some pages create on first view (the empty needs grid).
    for name in project_pages():
        page(client, name, project.pk)
    pages = {name: page(client, name, project.pk) for name in project_pages()}
    assert sum(status == 200 for status, _ in pages.values()) > 15
    documents = _documents(client, project.pk)
    assert len(documents) == 2
    name = settings.DATABASES["default"]["NAME"]

    # Backup, as the README says.
    dump = tmp_path / "msp_si.dump"
    _pg("pg_dump", "--format=custom", f"--file={dump}", name)
    call_command("backup_media", str(tmp_path / "fichiers"), stdout=io.StringIO())

    # Everything lost: the database dropped, every object of the bucket deleted.
    connections.close_all()
    _pg("dropdb", name)
    for stored in list(stored_names(default_storage)):
        default_storage.delete(stored)
    assert list(stored_names(default_storage)) == []

    # The drill: an empty database, the dump restored into it, the files written back.
    _pg("createdb", name)
    _pg("pg_restore", "--no-owner", "--exit-on-error", f"--dbname={name}", str(dump))
    out = io.StringIO()
    call_command("restore_media", str(tmp_path / "fichiers"), stdout=out)
    assert "2 fichier(s) restauré(s)" in out.getvalue()

    client.force_login(lead)
    for url_name, before in pages.items():
        assert page(client, url_name, project.pk) == before, url_name
    assert _documents(client, project.pk) == documents
    for document in Document.objects.filter(project=project):
        assert hashlib.sha256(documents[document.pk]).hexdigest() == document.checksum
