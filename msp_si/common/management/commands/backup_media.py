"""``python manage.py backup_media <dossier>``: every stored file copied to a folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from msp_si.common.media_backup import MediaBackupError, media_backup


class Command(BaseCommand):
    help = ("Copie tous les fichiers stockés (documents, pièces jointes) du disque local ou "
            "du compartiment S3 vers un dossier neuf, avec leurs sommes SHA-256.")

    def add_arguments(self, parser: CommandParser) -> None:
        """The destination folder (absent or empty)."""
        parser.add_argument("dossier", type=Path)

    def handle(self, *args: Any, dossier: Path, **options: Any) -> None:
        """Copy, then say how many files and bytes went out."""
        try:
            done = media_backup(storage=default_storage, folder=dossier)
        except MediaBackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{done.files} fichier(s) sauvegardé(s) dans « {dossier} » "
                          f"({filesizeformat(done.size)}).")
