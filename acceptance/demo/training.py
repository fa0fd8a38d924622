"""Demo of step 15: groups from the team, two people without account, a past session with
its attendance and a session to come (invented people only)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.utils import timezone

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import Profession
from projects.models import Project

from ..choices import AttendanceStatus, TrainingGroupKind, TrainingMode
from ..contract.models import Contract
from ..training import services
from ..training.models import TrainingGroup

# Without the go-live date the sessions' timing cannot be checked: the demo sets one three
# weeks ahead when the contract has none (the contract's page edits it).
GO_LIVE_AFTER = timedelta(weeks=3)


def _at(days: int, hour: int) -> datetime:
    day = clock.today() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill step 15 of a project in phase 4; a second call changes nothing."""
    if TrainingGroup.objects.filter(project=project).exists():
        return
    Contract.objects.filter(project=project, go_live_on__isnull=True).update(
        go_live_on=clock.today() + GO_LIVE_AFTER)
    services.training_groups_build(project=project)
    desk = TrainingGroup.objects.filter(project=project,
                                        kind=TrainingGroupKind.SECRETARIAT).first()
    if desk is None:
        desk = TrainingGroup.objects.create(project=project, kind=TrainingGroupKind.SECRETARIAT,
                                            name=str(TrainingGroupKind.SECRETARIAT.label))
    services.trainee_add(group=desk, name="Martine Roux", profession=Profession.SECRETARY)
    locums = TrainingGroup.objects.create(project=project, kind=TrainingGroupKind.OTHER,
                                          name="Vacataires et stagiaires")
    services.trainee_add(group=locums, name="Hugo Perrin", profession=Profession.LOCUM)
    admins = TrainingGroup.objects.get(project=project, kind=TrainingGroupKind.ADMINISTRATORS)
    past = services.session_create(
        project=project, title="Administration du logiciel (paramétrage, droits)",
        starts_at=_at(-2, 9), duration_minutes=360, mode=TrainingMode.IN_PERSON,
        location="Pôle santé, salle de réunion", trainer="Formatrice de l'éditeur (fictive)",
        capacity=6, groups=[admins])
    services.attendance_record(session=past, statuses={
        t.pk: AttendanceStatus.PRESENT if i else AttendanceStatus.EXCUSED
        for i, t in enumerate(admins.trainees.order_by("id"))})
    others = list(TrainingGroup.objects.filter(project=project).exclude(pk=admins.pk))
    services.session_create(
        project=project, title="Prise en main : agenda, dossier patient, messagerie",
        starts_at=_at(10, 14), duration_minutes=180, mode=TrainingMode.IN_PERSON,
        location="Pôle santé, salle de réunion", trainer="Formatrice de l'éditeur (fictive)",
        capacity=12, groups=others)
