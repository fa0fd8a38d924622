"""A tampered, foreign or newer archive is refused in French, and nothing is created."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.apps import apps
from django.core.files.storage import FileSystemStorage
from django.core.management import CommandError, call_command

from msp_si.accounts.models import User
from projects.choices import DocumentKind
from projects.documents import services as document_services
from projects.documents.services import document_generate_now
from projects.models import Document, Project
from projects.plugins import exported_models, plugins
from projects.transfer.archive import FORMAT_VERSION, ArchiveError
from projects.transfer.importer import project_import

from .conftest import archive_of

pytestmark = pytest.mark.django_db


def _rewrite(archive: bytes, change: Callable[[str, bytes], bytes]) -> bytes:
    """The archive with each member passed through ``change`` (name, content)."""
    source = zipfile.ZipFile(io.BytesIO(archive))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in source.namelist():
            target.writestr(name, change(name, source.read(name)))
    return buffer.getvalue()


def _snapshot() -> tuple[int, int, int]:
    return Project.objects.count(), User.objects.count(), Document.objects.count()


@pytest.fixture
def archive(project, lead, media_root: Path, monkeypatch) -> bytes:
    """A small project with one document (fixed bytes: its content does not matter here)."""
    monkeypatch.setattr(document_services, "html_to_pdf", lambda html: b"%PDF-1.7 essai")
    document_generate_now(project=project, kind=DocumentKind.NOTE_DE_CADRAGE, by=lead)
    return archive_of(project)


def _refused(archive: bytes, message: str) -> None:
    before = _snapshot()
    with pytest.raises(ArchiveError, match=message):
        project_import(source=io.BytesIO(archive))
    assert _snapshot() == before


def test_a_changed_figure_is_refused(archive: bytes) -> None:
    tampered = _rewrite(archive, lambda name, content: content.replace(
        b'"headcount": 2', b'"headcount": 9') if name == "data.json" else content)
    assert tampered != archive
    _refused(tampered, "empreinte SHA-256 de « data.json »")


def test_a_replaced_document_is_refused(archive: bytes) -> None:
    tampered = _rewrite(archive, lambda name, content: (
        content + b"%% ajout" if name.startswith("files/") else content))
    _refused(tampered, "Archive modifiée ou endommagée")


def test_a_newer_format_is_refused(archive: bytes) -> None:
    def newer(name: str, content: bytes) -> bytes:
        if name != "manifest.json":
            return content
        manifest = json.loads(content)
        manifest["format_version"] = FORMAT_VERSION + 1
        return json.dumps(manifest).encode()

    _refused(_rewrite(archive, newer), "plus récent que celui que cette installation")


def test_another_file_is_refused() -> None:
    _refused(b"PK\x03\x04 pas vraiment un zip", "n'est pas une archive de projet")


def test_the_command_says_why(tmp_path: Path, archive: bytes) -> None:
    path = tmp_path / "modifiee.zip"
    path.write_bytes(_rewrite(archive, lambda name, content: content.replace(
        b"exemple.test", b"exemple.tset") if name == "data.json" else content))
    with pytest.raises(CommandError, match="Archive modifiée"):
        call_command("import_project", str(path))


def test_a_file_that_cannot_be_written_undoes_the_import(archive: bytes, monkeypatch) -> None:
    def full_disk(self, name, content, max_length=None):  # type: ignore[no-untyped-def]
        raise OSError("disque plein")

    monkeypatch.setattr(FileSystemStorage, "save", full_disk)
    before = _snapshot()
    with pytest.raises(ArchiveError, match="disque plein"):
        project_import(source=io.BytesIO(archive))
    assert _snapshot()[0] == before[0]


def test_every_model_of_every_plugged_app_is_declared_for_the_archive() -> None:
    declared = {spec.model.lower() for spec in exported_models()}
    models = {model._meta.label_lower
              for plugin in plugins()
              for model in apps.get_app_config(plugin.app_label).get_models()
              if not hasattr(model, "instance_type")}  # history travels with its model
    assert models - declared == set()
