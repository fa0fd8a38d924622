"""Step 16 services: evolution requests, the intervention's announcement, SLA figures."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from acceptance.anomalies.models import Anomaly
from acceptance.choices import EvolutionStatus, Severity
from acceptance.maintenance import selectors, services
from msp_si.common import clock
from msp_si.common.errors import DomainError

pytestmark = pytest.mark.django_db


def test_an_evolution_goes_to_the_vendor_only_by_the_chefs_decision(team) -> None:
    evolution = services.evolution_propose(
        project=team.project, by=team.doctor, title="Courbe de poids pédiatrique",
        description="Afficher la courbe OMS dans le dossier.", origin="user", priority="high")
    assert str(evolution) == "EV-001 — Courbe de poids pédiatrique"
    with pytest.raises(DomainError, match="déjà enregistrée"):
        services.evolution_propose(
            project=team.project, by=team.doctor, title="Courbe de poids pédiatrique",
            description="Afficher la courbe OMS dans le dossier.", origin="user",
            priority="high")
    services.evolution_transition(evolution=evolution, target=EvolutionStatus.QUALIFIED,
                                  can_decide=False)
    with pytest.raises(DomainError, match="Seul le chef de projet"):
        services.evolution_transition(evolution=evolution, target=EvolutionStatus.REQUESTED,
                                      can_decide=False)
    evolution = services.evolution_transition(
        evolution=evolution, target=EvolutionStatus.REQUESTED, can_decide=True,
        target_version="v4.2")
    assert (evolution.status, evolution.target_version) == ("requested", "v4.2")
    assert evolution.history.count() == 3


def test_an_intervention_is_announced_once_to_every_member(team) -> None:
    starts = clock.now() + timedelta(days=3)
    with pytest.raises(DomainError, match="à l'avance"):
        services.intervention_plan(project=team.project, by=team.amoa, title="Mise à jour",
                                   content="Version 4.2", starts_at=clock.now(),
                                   downtime_minutes=30)
    intervention = services.intervention_plan(
        project=team.project, by=team.amoa, title="Mise à jour 4.2",
        content="Corrections de l'agenda ; nouvelle courbe de poids.", starts_at=starts,
        downtime_minutes=45, affected="Tous les utilisateurs", needs_training=True)
    assert services.intervention_announce(intervention=intervention) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        u.email for u in (team.lead, team.nurse_referent, team.amoa, team.doctor,
                          team.secretary, team.observer))
    message = mail.outbox[0]
    assert "Mise à jour 4.2" in message.subject
    assert "Interruption prévue : 45 minutes" in message.body
    assert "une courte formation sera proposée" in message.body
    with pytest.raises(DomainError, match="déjà annoncée"):
        services.intervention_announce(intervention=intervention)
    assert len(mail.outbox) == 6


def test_sla_cells_read_the_anomaly_log(team) -> None:
    base = timezone.make_aware(datetime(2026, 10, 5, 9, 0))
    for number, (severity, ack_hours) in enumerate(
            [(Severity.BLOCKING, 1), (Severity.BLOCKING, 9), (Severity.MINOR, None)], start=1):
        Anomaly.objects.create(
            project=team.project, number=number, title=f"Anomalie {number}",
            description="—", severity=severity, reported_by=team.doctor, reported_at=base,
            due_at=base + timedelta(hours=4),
            acknowledged_at=None if ack_hours is None else base + timedelta(hours=ack_hours))
    cells = selectors.sla_cells(project=team.project)
    assert [(c.month, c.severity, c.in_time, c.late) for c in cells] == [
        ("2026-10", "blocking", 1, 1), ("2026-10", "minor", 0, 1)]
