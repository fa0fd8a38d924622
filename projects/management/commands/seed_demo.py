"""``python manage.py seed_demo``: the fictitious demo MSP with one account per role."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from projects.choices import Profession, Role
from projects.demo.seed import DEMO_PASSWORD, DemoResult, demo_seed
from projects.plugins import plugins


class Command(BaseCommand):
    help = (
        "Crée la maison de santé fictive de démonstration et un compte par rôle "
        "(sans doublon si on la relance ; --reset la recrée)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Declare ``--reset``."""
        parser.add_argument(
            "--reset", action="store_true",
            help="Supprime puis recrée le projet de démonstration (les comptes sont gardés).",
        )

    def handle(self, *args: Any, reset: bool = False, **options: Any) -> None:
        """Seed, then print the project and the accounts with the shared password."""
        results = [demo_seed(reset=reset)]
        # Then the demo projects the plug-ins add (an MSP further along the method).
        for plugin in plugins():
            if plugin.demo_projects:
                results.extend(import_string(plugin.demo_projects)(reset=reset))
        for result in results:
            self._report(result)

    def _report(self, result: DemoResult) -> None:
        """The project and its accounts with the shared password."""
        verb = "créé" if result.is_created else "déjà présent (--reset pour le recréer)"
        self.stdout.write(self.style.SUCCESS(
            f"Projet « {result.project.name} » (n° {result.project.pk}) {verb}."
        ))
        self.stdout.write(f"Comptes de démonstration, mot de passe commun : {DEMO_PASSWORD}")
        for person, user in result.accounts:
            role = Role(person.role).label
            detail = person.domain or (Profession(person.profession).label
                                       if person.profession else "")
            suffix = f" ({detail})" if detail else ""
            self.stdout.write(f"  {user.email:<42} {role}{suffix}")
