"""Writes of the risk register: a risk and its first rating, re-evaluations, preventive
actions (calendar tasks), status changes, the method's known risks accepted or refused."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError

from ..choices import RiskNature, RiskStatus
from ..models import Membership, Project, Risk, RiskAction, RiskAssessment, Step
from ..planning.services import task_create
from . import rules

if TYPE_CHECKING:
    from msp_si.accounts.models import User


def _check_rating(probability: int, impact: int) -> None:
    if not (rules.is_valid_rating(probability) and rules.is_valid_rating(impact)):
        raise DomainError(_("La probabilité et l'impact se notent de 1 à 4."))


def _rating_day(on: date | None) -> date:
    """The day of a rating: today, or an earlier day recorded afterwards, never later."""
    today = clock.today()
    if on is not None and on > today:
        raise DomainError(_("Une évaluation ne peut pas être datée dans le futur."))
    return on or today


def _check_owner(project: Project, owner: User | None) -> None:
    if owner is not None and not Membership.objects.filter(project=project,
                                                           user=owner).exists():
        raise DomainError(_("Le responsable doit être membre de l'équipe du projet."))


@transaction.atomic
def risk_create(*, project: Project, by: User, title: str, nature: str, probability: int,
                impact: int, description: str = "", owner: User | None = None,
                is_proposal: bool = False, source: str = "",
                status: str = RiskStatus.OPEN, on: date | None = None) -> Risk:
    """Add a risk with its first rating (dated ``on``, today by default); the AMOA's is a
    proposal the chef accepts or not."""
    if not title.strip():
        raise DomainError(_("Donnez un intitulé au risque."))
    if nature not in RiskNature.values:
        raise DomainError(_("Nature de risque inconnue."))
    _check_rating(probability, impact)
    _check_owner(project, owner)
    # The lock numbers risks one at a time: two risks never share a number.
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if source and Risk.objects.filter(project=locked, source=source).exists():
        raise DomainError(_("Ce risque connu de la méthode a déjà été accepté ou refusé."))
    twin = Risk.objects.filter(project=locked, title__iexact=title.strip()).first()
    if twin is not None:
        # Also what a double submission of the form meets.
        raise DomainError(_("Le registre contient déjà ce risque : %s.") % twin)
    last = Risk.objects.filter(project=locked).aggregate(n=Max("number"))["n"] or 0
    today = _rating_day(on)
    risk = Risk.objects.create(
        project=locked, number=last + 1, title=title.strip(), nature=nature,
        description=description.strip(), probability=probability, impact=impact,
        assessed_on=today, owner=owner, source=source, created_by=by,
        status=RiskStatus.PROPOSED if is_proposal else status)
    RiskAssessment.objects.create(project=locked, risk=risk, probability=probability,
                                  impact=impact, assessed_on=today, assessed_by=by,
                                  comment=_("Première évaluation"))
    return risk


@transaction.atomic
def risk_assess(*, risk: Risk, by: User, probability: int, impact: int,
                comment: str = "", on: date | None = None) -> RiskAssessment:
    """Re-evaluate a risk (``on`` today by default): a new rating kept beside the earlier
    ones."""
    _check_rating(probability, impact)
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    if locked.status in (RiskStatus.PROPOSED, RiskStatus.REFUSED):
        raise DomainError(_("Un risque proposé ou refusé ne se réévalue pas."))
    today = _rating_day(on)
    if today < locked.assessed_on:
        raise DomainError(_("Une évaluation plus récente est déjà enregistrée."))
    if RiskAssessment.objects.filter(risk=locked, assessed_on=today, probability=probability,
                                     impact=impact, comment=comment.strip()).exists():
        raise DomainError(_("Cette évaluation est déjà enregistrée aujourd'hui."))
    assessment = RiskAssessment.objects.create(
        project_id=locked.project_id, risk=locked, probability=probability, impact=impact,
        assessed_on=today, assessed_by=by, comment=comment.strip())
    locked.probability, locked.impact, locked.assessed_on = probability, impact, today
    locked.save(update_fields=["probability", "impact", "assessed_on"])
    risk.probability, risk.impact, risk.assessed_on = probability, impact, today
    return assessment


@transaction.atomic
def risk_move(*, risk: Risk, to_status: str) -> Risk:
    """Change a risk's status along the register's allowed moves (a proposal is accepted
    or refused); the same move twice is refused."""
    locked = Risk.objects.select_for_update().get(pk=risk.pk)
    if not rules.can_move(locked.status, to_status):
        raise DomainError(_("Ce changement de statut n'est pas possible depuis « %s ».")
                          % locked.get_status_display())
    locked.status = to_status
    locked.save(update_fields=["status"])
    risk.status = to_status
    return locked


@transaction.atomic
def risk_action_add(*, risk: Risk, by: User, description: str, due_on: date, step: Step,
                    owner: User | None = None) -> RiskAction:
    """A preventive action, planned as a task of the calendar on the given step."""
    if not description.strip():
        raise DomainError(_("Décrivez l'action préventive."))
    if risk.status in (RiskStatus.PROPOSED, RiskStatus.REFUSED):
        raise DomainError(_("Acceptez d'abord le risque proposé."))
    if RiskAction.objects.filter(risk=risk, description=description.strip()).exists():
        raise DomainError(_("Cette action préventive est déjà prévue pour ce risque."))
    today = clock.today()
    if due_on < today:
        raise DomainError(_("L'échéance d'une action préventive ne peut pas être passée."))
    task = task_create(project=risk.project, step=step, title=description.strip()[:200],
                       start_on=today, due_on=due_on, owner=owner)
    return RiskAction.objects.create(project_id=risk.project_id, risk=risk, task=task,
                                     description=description.strip(), created_by=by)


@transaction.atomic
def known_risk_decide(*, project: Project, code: str, is_accepted: bool, by: User,
                      owner: User | None = None, on: date | None = None) -> Risk:
    """Accept one of the method's known risks into the register, or record its refusal."""
    known = rules.KNOWN_BY_CODE.get(code)
    if known is None:
        raise DomainError(_("Risque connu introuvable."))
    return risk_create(
        project=project, by=by, title=str(known.title), nature=known.nature,
        description=str(known.description), probability=known.probability,
        impact=known.impact, source=known.code,
        owner=owner, status=RiskStatus.OPEN if is_accepted else RiskStatus.REFUSED, on=on)
