"""backup_media / restore_media on the local disk: every file out and back, and a damaged
backup or a clash refused with nothing written. (The drill with PostgreSQL and the S3
server is in tests/integration/test_restore_drill.py.)"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command

from msp_si.common.media_backup import MANIFEST, stored_names

FILES = {"documents/1/note/v1-note.pdf": b"%PDF note", "documents/1/cdc/v2-cdc.pdf": b"%PDF cdc",
         "reponses/3/cadre.xlsx": b"PK tableur", "racine.txt": b"a la racine"}


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    """A local MEDIA_ROOT holding FILES."""
    settings.MEDIA_ROOT = tmp_path / "media"
    for name, content in FILES.items():
        assert default_storage.save(name, ContentFile(content)) == name
    return settings.MEDIA_ROOT


def _stored() -> dict[str, bytes]:
    found = {}
    for name in stored_names(default_storage):
        with default_storage.open(name, "rb") as handle:
            found[name] = handle.read()
    return found


def test_every_file_goes_out_and_comes_back_into_an_empty_storage(
        media, settings, tmp_path) -> None:
    out = io.StringIO()
    call_command("backup_media", str(tmp_path / "sauvegarde"), stdout=out)
    assert "4 fichier(s) sauvegardé(s)" in out.getvalue()
    manifest = json.loads((tmp_path / "sauvegarde" / MANIFEST).read_text())
    assert sorted(e["name"] for e in manifest["files"]) == sorted(FILES)

    settings.MEDIA_ROOT = tmp_path / "media-neuf"  # the lost disk, replaced
    assert _stored() == {}
    call_command("restore_media", str(tmp_path / "sauvegarde"), stdout=out)
    assert "4 fichier(s) restauré(s)" in out.getvalue()
    assert _stored() == FILES

    # Run again: everything is already there, identical; nothing is duplicated.
    again = io.StringIO()
    call_command("restore_media", str(tmp_path / "sauvegarde"), stdout=again)
    assert "0 fichier(s) restauré(s)" in again.getvalue()
    assert "4 déjà présent(s)" in again.getvalue()
    assert _stored() == FILES


def test_a_backup_goes_only_into_an_empty_folder(media, tmp_path) -> None:
    folder = tmp_path / "sauvegarde"
    folder.mkdir()
    (folder / "ancien.txt").write_bytes(b"x")
    with pytest.raises(CommandError, match="n'est pas vide"):
        call_command("backup_media", str(folder), stdout=io.StringIO())


@pytest.mark.parametrize(("damage", "message"), [
    (lambda f: (f / "documents/1/cdc/v2-cdc.pdf").write_bytes(b"%PDF autre"),
     "Fichier modifié ou abîmé"),
    (lambda f: (f / "racine.txt").unlink(), "Fichier manquant"),
    (lambda f: (f / MANIFEST).write_text("{"), "illisible"),
    (lambda f: (f / MANIFEST).write_text(json.dumps({"format": 2, "files": []})),
     "Format de sauvegarde 2 inconnu"),
])
def test_a_damaged_backup_is_refused_and_nothing_is_written(
        media, settings, tmp_path, damage, message) -> None:
    folder = tmp_path / "sauvegarde"
    call_command("backup_media", str(folder), stdout=io.StringIO())
    damage(folder)
    settings.MEDIA_ROOT = tmp_path / "media-neuf"
    with pytest.raises(CommandError, match=message) as refused:
        call_command("restore_media", str(folder), stdout=io.StringIO())
    assert "Rien n'a été écrit" in str(refused.value)
    assert _stored() == {}


def test_a_stored_file_with_other_content_is_never_overwritten(media, tmp_path) -> None:
    folder = tmp_path / "sauvegarde"
    call_command("backup_media", str(folder), stdout=io.StringIO())
    default_storage.delete("documents/1/note/v1-note.pdf")
    default_storage.delete("racine.txt")
    default_storage.save("racine.txt", ContentFile("changé depuis".encode()))
    with pytest.raises(CommandError, match="existe déjà dans le stockage avec un autre"):
        call_command("restore_media", str(folder), stdout=io.StringIO())
    assert not default_storage.exists("documents/1/note/v1-note.pdf")
    assert _stored()["racine.txt"] == "changé depuis".encode()


def test_a_name_climbing_out_of_the_folder_is_refused(media, tmp_path) -> None:
    folder = tmp_path / "sauvegarde"
    folder.mkdir()
    (folder / MANIFEST).write_text(json.dumps({"format": 1, "files": [
        {"name": "../../etc/passwd", "size": 1, "sha256": "0"}]}))
    with pytest.raises(CommandError, match="Nom de fichier refusé"):
        call_command("restore_media", str(folder), stdout=io.StringIO())
