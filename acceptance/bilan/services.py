"""Writes of step 17: real costs, the survey and its answers, the conclusions."""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash, token_new
from projects.method import PALIERS
from projects.models import Membership, Project
from projects.pagecache.revision import revision_bump

from ..choices import CostNature
from ..training.models import Trainee
from . import rules
from .models import (
    Bilan,
    CostEntry,
    Survey,
    SurveyInvitation,
    SurveyParticipation,
    SurveyResponse,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User


logger = logging.getLogger(__name__)


@transaction.atomic
def cost_add(*, project: Project, by: User, nature: str, label: str, amount: Decimal,
             spent_on: date) -> CostEntry:
    """Record a real cost; the same line twice (nature, label, amount, date) is refused."""
    if nature not in CostNature.values:
        raise DomainError(_("Nature de coût inconnue."))
    if amount <= 0:
        raise DomainError(_("Le montant doit être positif."))
    Project.objects.select_for_update().filter(pk=project.pk).first()
    if CostEntry.objects.filter(project=project, nature=nature, label=label, amount=amount,
                                spent_on=spent_on).exists():
        raise DomainError(_("Ce coût est déjà enregistré."))
    return CostEntry.objects.create(project=project, nature=nature, label=label, amount=amount,
                                    spent_on=spent_on, created_by=by)


@transaction.atomic
def survey_open(*, project: Project, by: User) -> Survey:
    """Open the satisfaction survey to every member, once, and invite each member by e-mail
    once the opening is committed (people without an account get a personal link from
    the bilan page)."""
    with transaction.atomic():
        survey, created = Survey.objects.get_or_create(
            project=project, defaults={"opened_at": clock.now(), "opened_by": by})
        if not created:
            raise DomainError(_("L'enquête est déjà ouverte."))
        transaction.on_commit(lambda: survey_invite(survey=survey))
    return survey


def survey_invite(*, survey: Survey) -> int:
    """E-mail each active member the survey's page, one message each (nobody sees the
    others' addresses); a mail server failure is logged, the survey stays open and the
    page still offers it. Returns how many were sent."""
    emails = sorted(Membership.objects.filter(project_id=survey.project_id,
                                              user__is_active=True)
                    .values_list("user__email", flat=True))
    context = {"project_name": str(survey.project), "min_group": rules.MIN_GROUP_SIZE,
               "dimensions": [str(label) for _key, label in rules.DIMENSIONS],
               "url": settings.SITE_URL + reverse("acceptance:survey-answer",
                                                  args=[survey.project_id])}
    subject = " ".join(render_to_string("emails/survey_subject.txt", context).split())
    body = render_to_string("emails/survey_body.txt", context)
    try:
        return send_mass_mail([(subject, body, None, [email]) for email in emails])
    except (smtplib.SMTPException, OSError) as exc:
        logger.warning("Survey invitation of project %s failed: %s", survey.project_id, exc)
        return 0


def _response(survey: Survey, *, profession: str, marks: Mapping[str, int | None],
              comment: str, is_paper: bool) -> SurveyResponse:
    error = rules.mark_error(marks)
    if error:
        raise DomainError(error)
    return SurveyResponse.objects.create(
        survey=survey, project_id=survey.project_id, profession=profession,
        is_paper=is_paper, comment=comment.strip(),
        **{key: marks.get(key) for key in rules.DIMENSION_KEYS})


def survey_answer(*, survey: Survey, user: User, profession: str,
                  marks: Mapping[str, int | None], comment: str = "") -> None:
    """Record a member's anonymous answer; a second one is refused, even sent at the same
    instant (the unique participation decides)."""
    if survey.closed_at is not None:
        raise DomainError(_("L'enquête est close."))
    try:
        with transaction.atomic():
            SurveyParticipation.objects.create(survey=survey, project_id=survey.project_id,
                                               user=user)
            _response(survey, profession=profession, marks=marks, comment=comment,
                      is_paper=False)
    except IntegrityError:
        raise DomainError(_("Vous avez déjà répondu à l'enquête : une réponse par "
                            "personne.")) from None


@transaction.atomic
def survey_paper_answer(*, survey: Survey, profession: str, marks: Mapping[str, int | None],
                        comment: str = "") -> SurveyResponse:
    """Type in an answer given on paper by someone without an account."""
    if survey.closed_at is not None:
        raise DomainError(_("L'enquête est close."))
    return _response(survey, profession=profession, marks=marks, comment=comment,
                     is_paper=True)


@transaction.atomic
def survey_link_issue(*, survey: Survey, trainee: Trainee, by: User) -> str:
    """A personal link for someone listed without an account; issuing again replaces the
    previous link (which stops working). Returns the token, to show once: only its hash
    is stored."""
    if survey.closed_at is not None:
        raise DomainError(_("L'enquête est close."))
    if trainee.project_id != survey.project_id:
        raise DomainError(_("Personne inconnue."))
    if trainee.user_id is not None:
        raise DomainError(_("%s a un compte : elle répond depuis son espace, sans lien "
                            "personnel.") % trainee.name)
    invitation = (SurveyInvitation.objects.select_for_update()
                  .filter(survey=survey, trainee=trainee).first())
    if invitation is not None and invitation.is_answered:
        raise DomainError(_("%s a déjà répondu à l'enquête.") % trainee.name)
    token, now = token_new(), clock.now()
    values = {"token_hash": token_hash(token), "issued_at": now, "issued_by": by,
              "expires_at": now + timedelta(days=rules.LINK_VALID_DAYS), "revoked_at": None}
    if invitation is None:
        SurveyInvitation.objects.create(survey=survey, project_id=survey.project_id,
                                        trainee=trainee, **values)
    else:
        for name, value in values.items():
            setattr(invitation, name, value)
        invitation.save()
    return token


@transaction.atomic
def survey_link_revoke(*, invitation: SurveyInvitation) -> None:
    """Stop a personal link at once (a lost or forwarded e-mail, a person who left)."""
    invitation = SurveyInvitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.revoked_at is not None:
        raise DomainError(_("Ce lien est déjà révoqué."))
    if invitation.is_answered:
        raise DomainError(_("Cette personne a déjà répondu : son lien ne sert plus."))
    invitation.revoked_at = clock.now()
    invitation.save(update_fields=["revoked_at"])


def survey_link_for_token(token: str) -> SurveyInvitation | None:
    """The invitation a link opens, answered or not; None when the link is unknown,
    replaced, revoked, expired or its survey closed."""
    if not token or len(token) > 100:
        return None
    return (SurveyInvitation.objects.select_related("survey__project", "trainee")
            .filter(token_hash=token_hash(token), revoked_at__isnull=True,
                    expires_at__gt=clock.now(), survey__closed_at__isnull=True).first())


@transaction.atomic
def survey_link_answer(*, invitation: SurveyInvitation, marks: Mapping[str, int | None],
                       comment: str = "") -> None:
    """Record the anonymous answer given through a personal link: once, even sent twice at
    the same instant (the conditional update lets one request through)."""
    error = rules.mark_error(marks)
    if error:
        raise DomainError(error)
    claimed = SurveyInvitation.objects.filter(
        pk=invitation.pk, is_answered=False, revoked_at__isnull=True,
        expires_at__gt=clock.now()).update(is_answered=True)
    revision_bump([invitation.project_id])  # an update in place sends no signal
    if not claimed:
        raise DomainError(_("Une réponse a déjà été enregistrée avec ce lien : une réponse "
                            "par personne."))
    _response(invitation.survey, profession=invitation.trainee.profession, marks=marks,
              comment=comment, is_paper=False)


@transaction.atomic
def bilan_save(*, project: Project, paliers_reached: Mapping[str, int | None],
               synthesis: str, recommendations: str) -> Bilan:
    """Save the conclusions: paliers reached per axis, synthesis, next objectives."""
    reached = {}
    for axis, level in paliers_reached.items():
        if level is None:
            continue
        if axis not in PALIERS or not 0 <= level < len(PALIERS[axis]):
            raise DomainError(_("Palier inconnu."))
        reached[axis] = level
    bilan, _created = Bilan.objects.select_for_update().get_or_create(
        project=project, defaults={"updated_at": clock.now()})
    bilan.paliers_reached, bilan.synthesis = reached, synthesis
    bilan.recommendations, bilan.updated_at = recommendations, clock.now()
    bilan.save()
    return bilan
