"""Build a document of a project now, in this process, and write it to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from msp_si.accounts.models import User
from msp_si.common.errors import DomainError
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from projects.models import Membership, Project
from projects.plugins import document_specs


class Command(BaseCommand):
    help = (
        "Génère un document d'un projet (nouvelle version enregistrée) et l'écrit dans un "
        "fichier. Exemple : generate_document 3 note_de_cadrage -o note.pdf"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Project id, document kind, output file and optional author."""
        parser.add_argument("project", type=int, help="identifiant du projet")
        parser.add_argument("kind", help="type de document : " + ", ".join(document_specs()))
        parser.add_argument("-o", "--output", required=True, type=Path,
                            help="fichier à écrire (PDF, ou XLSX pour le cadre de réponse)")
        parser.add_argument("--auteur", default=None,
                            help="adresse e-mail d'un membre du projet (par défaut : son "
                                 "créateur)")

    def handle(self, *args: Any, **options: Any) -> None:
        """Record the version, render it synchronously, copy the PDF to the output."""
        project = Project.objects.filter(pk=options["project"]).first()
        if project is None:
            raise CommandError(f"Projet introuvable : {options['project']}.")
        kind = options["kind"]
        if kind not in document_specs():
            raise CommandError(
                f"Type de document inconnu : {kind}. Types possibles : "
                + ", ".join(document_specs()) + "."
            )
        author = self._author(project, options["auteur"])
        try:
            document = document_generate_now(project=project, kind=kind, by=author)
        except DomainError as error:
            raise CommandError(error.message) from error
        if document.status != DocumentStatus.DONE:
            raise CommandError(
                f"La génération de la version {document.version} a échoué : {document.error}"
            )
        output: Path = options["output"]
        with document.file.open("rb") as source:
            output.write_bytes(source.read())
        self.stdout.write(self.style.SUCCESS(
            f"{document.kind_label} v{document.version} écrite dans {output} "
            f"({document.size} octets, sha256 {document.checksum})."
        ))

    def _author(self, project: Project, email: str | None) -> User:
        """The given member, or the project's creator when no e-mail is given."""
        if email is None:
            return project.created_by
        membership = (
            Membership.objects.select_related("user")
            .filter(project=project, user__email__iexact=email.strip()).first()
        )
        if membership is None:
            raise CommandError(f"Aucun membre du projet avec l'adresse {email}.")
        return membership.user
