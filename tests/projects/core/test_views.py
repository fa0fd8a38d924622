"""Project list, creation and home: what a chef de projet sees first."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from projects.choices import Profession, Role, StepStatus, TaskStatus
from projects.models import Milestone, Project, Step, Task
from tests.projects.progress.test_home import HOME_QUERIES
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _creation_post(**overrides: str) -> dict[str, str]:
    data = {
        "name": "MSP du Val",
        "legal_structure": "sisa",
        "start_on": "2026-10-01",
        "sites-TOTAL_FORMS": "2",
        "sites-INITIAL_FORMS": "0",
        "sites-MIN_NUM_FORMS": "1",
        "sites-MAX_NUM_FORMS": "10",
        "sites-0-name": "Centre-bourg",
        "sites-0-city": "Valence",
        "sites-1-name": "",
        "sites-1-city": "",
        "effectifs-gp": "3",
        "effectifs-nurse": "5",
    }
    data.update(overrides)
    return data


def test_creating_a_project_makes_the_creator_its_lead(make_user, client_for) -> None:
    user = make_user()
    response = client_for(user).post(reverse("projects:project-create"), _creation_post())
    project = Project.objects.get(name="MSP du Val")
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project-home", args=[project.pk])
    assert project.memberships.get().role == Role.PROJECT_LEAD
    assert project.steps.count() == 18
    assert list(project.sites.values_list("name", flat=True)) == ["Centre-bourg"]
    assert {p.profession: p.headcount for p in project.professions.all()} == {
        Profession.GP: 3, Profession.NURSE: 5}
    assert user.has_perm("projects.manage_team", project)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"effectifs-gp": "0", "effectifs-nurse": ""},
         "Indiquez l&#x27;effectif d&#x27;au moins une profession présente."),
        ({"effectifs-gp": "-2"}, "supérieure ou égale à 0"),
        ({"legal_structure": "societe-ecran"}, "Sélectionnez un choix valide"),
        ({"start_on": "31/02/2026"}, "Saisissez une date valide"),
        ({"name": ""}, "Ce champ est obligatoire"),
        ({"sites-0-name": "", "sites-0-city": "Valence"}, "Donnez un nom au site."),
    ],
)
def test_bad_creation_input_is_explained_and_creates_nothing(
    make_user, client_for, overrides: dict[str, str], message: str
) -> None:
    response = client_for(make_user()).post(
        reverse("projects:project-create"), _creation_post(**overrides)
    )
    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert not Project.objects.exists()


def test_home_shows_the_18_steps_in_4_phases(project, client_for) -> None:
    response = client_for(project.created_by).get(
        reverse("projects:project-home", args=[project.pk])
    )
    content = plain(response.content.decode())
    assert response.status_code == 200
    for title in ("Phase 1 — Cadrage", "Phase 2 — Définition",
                  "Phase 3 — Choix de la solution", "Phase 4 — Mise en œuvre"):
        assert title in content
    assert content.count('class="status status-todo"') == 18
    assert "18. Prestations complémentaires" in content


def test_home_flags_late_steps_and_overdue_tasks(project, client_for) -> None:
    today = timezone.localdate()
    step = project.steps.get(number=1)
    Step.objects.filter(pk=step.pk).update(
        status=StepStatus.IN_PROGRESS, due_on=today - timedelta(days=3)
    )
    Task.objects.create(project=project, step=step, title="Recueillir les contributions",
                        start_on=today - timedelta(days=20), due_on=today - timedelta(days=1))
    Task.objects.create(project=project, step=step, title="Tâche finie",
                        start_on=today - timedelta(days=20), due_on=today - timedelta(days=1),
                        status=TaskStatus.DONE)
    Milestone.objects.create(project=project, title="Note de cadrage validée",
                             due_on=today + timedelta(days=30))
    content = plain(client_for(project.created_by).get(
        reverse("projects:project-home", args=[project.pk])
    ).content.decode())
    assert 'class="late"' in content
    assert "Recueillir les contributions" in content
    assert "Tâche finie" not in content
    assert "Note de cadrage validée" in content
    assert "Étape en cours" in content


def test_home_query_count_does_not_grow_with_the_project(
    project, client_for, add_member, django_assert_max_num_queries
) -> None:
    client = client_for(project.created_by)
    url = reverse("projects:project-home", args=[project.pk])
    today = timezone.localdate()
    for number in range(1, 19):
        step = project.steps.get(number=number)
        Step.objects.filter(pk=step.pk).update(due_on=today - timedelta(days=1),
                                               owner=project.created_by)
        for n in range(3):
            Task.objects.create(project=project, step=step, title=f"Tâche {number}.{n}",
                                start_on=date(2026, 1, 1), due_on=today - timedelta(days=1),
                                owner=project.created_by)
        Milestone.objects.create(project=project, title=f"Jalon {number}",
                                 due_on=today + timedelta(days=number))
    for _ in range(10):
        add_member(project, Role.MEMBER)
    with django_assert_max_num_queries(HOME_QUERIES):
        assert client.get(url).status_code == 200


def test_a_person_in_several_projects_sees_a_list_with_figures(
    make_project, make_user, add_member, client_for, django_assert_max_num_queries
) -> None:
    consultant = make_user()
    for name in ("MSP Alpha", "MSP Bêta", "MSP Gamma"):
        add_member(make_project(name=name), Role.AMOA, user=consultant)
    client = client_for(consultant)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("projects:project-list"))
    content = plain(response.content.decode())
    assert [n in content for n in ("MSP Alpha", "MSP Bêta", "MSP Gamma")] == [True] * 3
    assert content.count(">AMOA<") == 3


def test_a_person_with_one_project_goes_straight_to_it(project, client_for) -> None:
    response = client_for(project.created_by).get(reverse("projects:project-list"))
    assert response["Location"] == reverse("projects:project-home", args=[project.pk])


def test_home_of_another_project_is_not_found(make_project, make_user, client_for) -> None:
    mine, theirs = make_project(name="La mienne"), make_project(name="L'autre")
    response = client_for(mine.created_by).get(
        reverse("projects:project-home", args=[theirs.pk])
    )
    assert response.status_code == 404


def test_anonymous_visitor_is_sent_to_sign_in(project, client) -> None:
    url = reverse("projects:project-home", args=[project.pk])
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.AMOA, Role.MEMBER, Role.OBSERVER,
                                  Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT])
def test_only_the_lead_edits_the_project_sheet(project, add_member, client_for, role) -> None:
    member = add_member(project, role)
    response = client_for(member.user).post(
        reverse("projects:project-edit", args=[project.pk]), _creation_post(name="Piraté")
    )
    project.refresh_from_db()
    assert response.status_code == 403
    assert project.name == "MSP des Tilleuls"


def test_lead_edits_the_sheet_and_replaces_sites_and_headcounts(project, client_for) -> None:
    response = client_for(project.created_by).post(
        reverse("projects:project-edit", args=[project.pk]),
        _creation_post(name="MSP des Tilleuls (renommée)"),
    )
    project.refresh_from_db()
    assert response.status_code == 302
    assert project.name == "MSP des Tilleuls (renommée)"
    assert list(project.sites.values_list("name", flat=True)) == ["Centre-bourg"]
    assert set(project.professions.values_list("profession", flat=True)) == {"gp", "nurse"}


def test_team_is_listed_in_role_order(project, add_member) -> None:
    from projects.core.selectors import project_memberships

    add_member(project, Role.OBSERVER)
    add_member(project, Role.AMOA)
    add_member(project, Role.PROFESSION_REFERENT)
    roles = [m.role for m in project_memberships(project=project)]
    assert roles == [Role.PROJECT_LEAD, Role.PROFESSION_REFERENT, Role.AMOA, Role.OBSERVER]
