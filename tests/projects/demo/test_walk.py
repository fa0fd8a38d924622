"""The demo on any date: seeded, walked to phase 4, reset and walked again.

The demo computes its dates from the day it is seeded and the services check them against
the same clock, so the README's walkthrough works whatever the date: today, next year, a
29 February, the nights the clocks change in Paris, the first minutes of a year (when the
UTC date is still the day before).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from io import StringIO
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from msp_si.common import clock
from projects.choices import StepStatus
from projects.demo.seed import DEMO_PROJECT_NAME, LEAD, demo_seed
from projects.models import Document, Project, Step
from tests.typography import plain
from tests.vendors.choice_helpers import close_demo_vote, dossier_generate, dossier_validate
from vendors.decision.services import solution_choose
from vendors.models import Vendor
from vendors.votes.models import Vote

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# The real instant, read at collection, before the suite's clock is frozen for each test.
REAL_NOW = datetime.now(tz=PARIS)
DATES = {
    "today": REAL_NOW,
    "in 400 days": REAL_NOW + timedelta(days=400),
    "29 February": datetime(2028, 2, 29, 11, 0, tzinfo=PARIS),
    "spring DST night": datetime(2027, 3, 28, 1, 45, tzinfo=PARIS),
    "autumn DST night": datetime(2027, 10, 31, 2, 30, fold=1, tzinfo=PARIS),
    "new year, UTC still in December": datetime(2028, 1, 1, 0, 30, tzinfo=PARIS),
}


def _walk_to_phase_4(project: Project) -> None:
    """The README's walkthrough: close the vote, dossier de choix, step 11, the choice."""
    lead = project.memberships.get(user__email=LEAD.email).user
    close_demo_vote(project, lead)
    dossier = dossier_generate(project, lead)
    dossier_validate(project, lead, dossier)
    solution_choose(project=project, by=lead)


def _assert_in_phase_4(project: Project) -> None:
    project.refresh_from_db()
    assert project.implementation_started_on == clock.today()
    assert project.chosen_solution.startswith("Solutions Confluence")
    statuses = dict(Step.objects.filter(project=project).values_list("number", "status"))
    assert statuses[11] == StepStatus.VALIDATED
    assert statuses[12] == StepStatus.IN_PROGRESS


@pytest.mark.parametrize("moment", list(DATES.values()), ids=list(DATES))
def test_the_demo_walks_to_phase_4_on_any_date(moment: datetime, client: Any) -> None:
    with time_machine.travel(moment, tick=True):
        project = demo_seed().project
        vote = Vote.objects.get(project=project)
        assert vote.opens_at < clock.now() < vote.closes_at
        _walk_to_phase_4(project)
        _assert_in_phase_4(project)
        client.force_login(project.created_by)
        home = client.get(f"/projets/{project.pk}/")
        assert home.status_code == 200
        assert "Le projet est en phase 4, mise en œuvre" in plain(home.content.decode())


def test_reset_in_phase_4_removes_the_demo_project_only(
        make_project: Any, django_capture_on_commit_callbacks: Any) -> None:
    other = make_project(name="MSP des Glycines")
    project = demo_seed().project
    _walk_to_phase_4(project)
    vendors_before = Vendor.objects.count()
    stored = [d.file for d in Document.objects.filter(project=project).exclude(file="")]
    assert stored
    assert all(f.storage.exists(f.name) for f in stored)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo", "--reset", stdout=StringIO())

    assert not Project.objects.filter(pk=project.pk).exists()
    assert not Document.objects.filter(project_id=project.pk).exists()
    assert not any(f.storage.exists(f.name) for f in stored)
    assert Project.objects.filter(pk=other.pk).exists()
    assert Vendor.objects.count() == vendors_before
    again = Project.objects.get(name=DEMO_PROJECT_NAME)
    assert again.implementation_started_on is None
    _walk_to_phase_4(again)
    _assert_in_phase_4(again)
