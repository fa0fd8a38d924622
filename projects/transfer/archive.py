"""The project archive's format: a zip holding a manifest, the data and the files.

``manifest.json`` names the format and its version, the project, the number of rows per
model and the SHA-256 and size of every other member; ``data.json`` holds the rows;
``files/<n>`` the stored documents and uploads. Reading checks everything before anything
is written: an archive of a newer format, a member whose digest differs (tampered or
damaged), a member the manifest does not list, or counts that disagree are refused.
Pure module: no ORM, no request.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any

from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

FORMAT_NAME = "msp-si-projet"
# Raise on any change a previous reader would misread; readers accept every older version.
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
DATA = "data.json"
FILES_PREFIX = "files/"
# Guards against a zip bomb: an archive of a maison de santé's project stays far below.
MAX_MEMBER_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 100_000


class ArchiveError(DomainError):
    """The archive cannot be imported; the message says why, in French."""


@dataclass(frozen=True)
class ArchiveContent:
    """What a checked archive holds: its manifest, its data and a reader for its files."""

    manifest: dict[str, Any]
    data: dict[str, Any]
    zip_file: zipfile.ZipFile

    def file_bytes(self, path: str) -> bytes:
        """The content of one stored file (its digest was checked on opening)."""
        return self.zip_file.read(path)


def sha256(content: bytes) -> str:
    """Hex SHA-256 of bytes."""
    return hashlib.sha256(content).hexdigest()


def manifest_build(*, project: Mapping[str, Any], exported_at: str, counts: Mapping[str, int],
                   members: Mapping[str, bytes]) -> dict[str, Any]:
    """The manifest of an archive whose members (data and files) are ``members``."""
    return {
        "format": FORMAT_NAME, "format_version": FORMAT_VERSION,
        "exported_at": exported_at, "project": dict(project),
        "counts": dict(counts),
        "members": {name: {"sha256": sha256(content), "size": len(content)}
                    for name, content in sorted(members.items())},
    }


def archive_write(destination: IO[bytes], *, manifest: Mapping[str, Any],
                  members: Mapping[str, bytes]) -> None:
    """Write the zip: the manifest first, then the members it lists."""
    with zipfile.ZipFile(destination, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1))
        for name, content in members.items():
            archive.writestr(name, content)


def _load_json(content: bytes, what: str) -> Any:
    """Parse a JSON member, or refuse the archive."""
    try:
        return json.loads(content)
    except ValueError as error:
        raise ArchiveError(_("Archive illisible : %(what)s n'est pas du JSON valide.")
                           % {"what": what}) from error


def _open_zip(source: IO[bytes]) -> zipfile.ZipFile:
    """The zip file, refused when it is not one or is out of proportion."""
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as error:
        raise ArchiveError(_("Ce fichier n'est pas une archive de projet MSP SI (zip "
                             "illisible).")) from error
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS or any(info.file_size > MAX_MEMBER_BYTES for info in infos):
        raise ArchiveError(_("Archive refusée : taille hors de proportion avec un projet."))
    return archive


def _check_manifest(manifest: Any) -> None:
    """Refuse another format, or a version newer than this installation reads."""
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise ArchiveError(_("Ce fichier n'est pas une archive de projet MSP SI."))
    version = manifest.get("format_version")
    if not isinstance(version, int) or version < 1:
        raise ArchiveError(_("Archive refusée : version de format illisible."))
    if version > FORMAT_VERSION:
        raise ArchiveError(_(
            "Archive au format %(version)s, plus récent que celui que cette installation "
            "sait lire (%(supported)s) : mettez MSP SI à jour avant de l'importer."
        ) % {"version": version, "supported": FORMAT_VERSION})


def _check_members(archive: zipfile.ZipFile, members: Any) -> None:
    """Every member is listed with its digest and size, and matches them."""
    names = set(archive.namelist()) - {MANIFEST}
    if not isinstance(members, dict) or names != set(members) or DATA not in names:
        raise ArchiveError(_("Archive modifiée ou incomplète : son contenu ne correspond "
                             "pas à son manifeste."))
    for name in sorted(names):
        expected = members[name]
        content = archive.read(name)
        if sha256(content) != expected.get("sha256") or len(content) != expected.get("size"):
            raise ArchiveError(_("Archive modifiée ou endommagée : l'empreinte SHA-256 de "
                                 "« %(name)s » ne correspond pas au manifeste.")
                               % {"name": name})


def _check_counts(data: Any, counts: Any) -> None:
    """The rows per model agree with the manifest's counts."""
    tables = data.get("models") if isinstance(data, dict) else None
    if not isinstance(tables, list):
        raise ArchiveError(_("Archive illisible : données absentes."))
    found = {table["model"]: len(table["rows"]) for table in tables}
    if found != counts:
        raise ArchiveError(_("Archive modifiée : le nombre d'enregistrements ne correspond "
                             "pas au manifeste."))


def archive_read(source: IO[bytes]) -> ArchiveContent:
    """Open and check an archive; every refusal is an ``ArchiveError`` in French."""
    archive = _open_zip(source)
    if MANIFEST not in archive.namelist():
        raise ArchiveError(_("Ce fichier n'est pas une archive de projet MSP SI (manifeste "
                             "absent)."))
    manifest = _load_json(archive.read(MANIFEST), MANIFEST)
    _check_manifest(manifest)
    _check_members(archive, manifest.get("members"))
    data = _load_json(archive.read(DATA), DATA)
    _check_counts(data, manifest.get("counts"))
    return ArchiveContent(manifest, data, archive)
