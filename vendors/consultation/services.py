"""Writes of step 9: who is consulted, the deadline, the secret links, imported answers."""

from __future__ import annotations

import hashlib
from dataclasses import asdict
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash, token_new

from ..choices import AssessmentDecision
from ..market.models import VendorAssessment
from .answers_import import AnswerFileError, ImportedAnswers, answers_read
from .models import (
    AnswerSet,
    AnswerSetStatus,
    AnswerSource,
    Consultation,
    ConsultedVendor,
)
from .rules import ConsultationTerms, is_late, link_is_open
from .selectors import expected_cadre

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project


class AnswerFileRefused(DomainError):
    """The uploaded file was refused; ``messages`` lists every reason, in French."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ".join(messages))
        self.messages = messages


@transaction.atomic
def consultation_settle(*, project: Project, response_deadline: date | None,
                        terms: ConsultationTerms | None = None) -> Consultation:
    """Set (or clear) the date by which consulted vendors answer and, when given, what the
    letters say besides it (sender, questions, validity of the offers)."""
    consultation, _created = Consultation.objects.select_for_update().get_or_create(
        project=project)
    values: dict[str, object] = {"response_deadline": response_deadline}
    if terms is not None:
        values.update(asdict(terms))
    changed = {name: value for name, value in values.items()
               if getattr(consultation, name) != value}
    if changed:
        for name, value in changed.items():
            setattr(consultation, name, value)
        consultation.save()
    return consultation


@transaction.atomic
def consulted_add(*, project: Project, assessment: VendorAssessment) -> ConsultedVendor:
    """Consult a vendor the market study kept; consulting it twice is refused."""
    if assessment.project_id != project.pk:
        raise DomainError(_("Ce prestataire n'appartient pas à l'étude de marché du projet."))
    if assessment.decision != AssessmentDecision.KEPT:
        raise DomainError(_("Seuls les prestataires retenus par l'étude de marché peuvent "
                            "être consultés."))
    if ConsultedVendor.objects.filter(project=project, vendor_id=assessment.vendor_id).exists():
        raise DomainError(_("« %s » est déjà consulté.") % assessment.vendor)
    Consultation.objects.get_or_create(project=project)
    return ConsultedVendor.objects.create(project=project, assessment=assessment,
                                          vendor_id=assessment.vendor_id)


@transaction.atomic
def consulted_remove(*, consulted: ConsultedVendor) -> None:
    """Withdraw a vendor consulted by mistake, as long as no answer was imported."""
    ConsultedVendor.objects.select_for_update().filter(pk=consulted.pk).first()
    if AnswerSet.objects.filter(consulted=consulted,
                                status=AnswerSetStatus.CONFIRMED).exists():
        raise DomainError(_("Des réponses de ce prestataire sont déjà importées : il reste "
                            "dans la consultation."))
    # A file left unconfirmed goes with it (the history keeps its trace); confirmed
    # answers and an audition never do: their foreign keys are RESTRICT.
    AnswerSet.objects.filter(consulted=consulted, status=AnswerSetStatus.PENDING).delete()
    consulted.delete()


@transaction.atomic
def consulted_mark_sent(*, consulted: ConsultedVendor, sent_on: date | None) -> ConsultedVendor:
    """Record (or clear) the day the letter and the cadre were sent to the vendor."""
    if sent_on is not None and sent_on > clock.today():
        raise DomainError(_("La date d'envoi ne peut pas être dans le futur."))
    consulted.sent_on = sent_on
    consulted.save(update_fields=["sent_on"])
    return consulted


@transaction.atomic
def consulted_link_issue(*, consulted: ConsultedVendor) -> str:
    """A new secret upload link for the vendor; the previous one stops working.

    Returns the token, to show once: only its hash is stored.
    """
    token = token_new()
    consulted.token_hash = token_hash(token)
    consulted.token_created_at = clock.now()
    consulted.save(update_fields=["token_hash", "token_created_at"])
    return token


def consulted_for_token(token: str, *, now: datetime | None = None) -> ConsultedVendor | None:
    """The consulted vendor of a secret link still open, or None (wrong, revoked, expired)."""
    if not token or len(token) > 100:
        return None
    consulted = (ConsultedVendor.objects.select_related("vendor", "project",
                                                         "project__consultation")
                 .filter(token_hash=token_hash(token)).first())
    if consulted is None:
        return None
    consultation = getattr(consulted.project, "consultation", None)
    deadline = consultation.response_deadline if consultation else None
    if not link_is_open(now or clock.now(), deadline, timezone.get_default_timezone()):
        return None
    return consulted


def _deadline(project: Project) -> date | None:
    consultation = Consultation.objects.filter(project=project).first()
    return consultation.response_deadline if consultation else None


def _stored(result: ImportedAnswers, priorities: dict[str, str]) -> tuple[list, list]:
    answers = [{"code": a.code, "priority": priorities.get(a.code, ""), "answer": a.answer,
                "delay_days": a.delay_days,
                "cost": None if a.cost is None else str(a.cost), "comment": a.comment}
               for a in result.answers]
    prices = [{"key": p.key, "quantity": None if p.quantity is None else str(p.quantity),
               "unit_price": None if p.unit_price is None else str(p.unit_price),
               "total": None if p.total is None else str(p.total), "comment": p.comment}
              for p in result.prices]
    return answers, prices


@transaction.atomic
def answers_preview(*, consulted: ConsultedVendor, content: bytes, file_name: str,
                    by: User | None, source: str = AnswerSource.TEAM,
                    now: datetime | None = None) -> AnswerSet:
    """Check a filled cadre and keep its parsed answers as a set awaiting confirmation.

    A refused file raises ``AnswerFileRefused`` and records nothing.
    """
    if source not in AnswerSource.values:
        raise DomainError(_("Origine du dépôt inconnue."))
    expected, priorities = expected_cadre(consulted=consulted)
    try:
        result = answers_read(content, expected)
    except AnswerFileError as error:
        raise AnswerFileRefused(error.messages) from None
    received_at = now or clock.now()
    answers, prices = _stored(result, priorities)
    # An earlier upload left unconfirmed is superseded by this one.
    AnswerSet.objects.filter(consulted=consulted, status=AnswerSetStatus.PENDING).delete()
    return AnswerSet.objects.create(
        project_id=consulted.project_id, consulted=consulted, source=source,
        uploaded_by=by, file_name=file_name[:200] or "cadre.xlsx",
        file_sha256=hashlib.sha256(content).hexdigest(), grid_version=expected.grid_version,
        received_at=received_at,
        is_late=is_late(received_at, _deadline(consulted.project),
                        timezone.get_default_timezone()),
        answers=answers, prices=prices, warnings=list(result.warnings),
    )


@transaction.atomic
def answers_confirm(*, answer_set: AnswerSet, by: User | None) -> AnswerSet:
    """Make a previewed set the vendor's current answers; the previous ones stay as history.

    Confirming twice (double click, replayed form) returns the same set: never two.
    """
    ConsultedVendor.objects.select_for_update().filter(pk=answer_set.consulted_id).first()
    locked = AnswerSet.objects.select_for_update().filter(pk=answer_set.pk).first()
    if locked is None:
        raise DomainError(_("Ce dépôt a été remplacé par un fichier plus récent : vérifiez "
                            "ce dernier avant de le confirmer."))
    answer_set = locked
    if answer_set.status == AnswerSetStatus.CONFIRMED:
        return answer_set
    # Saved row by row (one at most), not ``update()``: the history records the change.
    for previous in AnswerSet.objects.filter(consulted_id=answer_set.consulted_id,
                                             is_current=True):
        previous.is_current = False
        previous.save(update_fields=["is_current"])
    answer_set.status = AnswerSetStatus.CONFIRMED
    answer_set.is_current = True
    answer_set.confirmed_at = clock.now()
    answer_set.confirmed_by = by
    answer_set.save(update_fields=["status", "is_current", "confirmed_at", "confirmed_by"])
    return answer_set
