"""Write a project's archive: its data in every app, its history, its files, a manifest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from msp_si.common.errors import DomainError
from projects.models import Project
from projects.transfer.export import project_export


class Command(BaseCommand):
    help = ("Exporte un projet dans une archive versionnée (données de toutes les applications, "
            "historique, documents et pièces jointes, manifeste avec empreintes SHA-256). "
            "Exemple : export_project 3 -o projet-3.zip")

    def add_arguments(self, parser: CommandParser) -> None:
        """Project id and the archive to write."""
        parser.add_argument("project", type=int, help="identifiant du projet")
        parser.add_argument("-o", "--output", required=True, type=Path,
                            help="archive à écrire (.zip)")

    def handle(self, *args: Any, **options: Any) -> None:
        """Export, then say what the archive holds."""
        project = Project.objects.filter(pk=options["project"]).first()
        if project is None:
            raise CommandError(f"Projet introuvable : {options['project']}.")
        output: Path = options["output"]
        partial = output.with_name(output.name + ".partiel")
        try:
            with partial.open("wb") as destination:
                summary = project_export(project=project, destination=destination)
        except DomainError as error:
            partial.unlink(missing_ok=True)
            raise CommandError(error.message) from error
        # Renamed only once complete: a reader never sees half an archive.
        partial.replace(output)
        self.stdout.write(
            f"Projet « {project.name} » exporté dans {output} : "
            f"{sum(summary.counts.values())} enregistrements, {summary.file_count} fichier(s) "
            f"({output.stat().st_size} octets)."
        )
