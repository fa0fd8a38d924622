"""The benchmark's storage and réversibilité figures (issue 16), run by ``manage.py
benchmark`` after the plug-ins' parts:

- a document built then downloaded through the S3 server (SeaweedFS, started here) against
  the local disk, alternately, in the same run: the ratio S3 ÷ disk is the figure;
- export and import of the demo and of the 400-need project: time and archive size.

Everything written to the database is rolled back by the command; files written to the
storage are deleted here.
"""

from __future__ import annotations

import io
import statistics
import time
from collections.abc import Callable
from contextlib import nullcontext
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.test.utils import override_settings

from msp_si.common.media_backup import stored_names
from msp_si.common.seaweed import SeaweedError, seaweed_server
from projects.choices import DocumentKind
from projects.documents.services import document_generate_now
from projects.models import Document, Project
from projects.transfer.export import project_export
from projects.transfer.importer import project_import

from .benchmark import summarise

Write = Callable[[str], None]
Download = Callable[[Document], bytes]


def _build_and_download(project: Project, user: Any, download: Download
                        ) -> tuple[float, float, Document]:
    """Seconds to generate the note de cadrage, and to download it through the app."""
    started = time.perf_counter()
    document = document_generate_now(project=project, kind=DocumentKind.NOTE_DE_CADRAGE,
                                     by=user)
    built = time.perf_counter() - started
    if document.status != "done":
        raise RuntimeError(f"Génération en échec : {document.error}")
    started = time.perf_counter()
    content = download(document)
    fetched = time.perf_counter() - started
    if len(content) != document.size:
        raise RuntimeError("Téléchargement incomplet.")
    return built, fetched, document


def storage_part(*, project: Project, user: Any, runs: int, download: Download,
                 write: Write) -> None:
    """Build and download through S3 and through the local disk, alternately."""
    write(f"Documents sur S3 (SeaweedFS local) et sur le disque, en alternance "
          f"({runs} mesures chacun, note de cadrage) :")
    try:
        with seaweed_server(bucket="msp-si-benchmark") as store:
            s3 = {**settings.STORAGES, "default": store.storage_setting(location="banc")}
            times: dict[str, tuple[list[float], list[float]]] = {
                "disque": ([], []), "S3": ([], [])}
            for index in range(runs + 1):  # the first pair warms templates and clients up
                order = ["disque", "S3"] if index % 2 else ["S3", "disque"]
                for where in order:
                    with override_settings(STORAGES=s3) if where == "S3" else nullcontext():
                        built, fetched, document = _build_and_download(project, user,
                                                                       download)
                        document.file.delete(save=False)
                    if index:
                        times[where][0].append(built)
                        times[where][1].append(fetched)
    except SeaweedError as error:
        write(f"  non mesuré : {str(error).splitlines()[0]}")
        return
    for step, position in (("génération", 0), ("téléchargement", 1)):
        disk, s3_timing = summarise(times["disque"][position]), summarise(times["S3"][position])
        write(f"  {step:<15} disque {disk}")
        write(f"  {step:<15} S3     {s3_timing}")
        write(f"  {step:<15} rapport des médianes S3 ÷ disque "
              f"{s3_timing.median_ms / disk.median_ms:.2f}")


def transfer_part(*, projects: dict[str, Project], runs: int, write: Write) -> None:
    """Export then import each project ``runs`` times: medians, archive size."""
    write(f"Archive du projet, export puis import ({runs} mesures chacun) :")
    for label, project in projects.items():
        exports: list[float] = []
        imports: list[float] = []
        archive = b""
        for _ in range(runs):
            buffer = io.BytesIO()
            started = time.perf_counter()
            summary = project_export(project=project, destination=buffer)
            exports.append(time.perf_counter() - started)
            archive = buffer.getvalue()
            before = set(stored_names(default_storage))
            started = time.perf_counter()
            project_import(source=io.BytesIO(archive))
            imports.append(time.perf_counter() - started)
            for name in set(stored_names(default_storage)) - before:
                default_storage.delete(name)  # the import's copies of the files
        rows = sum(summary.counts.values())
        write(f"  {label} : {rows} enregistrements, {summary.file_count} fichier(s), archive de "
              f"{len(archive) / 1024:.0f} Ko")
        write(f"    export  {summarise(exports)}")
        write(f"    import  {summarise(imports)} · médiane "
              f"{statistics.median(imports) / statistics.median(exports):.1f} × l'export")
