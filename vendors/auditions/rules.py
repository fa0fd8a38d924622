"""Rules of step 10 « auditionner les candidats », as plain data: no ORM, no request.

The method (seed 001, step 10): audition only once the offers are in, so that they feed
the exchange; two or three candidates; questions prepared and sent with the convocation;
the step is pointless when a single candidate fits the needs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from django.utils.translation import gettext as _

RECOMMENDED_MIN = 2
RECOMMENDED_MAX = 3
MIN_DURATION_MINUTES = 15
MAX_DURATION_MINUTES = 8 * 60
MAX_COMPLEMENT_BYTES = 10 * 1024 * 1024
PDF_MAGIC = b"%PDF-"
MOVES = ("up", "down")


def shortlist_refusal(*, has_answer: bool) -> str | None:
    """Why a consulted vendor cannot be shortlisted: its offer is not in (yet)."""
    if not has_answer:
        return _("Ce prestataire n'a pas encore de réponse confirmée : la méthode réserve "
                 "l'audition aux candidats dont l'offre est reçue, pour qu'elle serve de "
                 "base aux échanges.")
    return None


def shortlist_warnings(*, shortlisted: int, answered: int) -> list[str]:
    """The method's advice on the shortlist; warnings, never a block."""
    warnings: list[str] = []
    if answered == 0:
        warnings.append(_("Aucune offre n'est encore reçue : les auditions se préparent une "
                          "fois les réponses des prestataires importées (étape 9)."))
    elif answered == 1:
        warnings.append(_("Une seule offre est reçue : si ce candidat répond aux besoins, "
                          "l'audition n'apporte pas de comparaison et l'étape peut être "
                          "passée."))
    if answered >= RECOMMENDED_MIN and 0 < shortlisted < RECOMMENDED_MIN:
        warnings.append(_("Un seul candidat est retenu pour l'audition : la méthode en "
                          "conseille deux à trois."))
    if shortlisted > RECOMMENDED_MAX:
        warnings.append(_("%(n)d candidats sont retenus pour l'audition : la méthode en "
                          "conseille trois au plus ; écartez dès maintenant les offres qui "
                          "répondent le moins bien aux besoins.") % {"n": shortlisted})
    return warnings


def unshortlist_refusal(*, has_record: bool, complement_count: int) -> str | None:
    """An audition with notes, a synthesis, answers or complements stays on the list."""
    if has_record or complement_count:
        return _("Cette audition a déjà un compte rendu ou des compléments : elle reste "
                 "dans la liste. Effacez-les d'abord si le candidat doit vraiment être "
                 "retiré.")
    return None


def schedule_errors(*, scheduled_at: datetime | None, previous_at: datetime | None,
                    duration_minutes: int | None, now: datetime) -> list[str]:
    """A new audition time is in the future; the duration is between 15 min and 8 h.

    Keeping the time already recorded is allowed even once past (to fix the place).
    """
    errors: list[str] = []
    if scheduled_at is not None and scheduled_at != previous_at and scheduled_at <= now:
        errors.append(_("L'audition doit être programmée à une date et une heure à venir."))
    if duration_minutes is None or not (
            MIN_DURATION_MINUTES <= duration_minutes <= MAX_DURATION_MINUTES):
        errors.append(_("La durée de l'audition doit être comprise entre %(min)d minutes "
                        "et %(max)d heures.") % {"min": MIN_DURATION_MINUTES,
                                                 "max": MAX_DURATION_MINUTES // 60})
    return errors


def record_errors(*, held_on: date | None, has_content: bool, today: date) -> list[str]:
    """Notes, a synthesis or answers need the day the audition took place, not a future one."""
    if held_on is None:
        return [_("Indiquez la date à laquelle l'audition a eu lieu.")] if has_content else []
    if held_on > today:
        return [_("La date de l'audition ne peut pas être dans le futur.")]
    return []


def letter_refusal(*, scheduled_at: datetime | None, question_count: int) -> str | None:
    """The convocation carries the time and the questions: both must exist first."""
    if scheduled_at is None:
        return _("Programmez d'abord l'audition (date, heure et lieu) : la convocation les "
                 "indique.")
    if question_count == 0:
        return _("Préparez au moins une question : la convocation les transmet au candidat "
                 "pour qu'il prépare l'audition sur le cas de la maison de santé.")
    return None


def complement_file_refusal(*, size: int, head: bytes) -> str | None:
    """An attachment is a PDF (by its first bytes, not its name) of at most 10 MB."""
    if size > MAX_COMPLEMENT_BYTES:
        return _("Le fichier dépasse 10 Mo. Rien n'a été enregistré.")
    if not head.startswith(PDF_MAGIC):
        return _("Le fichier joint n'est pas un PDF. Rien n'a été enregistré.")
    return None


def reordered(ids: Sequence[int], moved: int, direction: str) -> list[int]:
    """The ids after moving one up or down by one place (no move past either end)."""
    order = list(ids)
    if moved not in order or direction not in MOVES:
        return order
    index = order.index(moved)
    target = index - 1 if direction == "up" else index + 1
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
    return order


def excerpt(text: str, limit: int = 200) -> str:
    """The start of a long text, cut at a word boundary, for a list."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return f"{cut}…"


def attendee_title(attendees: str, name: str) -> str:
    """The title written after ``name`` in the attendee list (« Claire Fontanel, cheffe de
    projet ; … » → « cheffe de projet »), or "" when the list does not name them."""
    if not name:
        return ""
    for part in attendees.replace("\n", ";").split(";"):
        person, _comma, title = part.strip().partition(",")
        if person.strip() == name and title.strip():
            return title.strip()
    return ""
