"""The recette's demo part on the demo MSP walked to phase 4."""

from __future__ import annotations

import pytest

from acceptance.demo.recette import seed
from acceptance.recette import selectors
from acceptance.recette.models import Campaign, CampaignCase

pytestmark = pytest.mark.django_db


def test_the_demo_campaign_is_half_executed_with_ko_cases(chosen_msp) -> None:
    project, people = chosen_msp
    seed(project=project, people=people)
    campaign = Campaign.objects.get(project=project)
    items = list(CampaignCase.objects.filter(campaign=campaign))
    executed = [i for i in items if i.result]
    assert len(executed) == len(items) // 2
    assert sum(i.result == "ko" for i in items) == 3
    assert sum(i.result == "blocked" for i in items) == 1
    assert all(i.executed_by_id == i.tester_id for i in executed)
    coverage = selectors.coverage_of(project=project)
    assert len(coverage.failing) == 3
    assert 0 < coverage.total.ok < coverage.total.total
