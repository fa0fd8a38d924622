"""Check the object store before the application uses it, and create its bucket if asked."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand, CommandError, CommandParser

PROBE = "sante/probe.txt"


class Command(BaseCommand):
    help = ("Vérifie le stockage des documents (écriture, lecture, suppression d'un fichier "
            "témoin). Avec --creer-compartiment, crée le compartiment S3 s'il n'existe pas.")

    def add_arguments(self, parser: CommandParser) -> None:
        """Whether to create a missing bucket (the compose object store starts empty)."""
        parser.add_argument("--creer-compartiment", action="store_true",
                            help="créer le compartiment S3 s'il est absent")

    def handle(self, *args: Any, **options: Any) -> None:
        """Create the bucket if asked, then write, read back and delete a probe file."""
        bucket = getattr(default_storage, "bucket", None)
        if options["creer_compartiment"] and bucket is not None:
            client = bucket.meta.client
            existing = {b["Name"] for b in client.list_buckets().get("Buckets", [])}
            if bucket.name not in existing:
                client.create_bucket(Bucket=bucket.name)
                self.stdout.write(f"Compartiment « {bucket.name} » créé.")
        try:
            name = default_storage.save(PROBE, ContentFile(b"ok"))
            with default_storage.open(name, "rb") as handle:
                content = handle.read()
            default_storage.delete(name)
        except Exception as error:
            raise CommandError(f"Stockage des documents inaccessible : {error}") from error
        if content != b"ok":
            raise CommandError("Stockage des documents : le fichier témoin relu diffère.")
        where = f"compartiment S3 « {bucket.name} »" if bucket is not None else "disque local"
        self.stdout.write(f"Stockage des documents opérationnel ({where}).")
