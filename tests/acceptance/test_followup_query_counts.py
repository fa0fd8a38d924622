"""The pages of steps 15–18 read in a fixed number of queries, however many rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from acceptance.bilan import services as bilan
from acceptance.bilan.models import Survey
from acceptance.choices import EvolutionVoteChoice, OrderKind, TrainingMode
from acceptance.maintenance import services as maintenance
from acceptance.orders.models import PurchaseOrder, PurchaseOrderLine
from acceptance.training import services as training
from acceptance.training.models import TrainingGroup
from msp_si.common import clock
from projects.choices import Role

from .light_team import team  # noqa: F401 (a fixture)

pytestmark = pytest.mark.django_db


def _add_rows(team, start: int, count: int) -> None:  # noqa: F811 (the fixture value)
    """``count`` more sessions, evolution requests (with a référent's vote), interventions
    (with their training session), people without an account (with their survey link) and
    orders, each with related rows."""
    groups = list(TrainingGroup.objects.filter(project=team.project))
    survey = Survey.objects.get(project=team.project)
    now = clock.now()
    for n in range(start, start + count):
        training.session_create(project=team.project, title=f"Session {n}",
                                starts_at=now + timedelta(days=n), duration_minutes=120,
                                mode=TrainingMode.REMOTE, groups=groups)
        evolution = maintenance.evolution_propose(
            project=team.project, by=team.doctor, title=f"Évolution {n}", description="—",
            origin="user", priority="low")
        maintenance.evolution_vote(evolution=evolution, voter=team.nurse_referent,
                                   role=Role.PROFESSION_REFERENT,
                                   choice=EvolutionVoteChoice.FOR)
        intervention = maintenance.intervention_plan(
            project=team.project, by=team.amoa, title=f"Intervention {n}", content="—",
            starts_at=now + timedelta(days=n, hours=2), downtime_minutes=30)
        maintenance.intervention_training_plan(intervention=intervention)
        trainee = training.trainee_add(group=groups[0], name=f"Personne sans compte {n}")
        bilan.survey_link_issue(survey=survey, trainee=trainee, by=team.lead)
        order = PurchaseOrder.objects.create(
            project=team.project, number=n, kind=OrderKind.TRAINING, title=f"Commande {n}",
            scope="—", requested_by=team.lead, created_at=now, status_changed_at=now)
        PurchaseOrderLine.objects.create(order=order, project=team.project,
                                         price_key="extra_training_day", label="Formation",
                                         unit="jour", quantity=1, unit_price=900, total=900)


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["training", "maintenance", "bilan", "orders"])
def test_page_query_count_does_not_grow_with_rows(team, client, name: str) -> None:  # noqa: F811
    training.training_groups_build(project=team.project)
    bilan.survey_open(project=team.project, by=team.lead)
    client.force_login(team.lead)
    url = reverse(f"acceptance:{name}", args=[team.project.pk])
    _add_rows(team, 1, 2)
    few = _queries(client, url)
    _add_rows(team, 3, 5)
    assert _queries(client, url) == few
