"""Copy every stored file (documents, uploads) to a folder and back, through Django's
storage API: the same commands back up the local ``MEDIA_ROOT`` and an S3 bucket.

A backup folder holds the files under their storage names and ``sommes.json`` (name,
size, SHA-256 of each). A restore checks every file against it, and that no stored file of
the same name differs, before writing anything.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.core.files.base import File
from django.core.files.storage import Storage

MANIFEST = "sommes.json"
FORMAT = 1
CHUNK = 1024 * 1024


class MediaBackupError(Exception):
    """A backup or restore that cannot go on; its message is for the operator (French)."""


@dataclass(frozen=True)
class MediaCopy:
    """What a backup or a restore did."""

    files: int
    size: int
    skipped: int = 0


def stored_names(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, sorted, walking its folders."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local MEDIA_ROOT not created yet holds nothing
        return
    prefix = f"{folder}/" if folder else ""
    for name in sorted(files):
        yield prefix + name
    for sub in sorted(folders):
        yield from stored_names(storage, prefix + sub)


def _sha256(handle: object) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):  # type: ignore[attr-defined]
        digest.update(chunk)
    return digest.hexdigest()


def _target(folder: Path, name: str) -> Path:
    """The path of a stored name inside the folder; names never climb out of it."""
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", "") for part in parts) or name.startswith("/"):
        raise MediaBackupError(f"Nom de fichier refusé dans la sauvegarde : « {name} ».")
    return folder.joinpath(*parts)


def media_backup(*, storage: Storage, folder: Path) -> MediaCopy:
    """Copy every stored file into ``folder`` (absent or empty), then write the sums."""
    if folder.exists() and any(folder.iterdir()):
        raise MediaBackupError(f"Le dossier « {folder} » n'est pas vide : choisir un dossier "
                               "neuf pour chaque sauvegarde.")
    folder.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, object]] = []
    total = 0
    for name in stored_names(storage):
        if name == MANIFEST:
            raise MediaBackupError(f"Un fichier stocké s'appelle « {MANIFEST} ».")
        target = _target(folder, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with storage.open(name, "rb") as source, target.open("wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                copy.write(chunk)
                size += len(chunk)
        entries.append({"name": name, "size": size, "sha256": digest.hexdigest()})
        total += size
    (folder / MANIFEST).write_text(json.dumps({"format": FORMAT, "files": entries},
                                              ensure_ascii=False, indent=1))
    return MediaCopy(files=len(entries), size=total)


def _read_manifest(folder: Path) -> list[dict[str, object]]:
    path = folder / MANIFEST
    if not path.is_file():
        raise MediaBackupError(f"« {folder} » n'est pas une sauvegarde des fichiers : "
                               f"{MANIFEST} manque.")
    try:
        manifest = json.loads(path.read_text())
        files = manifest["files"]
        version = manifest["format"]
    except (ValueError, KeyError, TypeError) as error:
        raise MediaBackupError(f"{MANIFEST} illisible : {error}.") from error
    if version != FORMAT:
        raise MediaBackupError(f"Format de sauvegarde {version} inconnu (attendu : {FORMAT}).")
    return list(files)


def media_restore(*, storage: Storage, folder: Path) -> MediaCopy:
    """Write back every file of the backup under its own name.

    Everything is checked first (each file's size and SHA-256; a stored file of the same
    name must be identical, and is then left as is), so a damaged backup or a clash
    writes nothing.
    """
    try:
        to_write, skipped = _checked(storage=storage, folder=folder)
    except MediaBackupError as error:
        raise MediaBackupError(f"{error} Rien n'a été écrit.") from error
    size = 0
    for index, (name, path) in enumerate(to_write):
        with path.open("rb") as handle:
            saved = storage.save(name, File(handle, name=name))
        if saved != name:
            raise MediaBackupError(f"Le stockage a renommé « {name} » en « {saved} » "
                                   f"({index} fichier(s) écrit(s) avant lui).")
        size += path.stat().st_size
    return MediaCopy(files=len(to_write), size=size, skipped=skipped)


def _checked(*, storage: Storage, folder: Path) -> tuple[list[tuple[str, Path]], int]:
    """The files to write back, and how many are already stored identically."""
    to_write: list[tuple[str, Path]] = []
    skipped = 0
    for entry in _read_manifest(folder):
        name = str(entry["name"])
        path = _target(folder, name)
        if not path.is_file():
            raise MediaBackupError(f"Fichier manquant dans la sauvegarde : « {name} ».")
        with path.open("rb") as handle:
            if path.stat().st_size != entry["size"] or _sha256(handle) != entry["sha256"]:
                raise MediaBackupError(f"Fichier modifié ou abîmé dans la sauvegarde : "
                                       f"« {name} » (taille ou SHA-256 différents).")
        if storage.exists(name):
            with storage.open(name, "rb") as stored:
                if _sha256(stored) != entry["sha256"]:
                    raise MediaBackupError(
                        f"« {name} » existe déjà dans le stockage avec un autre contenu : "
                        "restaurer dans un stockage vide.")
            skipped += 1
            continue
        to_write.append((name, path))
    return to_write, skipped
