"""Build a document of a project now, in this process, and write it to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
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
        "fichier. Exemple : generate_document 3 note_de_cadrage -o note.pdf ; pour un "
        "document par prestataire ou par vote : generate_document 3 vote_minutes --sujet 7 "
        "-o pv.pdf"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Project id, document kind, output file and optional author."""
        parser.add_argument("project", type=int, help="identifiant du projet")
        parser.add_argument("kind", help="type de document : " + ", ".join(document_specs()))
        parser.add_argument("-o", "--output", required=True, type=Path,
                            help="fichier à écrire (PDF, ou XLSX pour le cadre de réponse)")
        parser.add_argument("--sujet", default="",
                            help="identifiant de ce dont traite le document, pour les types "
                                 "qui en ont un : prestataire consulté (consultation_letter, "
                                 "vendor_cadre, audition_letter) ou vote (vote_minutes)")
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
        subject = self._subject(project, kind, options["sujet"].strip())
        author = self._author(project, options["auteur"])
        try:
            document = document_generate_now(project=project, kind=kind, by=author,
                                             subject=subject)
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

    def _subject(self, project: Project, kind: str, subject: str) -> str:
        """The subject checked before any version is recorded: required by the kinds that
        have one, refused by the others, and one the builder finds in this project."""
        builder = document_specs()[kind].builder
        if not builder.takes_subject:
            if subject:
                raise CommandError(f"Le type {kind} ne porte sur aucun sujet : retirez --sujet.")
            return ""
        if not subject:
            raise CommandError(
                f"Le type {kind} porte sur un prestataire consulté ou sur un vote : "
                "précisez son identifiant avec --sujet ID."
            )
        if not subject.isdigit():
            raise CommandError(f"Sujet invalide : « {subject} » n'est pas un identifiant.")
        try:
            builder.gather(project, subject)
        except ObjectDoesNotExist as error:
            raise CommandError(f"Sujet introuvable dans ce projet : {subject}.") from error
        except DomainError as error:
            raise CommandError(error.message) from error
        except ValueError as error:
            # Builders refuse an incomplete subject with a French message (an audition
            # without its time or questions…).
            raise CommandError(str(error)) from error
        return subject

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
