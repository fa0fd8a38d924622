"""Demo part of steps 12 and 13 for an MSP already in phase 4: a validated habilitation
matrix, setting items in various states, the patient information under way, and a
migration checklist whose trial has one failed sample. Everything is invented.

Idempotent: each part is skipped once it exists.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from msp_si.common import clock
from projects.demo import seed as demo
from projects.models import Membership

from ..migration import services as migration
from ..migration.models import MigrationLine, MigrationNote
from ..settings import services as settings
from ..settings.choices import DataCategory, ProfileStatus, SettingState
from ..settings.models import HabilitationMatrix, HabilitationProfile, SettingItem

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

# Status → rights on (administratif, synthèse, dossier détaillé, notes personnelles,
# facturation, agenda): W write, R read, N none.
_RIGHTS: dict[str, str] = {
    ProfileStatus.HOLDER: "WWWWWW",
    ProfileStatus.REPLACEMENT: "RRWNWR",
    ProfileStatus.LOCUM: "RRWNWR",
    ProfileStatus.TRAINEE: "RRRNNR",
    ProfileStatus.SECRETARIAT: "WNNNWW",
    ProfileStatus.COORDINATION: "WRNNRW",
}
_LETTERS = {"W": "write", "R": "read", "N": "none"}
# Title prefix → (state, rules written by the team).
_ITEMS: dict[str, tuple[str, str]] = {
    "PAR — Accès et habilitations": (
        SettingState.CONFIGURED,
        "Profils par profession et par statut selon la matrice validée ; les vacataires "
        "n'ouvrent que les dossiers des patients de leur journée ; notes personnelles "
        "visibles de leur seul auteur."),
    "PAR — Présentation": (SettingState.TABLE_RECEIVED,
                           "Modèles de courriers et d'ordonnances aux couleurs de la maison "
                           "de santé ; table des modèles reçue du prestataire."),
    "PAR — Indicateurs": (SettingState.DOCUMENTED,
                          "Indicateurs de l'accord conventionnel en standard ; file active "
                          "par profession et par site."),
    "PIL — Indicateurs conventionnels": (SettingState.VERIFIED, ""),
}
# A minimal valid PDF standing for the vendor's invented method note.
_NOTE = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
         b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
         b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _attendees(project: Project) -> list[Membership]:
    return list(Membership.objects.filter(project=project).exclude(role="observer")
                .select_related("user"))


def _seed_matrix(project: Project, lead: User) -> None:
    """Profiles from the professions, rights decided, version 1 validated last week."""
    matrix = HabilitationMatrix.objects.filter(project=project).first()
    if matrix is not None and matrix.is_validated:
        return
    settings.habilitation_matrix_build(project=project)
    for profile in HabilitationProfile.objects.filter(project=project):
        code = _RIGHTS.get(profile.status, "RRRNNR")
        for category, letter in zip(DataCategory.values, code, strict=True):
            settings.habilitation_right_set(profile=profile, category=category,
                                            right=_LETTERS[letter])
    settings.habilitation_matrix_validate(
        project=project, by=lead, held_on=clock.today() - timedelta(days=7),
        attendees=_attendees(project),
        notes="Matrice relue en réunion pluriprofessionnelle ; les stagiaires n'accèdent "
              "au dossier qu'avec leur tuteur.")


def _seed_items(project: Project, lead: User) -> None:
    """Items proposed from the grid, then moved to where the demo says they stand."""
    settings.setting_items_propose(project=project, by=lead)
    for prefix, (state, rules_text) in _ITEMS.items():
        item = SettingItem.objects.filter(project=project, title__startswith=prefix,
                                          state=SettingState.TO_DOCUMENT).first()
        if item is None:
            continue
        if rules_text:
            item.description = rules_text
            item.save(update_fields=["description", "updated_at"])
        path = list(SettingState.values)
        for next_state in path[1:path.index(state) + 1]:
            settings.setting_item_move(item=item, to_state=next_state, by=lead)
    settings.patient_information_save(project=project, by=lead, values={
        "poster_displayed_on": clock.today() - timedelta(days=3),
        "consent_method": "recorded",
        "consent_note": "Consentement demandé en consultation et tracé dans le dossier ; "
                        "la secrétaire remet le dépliant à l'accueil."})


def _seed_migration(project: Project, amoa: User, doctor: User) -> None:
    """The checklist, the vendor's note, a trial with one failed sample on the records."""
    migration.migration_checklist_generate(project=project, by=amoa)
    if not MigrationNote.objects.filter(project=project).exists():
        migration.migration_note_attach(
            project=project, by=amoa, content=_NOTE, file_name="note-methode-reprise.pdf",
            summary="Reprise des dossiers par export XML ; antécédents en texte libre "
                    "repris en bloc dans une note, sans codage.")
    volumes = (2400, 6800, 900, 350, 280)
    day = clock.today() - timedelta(days=2)
    for index, line in enumerate(MigrationLine.objects.filter(project=project)):
        if line.checks.exists():
            continue
        line.volume_expected = volumes[index % len(volumes)]
        line.save(update_fields=["volume_expected", "updated_at"])
        if index > 2:
            continue  # the nurses' and physios' software are not tried yet
        migration.migration_line_move(line=line, to_state="trial_run", by=amoa)
        failed = index == 0
        migration.sample_check_record(
            line=line, by=amoa, checked_on=day, professional=f"Dr {doctor.display_name}",
            records_checked=25, discrepancies=4 if failed else 0,
            discrepancy_note="Quatre dossiers sans leurs allergies ; dates de vaccination "
                             "décalées d'un jour." if failed else "")
        if not failed:
            migration.migration_line_move(line=line, to_state="checked", by=amoa)


@transaction.atomic
def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill steps 12 and 13 of a demo MSP already in phase 4."""
    lead, amoa = people[demo.LEAD.key], people[demo.AMOA.key]
    _seed_matrix(project, lead)
    _seed_items(project, lead)
    _seed_migration(project, amoa, people[demo.GP_MEMBER.key])
