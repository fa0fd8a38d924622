"""``python manage.py restore_media <dossier>``: a ``backup_media`` folder written back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.defaultfilters import filesizeformat

from msp_si.common.media_backup import MediaBackupError, media_restore


class Command(BaseCommand):
    help = ("Remet dans le stockage (disque local ou compartiment S3) les fichiers d'une "
            "sauvegarde faite par backup_media, après avoir vérifié leurs sommes SHA-256.")

    def add_arguments(self, parser: CommandParser) -> None:
        """The backup folder."""
        parser.add_argument("dossier", type=Path)

    def handle(self, *args: Any, dossier: Path, **options: Any) -> None:
        """Check everything, write back, say how many files."""
        try:
            done = media_restore(storage=default_storage, folder=dossier)
        except MediaBackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"{done.files} fichier(s) restauré(s) ({filesizeformat(done.size)}), "
                          f"{done.skipped} déjà présent(s) à l'identique.")
