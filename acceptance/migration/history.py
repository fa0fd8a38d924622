"""What of step 13 shows in a project's history."""

from __future__ import annotations

from django.utils.translation import gettext as _

from projects.history import Tracked, title_label

from .models import MigrationDecision, MigrationLine, MigrationNote, SampleCheck

TRACKED = (
    Tracked("reprise", MigrationLine, "project_id", title_label("data")),
    Tracked("note-reprise", MigrationNote, "project_id",
            lambda record, refs: _("Note de méthode « %s »") % record.file_name),
    Tracked("controle-reprise", SampleCheck, "project_id",
            lambda record, refs: _("Contrôle des dossiers de %s") % record.professional),
    Tracked("decision-reprise", MigrationDecision, "project_id",
            lambda record, refs: str(record)),
)
