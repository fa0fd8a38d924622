"""Writes of the anomaly log: report, move along the life cycle, comment.

Every write locks the row it changes (the contract for numbering, the anomaly for a move)
so that a double click or two people acting at once give one result and a clear message
for the other, never two numbers or a move from a status that has already changed.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from projects.models import Project

from ..choices import AnomalyStatus, Severity
from . import rules, sla
from .models import Anomaly, AnomalyComment
from .selectors import contract_of

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from requirements.models import Requirement

    from ..cases.models import AcceptanceCase
    from ..contract.models import Contract

MAX_TITLE_CHARS = 200
MAX_TEXT_CHARS = 4000
# Shown in the history for what the vendor did through its link (no account behind it).
VENDOR_REASON = "Prestataire, par son lien sécurisé"


def response_hours(contract: Contract, severity: str) -> int:
    """The contract's response time for a severity (step 7 figures, editable)."""
    return {
        Severity.BLOCKING: contract.blocking_response_hours,
        Severity.MAJOR: contract.major_response_hours,
        Severity.MINOR: contract.minor_response_hours,
    }[Severity(severity)]


def anomaly_due_at(*, contract: Contract, severity: str, reported_at: datetime) -> datetime:
    """When the vendor must have taken an anomaly into account, from the contract."""
    return sla.due_at(reported_at=reported_at, response_hours=response_hours(contract, severity),
                      start_hour=contract.support_start_hour,
                      end_hour=contract.support_end_hour, support_days=contract.support_days)


def _text(value: str, *, limit: int, empty: str, too_long: str) -> str:
    value = value.strip()
    if not value:
        raise DomainError(empty)
    if len(value) > limit:
        raise DomainError(too_long)
    return value


def _check_links(project: Project, case: AcceptanceCase | None,
                 requirement: Requirement | None) -> None:
    """A case or need of another project is refused (ids come from forms)."""
    if case is not None and case.project_id != project.pk:
        raise DomainError(_("Ce cas de test n'appartient pas au projet."))
    if requirement is not None and requirement.project_id != project.pk:
        raise DomainError(_("Ce besoin n'appartient pas au projet."))


@transaction.atomic
def anomaly_report(*, project: Project, by: User, title: str, description: str, severity: str,
                   reproduction: str = "", case: AcceptanceCase | None = None,
                   requirement: Requirement | None = None) -> Anomaly:
    """File a fiche anomalie, numbered in the project, with its SLA due time.

    The same anomaly sent twice in a row by the same person (double click, replayed form)
    is recorded once: the first one is returned.
    """
    title = _text(title, limit=MAX_TITLE_CHARS, empty=_("Donnez un titre à l'anomalie."),
                  too_long=_("Le titre dépasse 200 caractères."))
    description = _text(description, limit=MAX_TEXT_CHARS,
                        empty=_("Décrivez l'anomalie."),
                        too_long=_("La description dépasse 4 000 caractères."))
    if len(reproduction) > MAX_TEXT_CHARS:
        raise DomainError(_("Les étapes pour reproduire dépassent 4 000 caractères."))
    if severity not in Severity.values:
        raise DomainError(_("Gravité inconnue."))
    _check_links(project, case, requirement)
    # The project row serialises the reports of a project: one number each.
    locked_project = Project.objects.select_for_update().get(pk=project.pk)
    contract = contract_of(project=locked_project)
    if contract is None:
        raise DomainError(_("Le projet n'a pas encore de contrat : les anomalies se "
                            "signalent en phase 4, une fois la solution retenue."))
    last = Anomaly.objects.filter(project=project).order_by("-number").first()
    if last is not None and (last.reported_by_id, last.title, last.description,
                             last.severity) == (by.pk, title, description, severity):
        return last
    if requirement is None and case is not None:
        requirement = case.requirement
    now = clock.now()
    anomaly = Anomaly(
        project=project, number=(last.number if last else 0) + 1, title=title,
        description=description, reproduction=reproduction.strip(), severity=severity,
        case=case, requirement=requirement, reported_by=by, reported_at=now,
        due_at=anomaly_due_at(contract=contract, severity=severity, reported_at=now),
        is_after_go_live=contract.go_live_on is not None and clock.today() >= contract.go_live_on,
    )
    anomaly._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    anomaly.save()
    return anomaly


def _stamp(anomaly: Anomaly, to: str, now: datetime, contract: Contract | None) -> None:
    """The dates a move sets: a reopened anomaly goes back to the vendor with a new clock."""
    if to == AnomalyStatus.ACKNOWLEDGED:
        anomaly.acknowledged_at = now
    elif to == AnomalyStatus.CORRECTED:
        anomaly.acknowledged_at = anomaly.acknowledged_at or now
        anomaly.corrected_at = now
    elif to in (AnomalyStatus.CLOSED, AnomalyStatus.REJECTED):
        anomaly.closed_at = now
    elif to == AnomalyStatus.REOPENED:
        anomaly.acknowledged_at = anomaly.corrected_at = anomaly.closed_at = None
        if contract is not None:
            anomaly.due_at = anomaly_due_at(contract=contract, severity=anomaly.severity,
                                            reported_at=now)


@transaction.atomic
def anomaly_move(*, anomaly: Anomaly, to: str, expected: str, by: User | None,
                 comment: str = "", is_internal: bool = False) -> Anomaly:
    """Move an anomaly to ``to`` from the status the person saw (``expected``).

    ``by`` is None for the vendor acting through its link. A move from a status that has
    changed meanwhile (someone else acted, or the same form was sent twice) is refused with
    a message and records nothing.
    """
    actor = rules.VENDOR if by is None else rules.TEAM
    locked = Anomaly.objects.select_for_update().get(pk=anomaly.pk)
    if locked.status != expected:
        raise DomainError(_("L'anomalie AN-%(n)03d a changé entre-temps : elle est maintenant "
                            "« %(s)s ». Rien n'a été enregistré.")
                          % {"n": locked.number, "s": locked.get_status_display()})
    if not rules.can_move(locked.status, to, actor):
        raise DomainError(_("Ce changement de statut n'est pas possible depuis « %s ».")
                          % locked.get_status_display())
    if len(comment) > MAX_TEXT_CHARS:
        raise DomainError(_("Le commentaire dépasse 4 000 caractères."))
    now = clock.now()
    contract = contract_of(project=locked.project)
    locked.status = to
    _stamp(locked, to, now, contract)
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    if by is None:
        locked._change_reason = VENDOR_REASON  # type: ignore[attr-defined]
    locked.save()
    if comment.strip():
        _comment_create(anomaly=locked, by=by, text=comment.strip(),
                        is_internal=is_internal and by is not None, now=now)
    return locked


def _comment_create(*, anomaly: Anomaly, by: User | None, text: str, is_internal: bool,
                    now: datetime) -> AnomalyComment:
    comment = AnomalyComment(anomaly=anomaly, project_id=anomaly.project_id, author=by,
                             is_from_vendor=by is None, is_internal=is_internal, text=text,
                             created_at=now)
    comment._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    if by is None:
        comment._change_reason = VENDOR_REASON  # type: ignore[attr-defined]
    comment.save()
    return comment


@transaction.atomic
def anomaly_comment_add(*, anomaly: Anomaly, by: User | None, text: str,
                        is_internal: bool = False) -> AnomalyComment:
    """Add a comment; internal ones are never shown to the vendor (who cannot write one).

    The same text posted twice in a row by the same author is kept once.
    """
    text = _text(text, limit=MAX_TEXT_CHARS, empty=_("Le commentaire est vide."),
                 too_long=_("Le commentaire dépasse 4 000 caractères."))
    Anomaly.objects.select_for_update().filter(pk=anomaly.pk).first()
    last = anomaly.comments.order_by("-created_at", "-id").first()
    if last is not None and last.text == text and last.author_id == (by.pk if by else None) \
            and last.is_from_vendor == (by is None):
        return last
    return _comment_create(anomaly=anomaly, by=by, text=text,
                           is_internal=is_internal and by is not None, now=clock.now())


@transaction.atomic
def anomaly_qualify(*, anomaly: Anomaly, severity: str, by: User) -> Anomaly:
    """Change the severity; the SLA due time follows from the report time."""
    if severity not in Severity.values:
        raise DomainError(_("Gravité inconnue."))
    locked = Anomaly.objects.select_for_update().get(pk=anomaly.pk)
    if locked.severity == severity:
        return locked
    contract = contract_of(project=locked.project)
    locked.severity = severity
    # The clock of an anomaly reopened later started at the reopening: left as it is.
    if contract is not None and locked.status == AnomalyStatus.OPEN:
        locked.due_at = anomaly_due_at(contract=contract, severity=severity,
                                       reported_at=locked.reported_at)
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save()
    return locked
