"""Rules of step 13: what the checklist holds, which method each line calls for, how a
line moves, when the final migration may go. Pure: no ORM, no request.

Method (001 step 13): the data identified at step 7 is migrated by the vendor under the
chef de projet's supervision; migration without re-keying is only possible when the source
data is structured (step 4 tells: « antécédents saisis en texte libre »). After a trial
migration and sample checks, the team decides go or no-go before the final migration.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import GoDecision, MigrationMethod, MigrationState

LINE_MOVES: Mapping[str, frozenset[str]] = {
    MigrationState.PLANNED: frozenset({MigrationState.TRIAL_RUN}),
    # A trial found wrong is run again after the vendor's correction.
    MigrationState.TRIAL_RUN: frozenset({MigrationState.CHECKED, MigrationState.PLANNED}),
    MigrationState.CHECKED: frozenset({MigrationState.FINAL_RUN, MigrationState.TRIAL_RUN}),
    MigrationState.FINAL_RUN: frozenset({MigrationState.ACCEPTED, MigrationState.CHECKED}),
    MigrationState.ACCEPTED: frozenset({MigrationState.FINAL_RUN}),
}
# Formats that are not a file one can load: the data has to be typed again.
UNSTRUCTURED_FORMATS = ("papier", "aucun", "texte libre", "manuscrit", "pdf", "scan")
# Words of the step 4 note that say the records are typed as free text.
FREE_TEXT_WORDS = ("texte libre", "non structur", "peu de donnees codees")
# Data that sits in the medical record, where free text hurts (antécédents, traitements…).
RECORD_WORDS = ("dossier", "antecedent", "traitement", "observation", "bilan", "soins")
POOR_QUALITY = "low"  # projects Rating value


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class SourceItem:
    """A data set of step 7 to take over."""

    pk: int
    data: str
    source_software: str
    data_format: str


@dataclass(frozen=True)
class ProfessionSoftware:
    """A profession's current software (step 4)."""

    profession: str
    label: str
    software: str


@dataclass(frozen=True)
class LineDraft:
    """A line the checklist should hold."""

    key: str  # « item:<pk> » or « profession:<code> », never reused for another line
    data: str
    source_software: str
    data_format: str
    profession: str
    source_item_id: int | None


def _same_software(a: str, b: str) -> bool:
    """Whether two names designate the same software (one contains the other)."""
    a, b = _plain(a).strip(), _plain(b).strip()
    return bool(a and b) and (a in b or b in a)


def checklist_drafts(items: Sequence[SourceItem],
                     software: Iterable[ProfessionSoftware]) -> list[LineDraft]:
    """One line per step 7 item (with the profession whose software it comes from), then
    one per profession whose software no item mentions: its data must be taken over too."""
    used = list(software)
    drafts = []
    for item in items:
        owner = next((s.profession for s in used if _same_software(item.source_software,
                                                                   s.software)), "")
        drafts.append(LineDraft(f"item:{item.pk}", item.data, item.source_software,
                                item.data_format, owner, item.pk))
    for s in used:
        if s.software and not any(_same_software(i.source_software, s.software)
                                  for i in items):
            drafts.append(LineDraft(f"profession:{s.profession}",
                                    _("Données du logiciel métier — %s") % s.label,
                                    s.software, "", s.profession, None))
    return drafts


def predicted_method(*, data: str, data_format: str, entry_quality: str,
                     entry_note: str) -> tuple[str, str]:
    """The method a line calls for and why: free-text records predict re-keying."""
    fmt, note, what = _plain(data_format), _plain(entry_note), _plain(data)
    if not fmt.strip() or any(word in fmt for word in UNSTRUCTURED_FORMATS):
        return MigrationMethod.REKEYING, _("Pas de format d'échange structuré : les données "
                                           "seront ressaisies.")
    in_record = any(word in what for word in RECORD_WORDS)
    if in_record and (entry_quality == POOR_QUALITY
                      or any(word in note for word in FREE_TEXT_WORDS)):
        return MigrationMethod.REKEYING, _("Saisie en texte libre dans les dossiers (étape 4) "
                                           ": ressaisie à prévoir pour les données non "
                                           "structurées.")
    return MigrationMethod.AUTOMATIC, _("Source structurée (%s) : reprise automatique.") % (
        data_format.strip())


def line_move_refusal(*, from_state: str, to_state: str, has_passed_check: bool,
                      is_go: bool) -> str | None:
    """Why a line may not move that way, or None. « Contrôlée » needs a passed sample
    check (its last one); the final run needs the go decision."""
    if to_state not in LINE_MOVES.get(from_state, frozenset()):
        return _("Ce changement d'état n'est pas possible.")
    if to_state == MigrationState.CHECKED and not has_passed_check:
        return _("Enregistrez d'abord un contrôle par échantillon sans écart.")
    if to_state == MigrationState.FINAL_RUN and not is_go:
        return _("La reprise définitive attend la décision « go ».")
    return None


def line_moves(state: str) -> list[str]:
    """The states a line may move to, in the order of the states."""
    allowed = LINE_MOVES.get(state, frozenset())
    return [s for s in MigrationState.values if s in allowed]


@dataclass(frozen=True)
class LineStatus:
    """What the go decision needs to know of one line."""

    label: str
    state: str
    last_check_failed: bool | None  # None: never checked


def go_refusal(*, decision: str, has_method_note: bool, lines: Sequence[LineStatus]
               ) -> str | None:
    """Why « go » cannot be recorded, or None. No-go is always possible.

    Go needs the vendor's method note, a trial on every line and, for each line, a last
    sample check without discrepancy: a failed check blocks until it is re-checked.
    """
    if decision not in GoDecision.values:
        return _("Décision inconnue.")
    if decision == GoDecision.NO_GO:
        return None
    if not lines:
        return _("La liste de reprise est vide.")
    if not has_method_note:
        return _("La note de méthode du prestataire n'est pas jointe.")
    unchecked = [ln.label for ln in lines if ln.last_check_failed is None]
    if unchecked:
        return _("Sans contrôle par échantillon : %s.") % ", ".join(unchecked)
    failed = [ln.label for ln in lines if ln.last_check_failed]
    if failed:
        return _("Contrôle en écart, à refaire après correction : %s.") % ", ".join(failed)
    return None


MAX_NOTE_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
# Active content a method note has no business carrying.
ACTIVE_PDF_MARKERS = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile")


def note_file_refusal(*, size: int, content: bytes) -> str | None:
    """The method note is a PDF (by its bytes, not its name) of at most 10 MB, with no
    script, launch action or embedded file."""
    if size == 0:
        return _("Le fichier est vide. Rien n'a été enregistré.")
    if size > MAX_NOTE_BYTES:
        return _("Le fichier dépasse 10 Mo. Rien n'a été enregistré.")
    if not content.startswith(PDF_MAGIC) or b"%%EOF" not in content[-2048:]:
        return _("Le fichier joint n'est pas un PDF complet. Rien n'a été enregistré.")
    if any(marker in content for marker in ACTIVE_PDF_MARKERS):
        return _("Le PDF contient du contenu actif (script, lancement, fichier incorporé). "
                 "Demandez au prestataire une version simple. Rien n'a été enregistré.")
    return None
