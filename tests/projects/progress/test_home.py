"""The home page tells the truth: progress, current step and milestones from the work."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import Role, StepStatus
from projects.demo.seed import demo_seed
from projects.models import Milestone, Project, Step, Task
from tests.projects.demo.test_walk import _walk_to_phase_4
from tests.typography import plain

pytestmark = pytest.mark.django_db

# Every query of the home page, whatever the size of the project (the same count as
# tests/projects/test_query_budget.py's small project): session, user and access, the
# steps, one query per app's work report, tasks, milestones, members, top risks, the
# budget's lines and each app's budget feed, the panels.
HOME_QUERIES = 21


def _home(client: Any, project: Project) -> str:
    response = client.get(reverse("projects:project-home", args=[project.pk]))
    assert response.status_code == 200
    return plain(response.content.decode())


@pytest.fixture
def demo() -> Project:
    return demo_seed().project


def test_the_demo_home_says_phase_3_and_shows_what_was_done(
        demo: Project, client_for: Any, django_assert_num_queries: Any) -> None:
    client = client_for(demo.created_by)
    _home(client, demo)
    with django_assert_num_queries(HOME_QUERIES):
        content = _home(client, demo)
    assert "Phase en cours : 3. Choix de la solution" in plain(content)
    assert "Étape en cours :" in plain(content)
    assert "10. Auditions</a>" in content
    assert "3 prestataires consultés" in content
    assert "3 professions décrites sur 10" in content
    assert "grille pas encore figée" in content
    assert "manqué" in content  # the grid freeze, past and not done
    assert "Le travail fait propose" not in content  # the statuses agree with the work


def test_after_the_walkthrough_the_home_says_phase_4_and_the_choice_is_reached(
        demo: Project, client_for: Any) -> None:
    _walk_to_phase_4(demo)
    content = _home(client_for(demo.created_by), demo)
    assert "Phase en cours : 4. Mise en œuvre" in plain(content)
    assert "12. Paramétrages</a>" in content
    assert "solution retenue le" in content
    upcoming = content.split("Prochains jalons")[1].split("Jalons passés")[0]
    assert "Choix du prestataire" not in upcoming
    past = content.split("Jalons passés")[1].split("</ul>")[0]
    assert "Choix du prestataire voté en assemblée générale" in past


def test_the_work_proposes_a_move_the_lead_can_make_and_a_member_only_reads(
        project: Project, client_for: Any, add_member: Any) -> None:
    today = timezone.localdate()
    step = project.steps.get(number=3)
    Task.objects.create(project=project, step=step, title="Planifier les instances",
                        start_on=today, due_on=today + timedelta(days=5))
    member = add_member(project, Role.MEMBER).user
    assert "Le travail fait propose" in _home(client_for(member), project)
    assert 'value="in_progress"' not in _home(client_for(member), project)
    lead_client = client_for(project.created_by)
    content = _home(lead_client, project)
    assert "3. Calendrier</a> :" in plain(content)
    assert 'value="in_progress"' in content
    url = reverse("projects:step-transition", args=[project.pk, 3])
    lead_client.post(url, {"to_status": StepStatus.IN_PROGRESS})
    assert Step.objects.get(pk=step.pk).status == StepStatus.IN_PROGRESS
    assert client_for(member).post(url, {"to_status": StepStatus.DONE}).status_code == 403


def test_a_milestone_past_its_date_is_missed_and_one_whose_step_is_done_is_reached(
        project: Project, client_for: Any) -> None:
    today = timezone.localdate()
    step = project.steps.get(number=1)
    Step.objects.filter(pk=step.pk).update(status=StepStatus.DONE)
    Milestone.objects.create(project=project, title="Périmètre arrêté", step=step,
                             due_on=today + timedelta(days=10))
    Milestone.objects.create(project=project, title="Réunion oubliée",
                             due_on=today - timedelta(days=3))
    content = _home(client_for(project.created_by), project)
    past = content.split("Jalons passés")[1].split("</ul>")[0]
    assert "atteint</span>" in past.split("Périmètre arrêté")[0].rsplit("<li>", 1)[1]
    assert "manqué</span>" in past.split("Réunion oubliée")[0].rsplit("<li>", 1)[1]
    assert "Aucun jalon à venir." in content
