"""Demo part of the contract and the anomaly log, for a project already in phase 4.

Invented data only. What to try: the contract page (signature, service levels, the
obligations), the anomaly log with one anomaly past its SLA, one answered by the vendor
through its link (« prise en compte » then « corrigée »), waiting for the chef de projet to
verify and close it; the periodic list of non-blocking anomalies.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils import timezone

from msp_si.common import clock
from projects.choices import Role
from projects.models import Membership

from ..anomalies import services
from ..anomalies.selectors import contract_of
from ..choices import AnomalyStatus, Severity
from ..contract.services import contract_link_issue, contract_update, obligation_update
from ..models import Anomaly

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project


def _backdate(anomaly: Anomaly, days: int) -> None:
    """The demo shapes time: this anomaly was filed ``days`` ago at 10:00 (Paris)."""
    contract = contract_of(project=anomaly.project)
    assert contract is not None
    reported = timezone.make_aware(datetime.combine(clock.today() - timedelta(days=days),
                                                    time(10)))
    anomaly.reported_at = reported
    anomaly.due_at = services.anomaly_due_at(contract=contract, severity=anomaly.severity,
                                             reported_at=reported)
    anomaly.save(update_fields=["reported_at", "due_at", "updated_at"])


def _contract(project: Project, lead: User) -> None:
    """Signed a month ago for three years; go-live in two months; a promise made precise."""
    contract = contract_of(project=project)
    assert contract is not None
    today = clock.today()
    contract_update(contract=contract, by=lead, values={
        "signed_on": today - timedelta(days=30), "duration_months": 36,
        "go_live_on": today + timedelta(days=60), "availability_percent": Decimal("99.50"),
    })
    first = contract.obligations.first()
    if first is not None:
        obligation_update(obligation=first, by=lead, values={
            "promised_on": today + timedelta(days=45), "promised_cost": Decimal("1800.00"),
            "note": "Date confirmée par l'éditeur en réunion de lancement (fictive)."})
    # A link existed when the vendor answered; the chef de projet replaces it to try it.
    contract_link_issue(contract=contract, by=lead)


def _by_role(project: Project, people: dict[str, User], *roles: str) -> User:
    """The first demo person holding one of ``roles`` in the project (keys of ``people``
    differ from one demo MSP to the other; roles do not)."""
    members = {m.user_id: m.role for m in Membership.objects.filter(project=project)}
    for role in roles:
        for user in people.values():
            if members.get(user.pk) == role:
                return user
    return project.created_by


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill the contract and the anomaly log of a phase-4 demo project (once)."""
    if contract_of(project=project) is None or Anomaly.objects.filter(project=project).exists():
        return
    lead = _by_role(project, people, Role.PROJECT_LEAD)
    amoa = _by_role(project, people, Role.AMOA, Role.PROJECT_LEAD)
    nurse = _by_role(project, people, Role.PROFESSION_REFERENT, Role.MEMBER)
    member = _by_role(project, people, Role.MEMBER, Role.PROFESSION_REFERENT)
    _contract(project, lead)

    late = services.anomaly_report(
        project=project, by=nurse, severity=Severity.BLOCKING,
        title="Impossible d'enregistrer un pansement dans le dossier de soins",
        description="Le bouton « Enregistrer » reste grisé pour les soins infirmiers.",
        reproduction="1. Ouvrir un patient fictif\n2. Ajouter un soin « Pansement »\n"
                     "3. Cliquer sur « Enregistrer »")
    _backdate(late, 6)  # past its 4-hour SLA, still not taken into account

    answered = services.anomaly_report(
        project=project, by=member, severity=Severity.MAJOR,
        title="Le bilan kinésithérapique ne reprend pas l'ordonnance",
        description="Le modèle de bilan ne pré-remplit pas le nombre de séances prescrites.")
    _backdate(answered, 3)
    services.anomaly_comment_add(anomaly=answered, by=amoa,
                                 text="Exemple fictif joint : ordonnance de 10 séances.")
    # The vendor's answers, as its link records them (no account: ``by=None``).
    services.anomaly_move(anomaly=answered, to=AnomalyStatus.ACKNOWLEDGED,
                          expected=AnomalyStatus.OPEN, by=None,
                          comment="Pris en compte par notre support niveau 2.")
    services.anomaly_move(anomaly=answered, to=AnomalyStatus.CORRECTED,
                          expected=AnomalyStatus.ACKNOWLEDGED, by=None,
                          comment="Corrigé dans la version 4.2.1, livrée sur la recette.")

    minor = services.anomaly_report(
        project=project, by=nurse, severity=Severity.MINOR,
        title="Libellé tronqué dans l'agenda partagé",
        description="Les noms de plus de 20 caractères sont coupés sans info-bulle.")
    services.anomaly_comment_add(anomaly=minor, by=amoa, is_internal=True,
                                 text="À regrouper avec les remarques d'ergonomie.")
    closed = services.anomaly_report(
        project=project, by=lead, severity=Severity.MINOR,
        title="Faute d'orthographe sur l'écran d'accueil",
        description="« Bienvenu » au lieu de « Bienvenue ».")
    services.anomaly_move(anomaly=closed, to=AnomalyStatus.CORRECTED,
                          expected=AnomalyStatus.OPEN, by=None)
    services.anomaly_move(anomaly=closed, to=AnomalyStatus.VERIFIED,
                          expected=AnomalyStatus.CORRECTED, by=amoa)
    services.anomaly_move(anomaly=closed, to=AnomalyStatus.CLOSED,
                          expected=AnomalyStatus.VERIFIED, by=lead)
