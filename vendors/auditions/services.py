"""Writes of step 10: shortlist, schedule, questions, convocation, record, complements.

Every service validates first and raises ``DomainError`` with a French message: on
refusal nothing is changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.documents.services import document_request
from projects.models import Document
from vendors.choices import VendorsDocument

from ..consultation.models import AnswerSet, AnswerSetStatus, ConsultedVendor
from . import rules
from .models import Audition, AuditionComplement, AuditionQuestion

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

MAX_QUESTION_CHARS = 1000
MAX_SUMMARY_CHARS = 4000


def _raise_first(errors: list[str]) -> None:
    if errors:
        raise DomainError(" ".join(errors))


def _lock(audition: Audition) -> None:
    """Lock the audition row and reload the caller's instance from it."""
    Audition.objects.select_for_update().filter(pk=audition.pk).first()
    audition.refresh_from_db()


def has_answer(consulted: ConsultedVendor) -> bool:
    """Whether the vendor's offer is in: a confirmed, current answer set."""
    return AnswerSet.objects.filter(consulted=consulted, is_current=True,
                                    status=AnswerSetStatus.CONFIRMED).exists()


@transaction.atomic
def audition_shortlist(*, project: Project, consulted: ConsultedVendor,
                       by: User | None = None) -> Audition:
    """Shortlist a consulted vendor whose offer is in; a second call returns the same row."""
    if consulted.project_id != project.pk:
        raise DomainError(_("Ce prestataire n'est pas consulté dans ce projet."))
    ConsultedVendor.objects.select_for_update().filter(pk=consulted.pk).first()
    existing = Audition.objects.filter(consulted=consulted).first()
    if existing is not None:
        return existing
    refusal = rules.shortlist_refusal(has_answer=has_answer(consulted))
    if refusal:
        raise DomainError(refusal)
    return Audition.objects.create(project=project, consulted=consulted,
                                   vendor_id=consulted.vendor_id)


def has_record(audition: Audition) -> bool:
    """The audition is marked held, or notes, a synthesis or an answer were recorded."""
    return bool(audition.held_on or audition.notes.strip() or audition.synthesis.strip()) \
        or audition.questions.exclude(answer="").exists()


@transaction.atomic
def audition_unshortlist(*, audition: Audition) -> None:
    """Take a candidate off the list while nothing of its audition is recorded."""
    audition = Audition.objects.select_for_update().get(pk=audition.pk)
    refusal = rules.unshortlist_refusal(has_record=has_record(audition),
                                        complement_count=audition.complements.count())
    if refusal:
        raise DomainError(refusal)
    audition.delete()


@transaction.atomic
def audition_schedule(*, audition: Audition, scheduled_at: datetime | None,
                      duration_minutes: int | None, location: str, attendees: str,
                      now: datetime | None = None) -> Audition:
    """Set the time, duration, place and the MSP's attendees of an audition."""
    _lock(audition)
    _raise_first(rules.schedule_errors(
        scheduled_at=scheduled_at, previous_at=audition.scheduled_at,
        duration_minutes=duration_minutes, now=now or clock.now()))
    audition.scheduled_at = scheduled_at
    audition.duration_minutes = duration_minutes or audition.duration_minutes
    audition.location = location.strip()[:300]
    audition.attendees = attendees.strip()
    audition.save()
    return audition


def _clean_text(text: str, *, limit: int, empty: str, too_long: str) -> str:
    text = text.strip()
    if not text:
        raise DomainError(empty)
    if len(text) > limit:
        raise DomainError(too_long)
    return text


def _question_text(text: str) -> str:
    return _clean_text(text, limit=MAX_QUESTION_CHARS,
                       empty=_("La question est vide."),
                       too_long=_("La question dépasse 1000 caractères."))


@transaction.atomic
def audition_question_add(*, audition: Audition, text: str, by: User | None
                          ) -> AuditionQuestion:
    """Add a question at the end; the same text posted twice in a row is kept once."""
    text = _question_text(text)
    Audition.objects.select_for_update().filter(pk=audition.pk).first()
    last = audition.questions.order_by("-position", "-id").first()
    if last is not None and last.text == text:
        return last  # a double submission
    position = (audition.questions.aggregate(p=Max("position"))["p"] or 0) + 1
    return AuditionQuestion.objects.create(project_id=audition.project_id, audition=audition,
                                           text=text, position=position, asked_by=by)


@transaction.atomic
def audition_question_update(*, question: AuditionQuestion, text: str) -> AuditionQuestion:
    """Reword a question."""
    question.text = _question_text(text)
    question.save(update_fields=["text", "updated_at"])
    return question


@transaction.atomic
def audition_question_delete(*, question: AuditionQuestion) -> None:
    """Remove a question (already gone: nothing to do)."""
    AuditionQuestion.objects.filter(pk=question.pk).delete()


@transaction.atomic
def audition_question_move(*, question: AuditionQuestion, direction: str) -> None:
    """Move a question one place up or down in the convocation's order."""
    if direction not in rules.MOVES:
        raise DomainError(_("Sens de déplacement inconnu."))
    Audition.objects.select_for_update().filter(pk=question.audition_id).first()
    questions = list(AuditionQuestion.objects.filter(audition_id=question.audition_id))
    order = rules.reordered([q.pk for q in questions], question.pk, direction)
    by_pk = {q.pk: q for q in questions}
    changed = []
    for position, pk in enumerate(order, start=1):
        if by_pk[pk].position != position:
            by_pk[pk].position = position
            changed.append(by_pk[pk])
    for item in changed:  # one by one: simple-history skips bulk updates
        item.save(update_fields=["position", "updated_at"])


@transaction.atomic
def audition_letter_request(*, audition: Audition, by: User) -> Document:
    """Queue the convocation of a scheduled audition with its questions."""
    _lock(audition)
    refusal = rules.letter_refusal(scheduled_at=audition.scheduled_at,
                                   question_count=audition.questions.count())
    if refusal:
        raise DomainError(refusal)
    return document_request(project=audition.project, kind=VendorsDocument.AUDITION_LETTER,
                            by=by, subject=str(audition.consulted_id),
                            subject_label=str(audition.vendor))


@transaction.atomic
def audition_record(*, audition: Audition, notes: str, synthesis: str,
                    held_on: date | None, answers: Mapping[int, str] | None = None,
                    today: date | None = None) -> Audition:
    """Record the notes, the synthesis, the day it was held and the candidate's answers.

    ``answers`` maps question ids of this audition to their answer; others are ignored.
    """
    _lock(audition)
    questions = {q.pk: q for q in audition.questions.all()}
    answers = {pk: text.strip() for pk, text in (answers or {}).items() if pk in questions}
    has_content = bool(notes.strip() or synthesis.strip() or any(answers.values())
                       or any(q.answer for pk, q in questions.items() if pk not in answers))
    _raise_first(rules.record_errors(held_on=held_on, has_content=has_content,
                                     today=today or clock.today()))
    audition.notes, audition.synthesis, audition.held_on = notes.strip(), synthesis.strip(), \
        held_on
    audition.save()
    for pk, text in answers.items():
        if questions[pk].answer != text:
            questions[pk].answer = text
            questions[pk].save(update_fields=["answer", "updated_at"])
    return audition


@transaction.atomic
def audition_complement_add(*, audition: Audition, received_on: date | None, summary: str,
                            content: bytes | None = None, file_name: str = "",
                            by: User | None = None, today: date | None = None
                            ) -> AuditionComplement:
    """Record what the candidate sent after its audition, with its PDF if any.

    A refused file raises and stores nothing; the same complement posted twice is kept once.
    """
    summary = _clean_text(summary, limit=MAX_SUMMARY_CHARS,
                          empty=_("Résumez le contenu du complément reçu."),
                          too_long=_("Le résumé dépasse 4000 caractères."))
    if received_on is None:
        raise DomainError(_("Indiquez la date de réception du complément."))
    if received_on > (today or clock.today()):
        raise DomainError(_("La date de réception ne peut pas être dans le futur."))
    if content is not None:
        refusal = rules.complement_file_refusal(size=len(content), head=content[:8])
        if refusal:
            raise DomainError(refusal)
    stored_name = (file_name or "complement.pdf")[:200] if content is not None else ""
    Audition.objects.select_for_update().filter(pk=audition.pk).first()
    duplicate = audition.complements.filter(received_on=received_on, summary=summary,
                                            file_name=stored_name).first()
    if duplicate is not None:
        return duplicate
    complement = AuditionComplement(project_id=audition.project_id, audition=audition,
                                    received_on=received_on, summary=summary, added_by=by,
                                    file_name=stored_name)
    if content is not None:
        # Everything was checked above: the file is written only for a row about to exist.
        complement.file.save("complement.pdf", ContentFile(content), save=False)
    complement.save()
    return complement


@transaction.atomic
def audition_complement_delete(*, complement: AuditionComplement) -> None:
    """Remove a complement and, once committed, its file."""
    file = complement.file
    name, storage = file.name, file.storage
    AuditionComplement.objects.filter(pk=complement.pk).delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))
