"""Writes of step 16: evolution requests and planned interventions with their announcement."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.models import Membership, Project

from .models import EvolutionRequest, Intervention
from .rules import evolution_move_error

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from requirements.models import Requirement

logger = logging.getLogger(__name__)


@transaction.atomic
def evolution_propose(*, project: Project, by: User, title: str, description: str,
                      origin: str, priority: str,
                      requirement: Requirement | None = None) -> EvolutionRequest:
    """Log an evolution request, numbered per project; a double click is refused."""
    if requirement is not None and requirement.project_id != project.pk:
        raise DomainError(_("Besoin inconnu."))
    Project.objects.select_for_update().filter(pk=project.pk).first()
    requests = EvolutionRequest.objects.filter(project=project)
    if requests.filter(title=title, description=description).exists():
        raise DomainError(_("Cette demande est déjà enregistrée."))
    now = clock.now()
    return EvolutionRequest.objects.create(
        project=project, number=(requests.aggregate(n=Max("number"))["n"] or 0) + 1,
        title=title, description=description, origin=origin, priority=priority,
        requirement=requirement, requested_by=by, created_at=now, status_changed_at=now)


@transaction.atomic
def evolution_transition(*, evolution: EvolutionRequest, target: str, can_decide: bool,
                         target_version: str = "") -> EvolutionRequest:
    """Move a request along its life; sending it to the vendor or refusing it is the
    chef's decision."""
    evolution = EvolutionRequest.objects.select_for_update().get(pk=evolution.pk)
    error = evolution_move_error(current=evolution.status, target=target,
                                 can_decide=can_decide)
    if error:
        raise DomainError(error)
    evolution.status, evolution.status_changed_at = target, clock.now()
    if target_version:
        evolution.target_version = target_version
    evolution.save(update_fields=["status", "status_changed_at", "target_version"])
    return evolution


@transaction.atomic
def intervention_plan(*, project: Project, by: User, title: str, content: str,
                      starts_at: datetime, downtime_minutes: int, affected: str = "",
                      needs_recette: bool = False,
                      needs_training: bool = False) -> Intervention:
    """Plan an intervention in the future; the same one twice is refused."""
    if starts_at <= clock.now():
        raise DomainError(_("Une intervention se planifie à l'avance : choisissez une date "
                            "à venir."))
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if Intervention.objects.filter(project=project, title=title, starts_at=starts_at).exists():
        raise DomainError(_("Cette intervention est déjà planifiée."))
    return Intervention.objects.create(
        project=project, created_by=by, title=title, content=content, starts_at=starts_at,
        downtime_minutes=downtime_minutes, affected=affected, needs_recette=needs_recette,
        needs_training=needs_training)


@transaction.atomic
def intervention_announce(*, intervention: Intervention) -> int:
    """E-mail every member of the project before the intervention; once. Returns how many."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if intervention.announced_at is not None:
        raise DomainError(_("Cette intervention est déjà annoncée."))
    if intervention.starts_at <= clock.now():
        raise DomainError(_("L'intervention a commencé : il est trop tard pour l'annoncer."))
    emails = sorted(Membership.objects.filter(project_id=intervention.project_id)
                    .values_list("user__email", flat=True))
    context = {"intervention": intervention, "project_name": str(intervention.project),
               "starts_at": timezone.localtime(intervention.starts_at)}
    subject = " ".join(render_to_string("emails/intervention_subject.txt", context).split())
    body = render_to_string("emails/intervention_body.txt", context)
    try:
        # One message per member: nobody sees the others' addresses.
        send_mass_mail([(subject, body, None, [email]) for email in emails])
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Announcement of intervention %s failed: %s", intervention.pk, exc)
        raise DomainError(_("L'annonce n'a pas pu partir. Réessayez dans un instant.")) from exc
    intervention.announced_at = clock.now()
    intervention.save(update_fields=["announced_at"])
    return len(emails)
