"""The demo parts of steps 15–18 on the phase-4 demo MSP: filled once, idempotent."""

from __future__ import annotations

import pytest

from acceptance.bilan.models import CostEntry, SurveyResponse
from acceptance.choices import OrderStatus
from acceptance.demo import bilan, maintenance, orders, training
from acceptance.maintenance.models import EvolutionRequest, Intervention
from acceptance.orders.models import PurchaseOrder
from acceptance.training.models import Attendance, Trainee, TrainingSession
from acceptance.training.selectors import training_page

pytestmark = pytest.mark.django_db


def test_the_demo_parts_fill_steps_15_to_18_once(chosen_msp) -> None:
    project, people = chosen_msp
    for _run in range(2):
        for part in (training, maintenance, bilan, orders):
            part.seed(project=project, people=people)
    assert TrainingSession.objects.filter(project=project).count() == 2
    assert Trainee.objects.filter(project=project, user__isnull=True).count() == 2
    assert Attendance.objects.filter(project=project).exists()
    page = training_page(project=project)
    assert page.go_live_on is not None
    assert sum(c.trained for c in page.by_group) >= 1
    assert EvolutionRequest.objects.filter(project=project).count() == 2
    assert Intervention.objects.filter(project=project).count() == 1
    assert SurveyResponse.objects.filter(project=project).count() == 5
    assert CostEntry.objects.filter(project=project).count() == 4
    [order] = PurchaseOrder.objects.filter(project=project)
    assert order.status == OrderStatus.APPROVED
    assert order.lines.count() == 2
