"""The procès-verbal of a vote of the assemblée générale, one PDF per closed vote."""

from __future__ import annotations

from projects.choices import DocumentKind
from projects.documents import DocumentBuilder, builder_register

from .vote_selectors import vote_minutes_data

MINUTES_SECTIONS: tuple[tuple[str, str], ...] = (
    ("vote", "1. Objet et règles du vote"),
    ("participation", "2. Participation et pouvoirs"),
    ("resultat", "3. Résultat"),
    ("controle", "4. Contrôle des bulletins"),
)


def register_vote_documents() -> None:
    """Make the procès-verbal buildable (subject: the vote's id)."""
    builder_register(DocumentKind.VOTE_MINUTES, DocumentBuilder(
        gather=vote_minutes_data, template="vendors/pdf/vote_minutes.html",
        file_stem="proces-verbal-vote", takes_subject=True, sections=MINUTES_SECTIONS,
    ))
