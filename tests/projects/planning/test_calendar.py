"""Step 3 page: tasks, milestones, meetings, waves and the timeline with its table."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import ProjectBody, Role, ScopeDecision, TaskStatus
from projects.models import DeploymentWave, Meeting, Milestone, ScopeModule, Step, Task
from projects.planning import services
from tests.typography import plain

EDITORS = [Role.PROJECT_LEAD, Role.AMOA]
READERS = [Role.MEMBER, Role.OBSERVER, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]


def calendar_url(project) -> str:  # type: ignore[no-untyped-def]
    return reverse("projects:calendar", args=[project.pk])


def step(project, number: int = 3) -> Step:  # type: ignore[no-untyped-def]
    return Step.objects.get(project=project, number=number)


def task_data(project, **overrides: object) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A valid post of the task form (unprefixed, as on the edit page)."""
    data: dict[str, object] = {
        "step": step(project).pk, "title": "Planifier les réunions de l'équipe projet",
        "start_on": "2026-09-07", "due_on": "2026-09-25", "owner": project.created_by.pk,
        "status": TaskStatus.TODO,
    }
    data.update(overrides)
    return data


def prefixed(prefix: str, data: dict[str, object]) -> dict[str, object]:
    """The same data as posted by the « add » form of the calendar page."""
    return {f"{prefix}-{k}": v for k, v in data.items()}


def make_task(project, **overrides: object) -> Task:  # type: ignore[no-untyped-def]
    fields = {"step": step(project), "title": "Recenser les éditeurs",
              "start_on": date(2026, 9, 7), "due_on": date(2026, 9, 25),
              "owner": project.created_by, "status": TaskStatus.TODO}
    fields.update(overrides)
    return services.task_create(project=project, **fields)


def create_payloads(project) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    return {
        "task": task_data(project),
        "milestone": {"title": "Note de cadrage validée", "due_on": "2026-11-30",
                      "step": step(project).pk, "is_reached": ""},
        "meeting": {"body": ProjectBody.STEERING_COMMITTEE, "held_on": "2026-10-12",
                    "topic": "Lancement de l'étude de l'existant"},
        "wave": {"number": "1", "title": "Socle : dossier partagé", "start_on": "2027-03-01"},
    }


MODELS = {"task": Task, "milestone": Milestone, "meeting": Meeting, "wave": DeploymentWave}


@pytest.mark.parametrize("role", EDITORS + READERS)
def test_every_role_reads_the_calendar(project, add_member, client_for, role) -> None:
    make_task(project)

    response = client_for(add_member(project, role).user).get(calendar_url(project))

    assert response.status_code == 200
    assert "Recenser les éditeurs" in plain(response.content.decode())


@pytest.mark.parametrize("kind", list(MODELS))
@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_create_anything(project, add_member, client_for, role, kind) -> None:
    client = client_for(add_member(project, role).user)

    response = client.post(reverse(f"projects:{kind}-create", args=[project.pk]),
                           prefixed(kind, create_payloads(project)[kind]))

    assert response.status_code == 403
    assert not MODELS[kind].objects.filter(project=project).exists()


@pytest.mark.parametrize("kind", list(MODELS))
@pytest.mark.parametrize("role", EDITORS)
def test_lead_and_amoa_create_calendar_items(project, add_member, client_for, role,
                                             kind) -> None:
    client = client_for(add_member(project, role).user)

    response = client.post(reverse(f"projects:{kind}-create", args=[project.pk]),
                           prefixed(kind, create_payloads(project)[kind]), follow=True)

    assert response.status_code == 200
    assert MODELS[kind].objects.filter(project=project).count() == 1
    assert "enregistr" in plain(response.content.decode())


@pytest.mark.parametrize("role", READERS)
def test_readers_cannot_edit_or_delete_a_task(project, add_member, client_for, role) -> None:
    task = make_task(project)
    client = client_for(add_member(project, role).user)

    edited = client.post(reverse("projects:task-edit", args=[project.pk, task.pk]),
                         task_data(project, title="Piraté"))
    deleted = client.post(reverse("projects:task-delete", args=[project.pk, task.pk]))

    assert (edited.status_code, deleted.status_code) == (403, 403)
    assert Task.objects.get(pk=task.pk).title == "Recenser les éditeurs"


@pytest.mark.parametrize("role", EDITORS)
def test_editors_edit_and_delete_a_task(project, add_member, client_for, role) -> None:
    task = make_task(project)
    client = client_for(add_member(project, role).user)

    client.post(reverse("projects:task-edit", args=[project.pk, task.pk]),
                task_data(project, title="Recenser et contacter les éditeurs",
                          status=TaskStatus.IN_PROGRESS))
    edited = Task.objects.get(pk=task.pk)
    response = client.post(reverse("projects:task-delete", args=[project.pk, task.pk]),
                           follow=True)

    assert (edited.title, edited.status) == ("Recenser et contacter les éditeurs",
                                             TaskStatus.IN_PROGRESS)
    assert not Task.objects.filter(pk=task.pk).exists()
    assert "La tâche est supprimée." in plain(response.content.decode())


def test_due_date_before_start_is_refused_with_nothing_saved(project, lead, client_for) -> None:
    response = client_for(lead).post(
        reverse("projects:task-create", args=[project.pk]),
        prefixed("task", task_data(project, start_on="2026-10-10", due_on="2026-10-01")),
    )

    assert response.status_code == 200
    assert "ne peut pas précéder la date de début" in plain(response.content.decode())
    assert not Task.objects.filter(project=project).exists()


def test_editing_dates_into_the_wrong_order_changes_nothing(project, lead, client_for) -> None:
    task = make_task(project)

    response = client_for(lead).post(
        reverse("projects:task-edit", args=[project.pk, task.pk]),
        task_data(project, title="Autre titre", start_on="2026-12-01", due_on="2026-11-01"),
    )

    assert "ne peut pas précéder la date de début" in plain(response.content.decode())
    assert Task.objects.get(pk=task.pk).title == "Recenser les éditeurs"


@pytest.mark.parametrize(
    "forged",
    [
        {"step": "other-step"},
        {"owner": "other-member"},
        {"owner": "stranger"},
        {"status": "cancelled"},
        {"step": ""},
        {"title": ""},
    ],
)
def test_forged_task_posts_are_form_errors(project, lead, make_project, make_user, client_for,
                                           forged) -> None:
    other = make_project(name="MSP du Lac")
    ids = {"other-step": step(other).pk, "other-member": other.created_by.pk,
           "stranger": make_user().pk}
    data = task_data(project, **{k: ids.get(v, v) for k, v in forged.items()})

    response = client_for(lead).post(reverse("projects:task-create", args=[project.pk]),
                                     prefixed("task", data))

    assert response.status_code == 200
    assert 'class="field-error"' in plain(response.content.decode())
    assert not Task.objects.exists()


@pytest.mark.parametrize("kind", list(MODELS))
def test_another_projects_items_are_not_found(project, lead, make_project, client_for,
                                              kind) -> None:
    other = make_project(name="MSP du Lac")
    client_for(other.created_by).post(reverse(f"projects:{kind}-create", args=[other.pk]),
                                      prefixed(kind, create_payloads(other)[kind]))
    item = MODELS[kind].objects.get(project=other)
    client = client_for(lead)

    edited = client.post(reverse(f"projects:{kind}-edit", args=[project.pk, item.pk]),
                         create_payloads(project)[kind])
    deleted = client.post(reverse(f"projects:{kind}-delete", args=[project.pk, item.pk]))

    assert (edited.status_code, deleted.status_code) == (404, 404)
    assert MODELS[kind].objects.filter(pk=item.pk, project=other).exists()
    assert not MODELS[kind].objects.filter(project=project).exists()


def test_delete_needs_a_post(project, lead, client_for) -> None:
    task = make_task(project)

    response = client_for(lead).get(reverse("projects:task-delete", args=[project.pk, task.pk]))

    assert response.status_code == 405
    assert Task.objects.filter(pk=task.pk).exists()


def test_milestone_step_of_another_project_is_a_form_error(project, lead, make_project,
                                                          client_for) -> None:
    other = make_project(name="MSP du Lac")

    response = client_for(lead).post(
        reverse("projects:milestone-create", args=[project.pk]),
        prefixed("milestone", {"title": "Jalon", "due_on": "2026-11-30",
                               "step": step(other).pk}),
    )

    assert 'class="field-error"' in plain(response.content.decode())
    assert not Milestone.objects.exists()


def test_wave_numbers_are_unique_in_a_project(project, lead, client_for) -> None:
    services.wave_create(project=project, number=1, title="Socle", start_on=date(2027, 3, 1))

    response = client_for(lead).post(
        reverse("projects:wave-create", args=[project.pk]),
        prefixed("wave", {"number": "1", "title": "Doublon", "start_on": "2027-06-01"}),
    )

    assert "Une vague porte déjà ce numéro." in plain(response.content.decode())
    assert DeploymentWave.objects.filter(project=project).count() == 1


def retained_modules(project) -> list[ScopeModule]:  # type: ignore[no-untyped-def]
    """Two modules decided in scope / later wave at step 1 (set directly for the test)."""
    ScopeModule.objects.filter(project=project, code="synthesis").update(
        decision=ScopeDecision.IN_SCOPE)
    ScopeModule.objects.filter(project=project, code="billing").update(
        decision=ScopeDecision.LATER)
    return list(ScopeModule.objects.filter(project=project, code__in=["synthesis", "billing"])
                .order_by("id"))


def test_modules_are_assigned_to_waves(project, lead, client_for) -> None:
    synthesis, billing = retained_modules(project)
    first = services.wave_create(project=project, number=1, title="Socle",
                                 start_on=date(2027, 3, 1))
    second = services.wave_create(project=project, number=2, title="Pilotage",
                                  start_on=date(2027, 9, 1))
    client = client_for(lead)

    client.post(reverse("projects:wave-modules", args=[project.pk]),
                {f"module_{synthesis.pk}": first.pk, f"module_{billing.pk}": second.pk})
    page = plain(client.get(calendar_url(project)).content.decode())

    synthesis.refresh_from_db()
    billing.refresh_from_db()
    assert (synthesis.wave, billing.wave) == (first, second)
    assert "Fiche de synthèse partagée du dossier patient" in page


def test_a_wave_of_another_project_is_refused(project, lead, make_project, client_for) -> None:
    synthesis, _billing = retained_modules(project)
    other = make_project(name="MSP du Lac")
    foreign = services.wave_create(project=other, number=1, title="Autre",
                                   start_on=date(2027, 3, 1))

    response = client_for(lead).post(reverse("projects:wave-modules", args=[project.pk]),
                                     {f"module_{synthesis.pk}": foreign.pk})

    assert 'class="field-error"' in plain(response.content.decode())
    synthesis.refresh_from_db()
    assert synthesis.wave is None


def test_deleting_a_wave_frees_its_modules(project, lead, client_for) -> None:
    synthesis, _billing = retained_modules(project)
    wave = services.wave_create(project=project, number=1, title="Socle",
                                start_on=date(2027, 3, 1))
    services.wave_assign_modules(project=project, assignments={synthesis: wave})

    client_for(lead).post(reverse("projects:wave-delete", args=[project.pk, wave.pk]))

    synthesis.refresh_from_db()
    assert synthesis.wave is None
    assert not DeploymentWave.objects.filter(pk=wave.pk).exists()


def test_timeline_svg_and_its_table_flag_the_late_task(project, lead, client_for) -> None:
    today = timezone.localdate()
    make_task(project, title="Tâche en retard", start_on=today - timedelta(days=20),
              due_on=today - timedelta(days=2), status=TaskStatus.IN_PROGRESS)
    make_task(project, title="Tâche à venir", start_on=today, due_on=today + timedelta(days=9))
    services.milestone_create(project=project, title="Note de cadrage validée",
                              due_on=today + timedelta(days=30), step=step(project))
    Step.objects.filter(pk=step(project, 2).pk).update(
        start_on=today - timedelta(days=40), due_on=today + timedelta(days=5))

    page = plain(client_for(lead).get(calendar_url(project)).content.decode())

    svg = page[page.index("<svg"):page.index("</svg>")]
    assert 'role="img"' in svg
    assert 'aria-label="Frise du calendrier : 4 éléments' in svg
    assert 'class="bar-late"' in svg
    assert 'class="bar-todo"' in svg
    assert 'class="milestone"' in svg
    assert 'class="today"' in svg
    assert 'class="grid-line"' in svg
    table = page[page.index("</svg>"):page.index('id="tasks"')]
    assert re.search(r'<tr class="late">\s*<th scope="row">Tâche en retard</th>', table)
    assert re.search(r'<tr>\s*<th scope="row">Tâche à venir</th>', table)
    assert "Étape 2. Équipe projet" in table
    assert re.search(r'<tr class="late">\s*<th scope="row">Tâche en retard</th>',
                     page[page.index('id="tasks"'):])


def test_calendar_without_dates_explains_how_to_fill_it(project, lead, client_for) -> None:
    page = plain(client_for(lead).get(calendar_url(project)).content.decode())

    assert "<svg" not in page
    assert "Aucune date n'est encore posée" in page


def test_calendar_query_count_does_not_grow_with_items(project, lead, client_for,
                                                       django_assert_max_num_queries) -> None:
    for n in range(30):
        make_task(project, title=f"Tâche {n}", step=step(project, 1 + n % 18))
        services.milestone_create(project=project, title=f"Jalon {n}",
                                  due_on=date(2026, 10, 1), step=step(project, 1 + n % 18))
    client = client_for(lead)

    with django_assert_max_num_queries(25):
        response = client.get(calendar_url(project))

    assert response.status_code == 200
