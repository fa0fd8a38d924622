"""Writes on one step: planning (owner, dates) and the collegial validation of its deliverable.

Status moves themselves go through ``step_transition`` (``services/projects.py``); the
validation reuses the same history line so the step's log tells the whole story.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from msp_si.common.typography import french_date

from ..choices import DocumentStatus, Role, StepStatus, ValidationDecision
from ..core.services import _record_move
from ..models import Document, Membership, Step, StepValidation
from ..plugins import step_document_kind

if TYPE_CHECKING:
    from msp_si.accounts.models import User


@transaction.atomic
def step_update(
    *, step: Step, owner: User | None, start_on: date | None, due_on: date | None
) -> Step:
    """Set a step's owner (a member of its project, not an observer) and its planned dates."""
    if owner is not None and not Membership.objects.filter(
        project_id=step.project_id, user=owner
    ).exclude(role=Role.OBSERVER).exists():
        raise DomainError(_("Le responsable doit être un membre du projet qui y contribue "
                            "(pas un observateur)."))
    if start_on and due_on and start_on > due_on:
        raise DomainError(_("Le début prévu doit précéder l'échéance."))
    step.owner, step.start_on, step.due_on = owner, start_on, due_on
    step.save(update_fields=["owner", "start_on", "due_on"])
    return step


def _check_document(*, step: Step, document: Document | None) -> None:
    """Only a finished version of this step's own document can be put to validation."""
    if document is None:
        return
    kind = step_document_kind(step.number)
    if (document.project_id != step.project_id or kind is None or document.kind != kind
            or document.status != DocumentStatus.DONE):
        raise DomainError(_("Cette version de document ne peut pas être validée sur cette "
                            "étape."))


@transaction.atomic
def step_validation_record(
    *,
    step: Step,
    held_on: date,
    decision: str,
    attendees: Iterable[Membership],
    notes: str,
    document: Document | None,
    by: User,
) -> StepValidation:
    """Record the collegial decision on a finished step: validated, or back to work."""
    locked = Step.objects.select_for_update().get(pk=step.pk)
    if locked.status != StepStatus.DONE:
        raise DomainError(_("Seule une étape terminée peut être soumise à validation "
                            "collégiale."))
    if decision not in ValidationDecision.values:
        raise DomainError(_("Décision inconnue."))
    people = list(attendees)
    if not people:
        raise DomainError(_("Indiquez les personnes présentes."))
    if any(m.project_id != locked.project_id for m in people):
        raise DomainError(_("Les présents doivent être membres du projet."))
    _check_document(step=locked, document=document)
    names = [m.user.display_name for m in Membership.objects.filter(
        pk__in=[m.pk for m in people]).select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")]
    validation = StepValidation.objects.create(
        step=locked, held_on=held_on, decision=decision, notes=notes, document=document,
        recorded_by=by, attendee_names=names,
    )
    validation.attendees.set(people)
    when = french_date(held_on)
    if decision == ValidationDecision.APPROVED:
        _record_move(step=locked, to_status=StepStatus.VALIDATED, by=by,
                     comment=_("Validation collégiale du %s") % when)
        if document is not None:
            # A validated version is frozen: it is the reference and is never deleted.
            Document.objects.filter(pk=document.pk).update(is_frozen=True)
            document.is_frozen = True
    else:
        _record_move(step=locked, to_status=StepStatus.IN_PROGRESS, by=by,
                     comment=_("Non validée en réunion du %s : à reprendre") % when)
    step.status = locked.status
    return validation
