"""Writes of step 16: evolution requests and planned interventions with their announcement."""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.mail import send_mass_mail
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.documents.services import document_request
from projects.models import Document, Membership, Project
from projects.policy import REFERENT_ROLES

from ..choices import AcceptanceDocument, EvolutionVoteChoice, TrainingMode
from ..recette.choices import CampaignKind
from ..recette.models import Campaign
from ..recette.services import campaign_open
from ..training.models import TrainingGroup, TrainingSession
from ..training.services import session_create
from .models import EvolutionRequest, EvolutionVote, Intervention
from .rules import evolution_move_error, vote_error

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
def evolution_vote(*, evolution: EvolutionRequest, voter: User, role: str,
                   choice: str) -> EvolutionVote:
    """A référent's vote (pour, contre, abstention): once each, before the chef decides."""
    if choice not in EvolutionVoteChoice.values:
        raise DomainError(_("Vote inconnu."))
    evolution = EvolutionRequest.objects.select_for_update().get(pk=evolution.pk)
    error = vote_error(status=evolution.status, is_referent=role in REFERENT_ROLES,
                       has_voted=evolution.votes.filter(voter=voter).exists())
    if error:
        raise DomainError(error)
    return EvolutionVote.objects.create(evolution=evolution, project_id=evolution.project_id,
                                        voter=voter, choice=choice, cast_at=clock.now())


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


# A re-recette after an intervention checks nothing regressed (step 14's campaign kind);
# a week is the usual window, the AMOA can change it on the recette page.
RECETTE_DAYS = 7


@transaction.atomic
def intervention_recette_open(*, intervention: Intervention, by: User) -> Campaign:
    """Open the re-recette campaign the intervention calls for, and attach it."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if intervention.recette_campaign_id is not None:
        raise DomainError(_("Une campagne de re-recette est déjà rattachée."))
    day = timezone.localdate(intervention.starts_at)
    campaign = campaign_open(
        project=intervention.project, by=by, kind=CampaignKind.REGRESSION,
        name=_("Re-recette — %s") % intervention.title, starts_on=day,
        ends_on=day + timedelta(days=RECETTE_DAYS))
    intervention.recette_campaign, intervention.needs_recette = campaign, True
    intervention.save(update_fields=["recette_campaign", "needs_recette"])
    return campaign


@transaction.atomic
def intervention_training_plan(*, intervention: Intervention) -> TrainingSession:
    """Plan the training session the intervention calls for (remote, the next day at the
    same hour, every group convened), and attach it."""
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    if intervention.training_session_id is not None:
        raise DomainError(_("Une session de formation est déjà rattachée."))
    session = session_create(
        project=intervention.project, title=_("Formation — %s") % intervention.title,
        starts_at=intervention.starts_at + timedelta(days=1), duration_minutes=60,
        mode=TrainingMode.REMOTE,
        groups=TrainingGroup.objects.filter(project_id=intervention.project_id))
    intervention.training_session, intervention.needs_training = session, True
    intervention.save(update_fields=["training_session", "needs_training"])
    return session


@transaction.atomic
def intervention_attach(*, intervention: Intervention, campaign: Campaign | None = None,
                        session: TrainingSession | None = None) -> Intervention:
    """Attach an existing campaign and / or session of the same project."""
    if campaign is None and session is None:
        raise DomainError(_("Choisissez une campagne ou une session à rattacher."))
    for item in (campaign, session):
        if item is not None and item.project_id != intervention.project_id:
            raise DomainError(_("Campagne ou session inconnue."))
    intervention = Intervention.objects.select_for_update().get(pk=intervention.pk)
    fields = []
    if campaign is not None:
        intervention.recette_campaign, intervention.needs_recette = campaign, True
        fields += ["recette_campaign", "needs_recette"]
    if session is not None:
        intervention.training_session, intervention.needs_training = session, True
        fields += ["training_session", "needs_training"]
    intervention.save(update_fields=fields)
    return intervention


@transaction.atomic
def intervention_notice_request(*, intervention: Intervention, by: User) -> Document:
    """Queue the avis d'intervention (PDF) to post in the MSP and hand to those affected."""
    return document_request(project=intervention.project,
                            kind=AcceptanceDocument.INTERVENTION_NOTICE, by=by,
                            subject=str(intervention.pk), subject_label=intervention.title)
