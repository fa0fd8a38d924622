"""History page: who changed what and when, scoped to the project, for lead and AMOA only."""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.urls import reverse

from projects.choices import Role, TaskStatus
from projects.models import Step, Task
from projects.planning import services
from tests.typography import plain

ALLOWED = [Role.PROJECT_LEAD, Role.AMOA]
FORBIDDEN = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]


def history_url(project, **query: str) -> str:  # type: ignore[no-untyped-def]
    url = reverse("projects:history", args=[project.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def make_task(project, title: str = "Recenser les éditeurs") -> Task:  # type: ignore[no-untyped-def]
    return services.task_create(
        project=project, step=Step.objects.get(project=project, number=5), title=title,
        start_on=date(2026, 9, 7), due_on=date(2026, 9, 25),
    )


@pytest.mark.parametrize("role", ALLOWED)
def test_lead_and_amoa_open_the_history(project, add_member, client_for, role) -> None:
    response = client_for(add_member(project, role).user).get(history_url(project))

    assert response.status_code == 200


@pytest.mark.parametrize("role", FORBIDDEN)
def test_history_is_forbidden_to_other_roles(project, add_member, client_for, role) -> None:
    response = client_for(add_member(project, role).user).get(history_url(project))

    assert response.status_code == 403


def test_history_of_a_project_one_is_not_in_is_not_found(project, make_user, client_for) -> None:
    assert client_for(make_user()).get(history_url(project)).status_code == 404


def test_a_change_made_in_the_charter_shows_author_and_old_and_new_values(
    project, add_member, client_for
) -> None:
    amoa = add_member(project, Role.AMOA).user
    client = client_for(amoa)
    client.post(reverse("projects:charter", args=[project.pk]), {
        "administration_mode": "internal", "amoa_decision": "yes",
        "moa_role": "La SISA décide.", "amoa_role": "", "moe_role": "",
        "designation_body": "Assemblée générale",
    })

    page = plain(client.get(history_url(project)).content.decode())

    rows = [r for r in page.split("<tr>") if "Recours à une AMOA" in r]
    assert len(rows) == 1
    cells = re.findall(r"<td>(.*?)</td>", rows[0], re.S)
    assert cells[:4] == [amoa.display_name, "Organisation de l&#x27;équipe projet",
                         "Organisation de l&#x27;équipe projet", "modification"]
    assert "À décider → Recours à une AMOA" in cells[4]
    assert "— → Assemblée générale" in cells[4]


def test_a_task_edited_through_the_view_shows_its_title_change(project, lead, client_for) -> None:
    task = make_task(project)
    client = client_for(lead)
    client.post(reverse("projects:task-edit", args=[project.pk, task.pk]), {
        "step": task.step_id, "title": "Contacter les éditeurs", "start_on": "2026-09-07",
        "due_on": "2026-09-30", "status": TaskStatus.IN_PROGRESS, "owner": lead.pk,
    })

    raw = client.get(history_url(project, type="tache")).content.decode()
    page = plain(raw)

    assert "Recenser les éditeurs → Contacter les éditeurs" in page
    assert "25\u00a0septembre 2026 → 30\u00a0septembre 2026" in raw  # dates kept together
    assert "À faire → En cours" in page
    assert f"— → {lead.display_name}" in page
    assert lead.display_name in page


def test_deletion_is_listed(project, lead, client_for) -> None:
    task = make_task(project)
    client = client_for(lead)
    client.post(reverse("projects:task-delete", args=[project.pk, task.pk]))

    raw = client.get(history_url(project, type="tache")).content.decode()
    page = plain(raw)

    assert "<td>suppression</td>" in page
    assert "<td>création</td>" in page


def test_history_of_another_project_is_never_shown(project, lead, make_project,
                                                   client_for) -> None:
    other = make_project(name="MSP du Lac")
    make_task(other, title="Secret de l'autre maison")
    make_task(project, title="Notre tâche")

    page = plain(client_for(lead).get(history_url(project)).content.decode())

    assert "Notre tâche" in page
    assert "Secret de l" not in page
    assert "MSP du Lac" not in page


def test_filter_by_object_type(project, lead, client_for) -> None:
    make_task(project, title="Une tâche")
    services.meeting_create(project=project, body="kick_off", held_on=date(2026, 10, 1),
                            topic="Lancement")

    page = plain(client_for(lead).get(history_url(project, type="reunion")).content.decode())

    assert "Réunion de lancement" in page
    assert "Une tâche" not in page


def test_history_is_paginated_by_fifty_newest_first(project, lead, client_for) -> None:
    for n in range(55):
        make_task(project, title=f"Tâche numéro {n:02d}")
    client = client_for(lead)

    first = plain(client.get(history_url(project, type="tache")).content.decode())
    second = plain(client.get(history_url(project, type="tache", page="2")).content.decode())

    assert "Tâche numéro 54" in first
    assert "Tâche numéro 04" not in first
    assert "Tâche numéro 04" in second
    assert "page 2 sur 2" in second


def test_query_count_does_not_grow_with_the_records(project, lead, add_member, client_for,
                                                    django_assert_max_num_queries) -> None:
    for n in range(12):
        task = make_task(project, title=f"Tâche {n}")
        services.task_update(task=task, step=task.step, title=f"Tâche {n} revue",
                             start_on=task.start_on, due_on=task.due_on, owner=lead)
        milestone = services.milestone_create(project=project, title=f"Jalon {n}",
                                              due_on=date(2026, 12, 1))
        services.milestone_update(milestone=milestone, title=f"Jalon {n}",
                                  due_on=date(2026, 12, 2), step=task.step, is_reached=True)
        services.meeting_create(project=project, body="project_team",
                                held_on=date(2026, 10, 1), topic=f"Point {n}")
        add_member(project, Role.MEMBER)
    client = client_for(lead)

    with django_assert_max_num_queries(30):
        page = plain(client.get(history_url(project)).content.decode())

    assert page.count("<tr>") == 51  # header + a full page of 50


def test_a_many_to_many_change_reads_as_a_count() -> None:
    """The sessions' groups (a many-to-many field) come from simple_history as lists of
    through rows; the page shows how many, never a server error (the demo crawl found it)."""
    from acceptance.training.models import TrainingSession
    from projects.history import display_value

    field = TrainingSession._meta.get_field("groups")
    rows = [{"trainingsession": 1, "traininggroup": 2}, {"trainingsession": 1,
                                                          "traininggroup": 3}]
    assert display_value(field, rows, {}) == "2 × groupe de formation"
    assert display_value(field, [], {}) == "—"
