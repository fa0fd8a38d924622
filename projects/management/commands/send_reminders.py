"""Send today's e-mail reminders now, in this process (what beat does every morning)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import ngettext

from msp_si.common import clock
from projects.reminders.services import reminders_due, reminders_send


class Command(BaseCommand):
    help = (
        "Envoie les rappels du jour par e-mail (étapes, tâches, contributions, priorités, "
        "relectures, votes, formations, anomalies). Sans danger si relancé le même jour : "
        "un rappel déjà envoyé ne repart pas. --apercu liste sans rien envoyer."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        """Preview only."""
        parser.add_argument("--apercu", action="store_true",
                            help="afficher ce qui est dû aujourd'hui sans rien envoyer")

    def handle(self, *args: Any, **options: Any) -> None:
        """Preview or send, and say how many e-mails left."""
        if options["apercu"]:
            for item in reminders_due(today=clock.today(), now=clock.now()):
                self.stdout.write(f"{item.kind}\t{item.user_id}\t{item.project_name}\t"
                                  f"{item.text}")
            return
        sent = reminders_send()
        self.stdout.write(ngettext("%(count)d e-mail de rappel envoyé.",
                                   "%(count)d e-mails de rappel envoyés.", sent)
                          % {"count": sent})
