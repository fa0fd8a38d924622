"""The procès-verbal of a vote of the assemblée générale, one PDF per closed vote."""

from __future__ import annotations

from projects.documents.builders import DocumentBuilder
from projects.plugins import DocumentSpec
from vendors.choices import VendorsDocument

from .selectors import vote_minutes_data

MINUTES_SECTIONS: tuple[tuple[str, str], ...] = (
    ("vote", "1. Objet et règles du vote"),
    ("participation", "2. Participation et pouvoirs"),
    ("resultat", "3. Résultat"),
    ("controle", "4. Contrôle des bulletins"),
)


# The procès-verbal, one per closed vote (subject: the vote's id).
DOCUMENTS = (
    DocumentSpec(VendorsDocument.VOTE_MINUTES, VendorsDocument.VOTE_MINUTES.label,
                 DocumentBuilder(gather=vote_minutes_data,
                                 template="vendors/pdf/vote_minutes.html",
                                 file_stem="proces-verbal-vote", takes_subject=True,
                                 sections=MINUTES_SECTIONS)),
)
