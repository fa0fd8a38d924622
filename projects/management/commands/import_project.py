"""Recreate a project from its archive on this installation (new ids, same content)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from msp_si.common.errors import DomainError
from projects.transfer.importer import project_import


class Command(BaseCommand):
    help = ("Importe l'archive d'un projet (export_project) : nouveaux identifiants, "
            "personnes reconnues par leur adresse e-mail ou créées inactives. Une archive "
            "modifiée ou d'un format plus récent est refusée sans rien changer.")

    def add_arguments(self, parser: CommandParser) -> None:
        """The archive to read."""
        parser.add_argument("archive", type=Path, help="archive écrite par export_project")

    def handle(self, *args: Any, **options: Any) -> None:
        """Import, then name the new project and the accounts created."""
        path: Path = options["archive"]
        if not path.is_file():
            raise CommandError(f"Archive introuvable : {path}.")
        try:
            with path.open("rb") as source:
                result = project_import(source=source)
        except DomainError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"Projet « {result.project.name} » importé sous le n° {result.project.pk} : "
            f"{sum(result.counts.values())} enregistrements."
        )
        if result.users_created:
            self.stdout.write("Comptes créés inactifs (à activer) : "
                              + ", ".join(result.users_created))
