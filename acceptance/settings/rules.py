"""Rules of step 12: which profiles the matrix holds, when it may be validated, how a
setting item moves and who may edit it. Pure: no ORM, no request.

Method (001 step 12): access must vary by profession, by status (titulaires, vacataires,
secrétariat) and by activity; the rules are written down before the setting is done, and
the policy is validated collegially because it governs every professional's access to
every patient.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import AccessRight, DataCategory, ProfileStatus, SettingState

# Professions that are staff or statuses rather than clinical professions (projects
# Profession values): they give their own profile instead of a « titulaire » one.
SECRETARY, COORDINATOR, LOCUM = "secretary", "coordinator", "locum"
STAFF_STATUS = {SECRETARY: ProfileStatus.SECRETARIAT, COORDINATOR: ProfileStatus.COORDINATION}
# Words of the PAR needs that call for a profile of their own (without accents, lower case).
STATUS_WORDS: tuple[tuple[str, str], ...] = (
    ("remplacant", ProfileStatus.REPLACEMENT),
    ("vacataire", ProfileStatus.LOCUM),
    ("stagiaire", ProfileStatus.TRAINEE),
    ("secretariat", ProfileStatus.SECRETARIAT),
)
# Non-titulaire statuses shared by every profession: one profile each, under « Vacataires
# et stagiaires », restricted by the activity of the day rather than by profession.
SHARED_STATUSES = (ProfileStatus.REPLACEMENT, ProfileStatus.LOCUM, ProfileStatus.TRAINEE)

SETTING_MOVES: Mapping[str, frozenset[str]] = {
    SettingState.TO_DOCUMENT: frozenset({SettingState.DOCUMENTED}),
    SettingState.DOCUMENTED: frozenset({SettingState.TABLE_RECEIVED, SettingState.TO_DOCUMENT}),
    SettingState.TABLE_RECEIVED: frozenset({SettingState.CONFIGURED, SettingState.DOCUMENTED}),
    SettingState.CONFIGURED: frozenset({SettingState.VERIFIED, SettingState.TABLE_RECEIVED}),
    # A setting found wrong in recette goes back to the vendor.
    SettingState.VERIFIED: frozenset({SettingState.CONFIGURED}),
}


@dataclass(frozen=True)
class ProfileKey:
    """A profile of the matrix: a profession and a status."""

    profession: str
    status: str


def _plain(text: str) -> str:
    """Lower case without accents, to find a word whatever its spelling."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def statuses_named(need_texts: Iterable[str]) -> set[str]:
    """The statuses the paramétrage needs mention (« profils … vacataire, stagiaire »)."""
    found: set[str] = set()
    for text in need_texts:
        plain = _plain(text)
        found |= {status for word, status in STATUS_WORDS if word in plain}
    return found


def profiles_from(*, professions: Iterable[str], need_texts: Iterable[str]) -> list[ProfileKey]:
    """The matrix's profiles, from the professions in scope (step 4) and the PAR needs.

    Each clinical profession gets a « titulaire » profile; secretaries and the coordinator
    their own; replacements, vacataires and trainees one shared profile each, when the
    needs name them or the MSP has locums.
    """
    present = list(dict.fromkeys(professions))
    named = statuses_named(need_texts)
    if LOCUM in present:
        named.add(ProfileStatus.LOCUM)
    keys = [ProfileKey(p, ProfileStatus.HOLDER) for p in present if p not in (*STAFF_STATUS, LOCUM)]
    keys += [ProfileKey(LOCUM, s) for s in SHARED_STATUSES if s in named]
    staff = [p for p in present if p in STAFF_STATUS]
    if ProfileStatus.SECRETARIAT in named and SECRETARY not in staff:
        staff.insert(0, SECRETARY)
    keys += [ProfileKey(p, STAFF_STATUS[p]) for p in staff]
    return keys


def missing_rights(rights: Mapping[str, str]) -> list[str]:
    """The data categories of one profile that have no right yet (none counts as set)."""
    return [c for c in DataCategory.values if rights.get(c) not in AccessRight.values]


def validation_refusal(*, profiles: Mapping[str, Mapping[str, str]], is_validated: bool
                       ) -> str | None:
    """Why the matrix cannot be validated now, or None: every right of every profile is
    set (the policy governs every professional's access to every patient)."""
    if is_validated:
        return _("Cette version de la matrice est déjà validée.")
    if not profiles:
        return _("La matrice n'a aucun profil : générez-la d'abord.")
    incomplete = [label for label, rights in profiles.items() if missing_rights(rights)]
    if incomplete:
        return _("Des droits manquent pour : %s. Rien n'a été validé.") % ", ".join(incomplete)
    return None


def setting_move_refusal(*, from_state: str, to_state: str) -> str | None:
    """Why a setting item may not move that way, or None (the table of moves)."""
    if to_state not in SETTING_MOVES.get(from_state, frozenset()):
        return _("Ce changement d'état n'est pas possible.")
    return None


def setting_moves(state: str) -> list[str]:
    """The states a setting item may move to, in the order of the states."""
    allowed = SETTING_MOVES.get(state, frozenset())
    return [s for s in SettingState.values if s in allowed]


def can_edit_item(*, manages_all: bool, member_id: int, profession: str,
                  owner_id: int | None, domain_referent_id: int | None,
                  item_profession: str) -> bool:
    """The chef de projet and the AMOA edit every item; a référent only the items of its
    domain (it owns them or is the domain's referent) or of its profession."""
    if manages_all:
        return True
    if member_id in (owner_id, domain_referent_id):
        return True
    return bool(profession) and profession == item_profession


def right_sentence(category_label: str, right: str) -> str:
    """One line of a case's expected result: « Facturation : lecture seule »."""
    words: dict[str, str] = {AccessRight.NONE: _("aucun accès (rubrique invisible)"),
             AccessRight.READ: _("lecture seule"), AccessRight.WRITE: _("lecture et écriture")}
    return f"{category_label}\u202f: {words.get(right, _('non défini'))}"


def day_restriction(status: str) -> str:
    """What the status adds to a profile's recette case: vacataires and replacements reach
    only the day's patients (demo need PAR-001), trainees only with their tutor."""
    if status in (ProfileStatus.LOCUM, ProfileStatus.REPLACEMENT):
        return _("Ouvrir le dossier d'un patient qui n'est pas sur la liste du jour : "
                 "l'accès est refusé.")
    if status == ProfileStatus.TRAINEE:
        return _("Ouvrir un dossier sans être rattaché à un tuteur : l'accès est refusé.")
    if status == ProfileStatus.SECRETARIAT:
        return _("Ouvrir le dossier médical détaillé d'un patient : l'accès est refusé.")
    return ""
