"""Writes of step 15: groups from the team, people without account, sessions, convocations,
attendance."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.choices import Profession, Role
from projects.documents.services import document_request
from projects.models import Membership, Project

from ..choices import AttendanceStatus, TrainingGroupKind, TrainingMode
from . import rules
from .ics import session_ics
from .models import Attendance, Trainee, TrainingGroup, TrainingSession
from .selectors import SESSION_KINDS, lead_name

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Document

logger = logging.getLogger(__name__)

# Roles outside the users to train: the AMOA advises, the observer only reads.
NOT_TRAINED_ROLES = frozenset({Role.AMOA, Role.OBSERVER})


def _group_name(kind: str, profession: str) -> str:
    if kind == TrainingGroupKind.PROFESSIONALS and profession:
        return str(Profession(profession).label)
    return str(TrainingGroupKind(kind).label)


@transaction.atomic
def training_groups_build(*, project: Project) -> int:
    """Put every member of the team in a group (administrators, profession, secretariat);
    members already placed stay where they are. Returns how many were placed."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    placed = set(Trainee.objects.filter(project=project, user__isnull=False)
                 .values_list("user_id", flat=True))
    created = 0
    for membership in (Membership.objects.filter(project=project).select_related("user")
                       .exclude(role__in=NOT_TRAINED_ROLES).order_by("id")):
        if membership.user_id in placed:
            continue
        kind, profession = rules.group_kind_for(role=membership.role,
                                                profession=membership.profession)
        group, _new = TrainingGroup.objects.get_or_create(
            project=project, name=_group_name(kind, profession),
            defaults={"kind": kind, "profession": profession})
        Trainee.objects.create(project=project, group=group, user=membership.user,
                               name=membership.user.display_name,
                               profession=membership.profession)
        created += 1
    return created


@transaction.atomic
def trainee_add(*, group: TrainingGroup, name: str, profession: str = "") -> Trainee:
    """List a person without an account (a secretary, a vacataire) in a group."""
    name = " ".join(name.split())
    if not name:
        raise DomainError(_("Indiquez le nom de la personne."))
    TrainingGroup.objects.select_for_update().filter(pk=group.pk).first()
    if group.trainees.filter(name__iexact=name).exists():
        raise DomainError(_("« %s » est déjà dans ce groupe.") % name)
    return Trainee.objects.create(project_id=group.project_id, group=group, name=name,
                                  profession=profession)


@transaction.atomic
def session_create(*, project: Project, title: str, starts_at: datetime,
                   duration_minutes: int, mode: str, location: str = "", trainer: str = "",
                   capacity: int | None = None,
                   groups: Iterable[TrainingGroup] = ()) -> TrainingSession:
    """Plan a session for some groups; a double submission finds the first one."""
    groups = list(groups)
    if any(g.project_id != project.pk for g in groups):
        raise DomainError(_("Groupe inconnu."))
    if mode == TrainingMode.IN_PERSON and not location:
        raise DomainError(_("Indiquez le lieu d'une session en présentiel."))
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if TrainingSession.objects.filter(project=project, title=title,
                                      starts_at=starts_at).exists():
        raise DomainError(_("Cette session existe déjà à cette date."))
    session = TrainingSession.objects.create(
        project=project, title=title, starts_at=starts_at, duration_minutes=duration_minutes,
        mode=mode, location=location, trainer=trainer, capacity=capacity)
    session.groups.set(groups)
    return session


def _convocation_email(session: TrainingSession, trainee: Trainee, *, email: str,
                       signatory: str) -> EmailMessage:
    context = {"session": session, "trainee": trainee, "project_name": str(session.project),
               "signatory": signatory,
               "starts_at": timezone.localtime(session.starts_at)}
    subject = " ".join(render_to_string("emails/training_convocation_subject.txt",
                                        context).split())
    message = EmailMessage(subject, render_to_string("emails/training_convocation_body.txt",
                                                     context), None, [email])
    message.attach("formation.ics", session_ics(
        uid=f"formation-{session.pk}@msp-si", title=session.title, starts_at=session.starts_at,
        duration_minutes=session.duration_minutes, location=session.location,
        description=str(session.get_mode_display()), organizer_name=signatory,
        stamp=clock.now()), "text/calendar")
    return message


@transaction.atomic
def session_convocations_send(*, session: TrainingSession) -> int:
    """E-mail the convocation with its .ics to every convened person who has an account;
    once per session. Returns how many e-mails left."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.convocations_sent_at is not None:
        raise DomainError(_("Les convocations de cette session sont déjà parties."))
    trainees = [(t, t.user.email) for g in session.groups.all()
                for t in g.trainees.select_related("user") if t.user is not None]
    if not trainees:
        raise DomainError(_("Aucune personne convoquée n'a de compte : imprimez la "
                            "convocation (PDF) pour les autres."))
    signatory = lead_name(session.project)
    try:
        for trainee, email in trainees:
            _convocation_email(session, trainee, email=email, signatory=signatory).send()
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Training convocations of session %s failed: %s", session.pk, exc)
        raise DomainError(_("Les convocations n'ont pas pu partir. Réessayez dans un "
                            "instant.")) from exc
    session.convocations_sent_at = clock.now()
    session.save(update_fields=["convocations_sent_at"])
    return len(trainees)


@transaction.atomic
def attendance_record(*, session: TrainingSession,
                      statuses: Mapping[int, str]) -> int:
    """Record who came, once the session has started; only convened people."""
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.starts_at > clock.now():
        raise DomainError(_("La présence se relève une fois la session commencée."))
    convened = {t.pk for g in session.groups.all() for t in g.trainees.all()}
    if set(statuses) - convened:
        raise DomainError(_("Une des personnes n'est pas convoquée à cette session."))
    if any(s not in AttendanceStatus.values for s in statuses.values()):
        raise DomainError(_("Présence inconnue."))
    changed = 0
    for trainee_id, status in statuses.items():
        row, created = Attendance.objects.get_or_create(
            session=session, trainee_id=trainee_id,
            defaults={"project_id": session.project_id, "status": status})
        if not created and row.status != status:
            row.status = status
            row.save(update_fields=["status"])
        changed += created or row.status == status
    return changed


@transaction.atomic
def session_document_request(*, session: TrainingSession, kind: str, by: User) -> Document:
    """Queue a session's convocation or sign-in sheet (PDF)."""
    if kind not in SESSION_KINDS:
        raise DomainError(_("Type de document inconnu : %s.") % kind)
    return document_request(project=session.project, kind=kind, by=by,
                            subject=str(session.pk), subject_label=session.title)
