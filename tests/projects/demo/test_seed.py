"""``manage.py seed_demo``: the fictitious MSP, idempotent, one account per role."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from msp_si.accounts.models import User
from projects import policy
from projects.choices import Profession, Role, StepStatus
from projects.core.selectors import project_overview
from projects.demo.seed import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD, DEMO_PROJECT_NAME
from projects.models import MeetingMinutes, Membership, Project
from projects.risks.selectors import risk_register

pytestmark = pytest.mark.django_db

EXPECTED_ROLES = {
    "claire.fontanel": Role.PROJECT_LEAD,
    "sophie.marchetti": Role.PROFESSION_REFERENT,
    "nadia.belkacem": Role.DOMAIN_REFERENT,
    "marc.lefort-dumas": Role.AMOA,
    "thomas.garnier": Role.MEMBER,
    "helene.vasseur": Role.OBSERVER,
    "paul.desmarais": Role.MEMBER,
    "lea.caron": Role.MEMBER,
}
STAFF = {Profession.SECRETARY, Profession.COORDINATOR, Profession.LOCUM}


def _seed(*args: str) -> str:
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo() -> Project:
    """The demo project after two runs of the command."""
    _seed()
    _seed()
    return Project.objects.get(name=DEMO_PROJECT_NAME)


def test_running_twice_creates_one_project_and_no_duplicate(demo: Project) -> None:
    # The first demo MSP and the phase-4 one the acceptance plug-in adds, each once.
    assert Project.objects.count() == 2
    assert Project.objects.filter(name=DEMO_PROJECT_NAME).count() == 1
    # Eight people each, the AMOA shared by both.
    assert User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}").count() == 15
    assert demo.memberships.count() == 8
    assert demo.steps.count() == 18
    assert demo.tasks.count() == 13  # 9 planned, 3 preventive actions, 1 COPIL action
    assert demo.milestones.count() == 7
    assert demo.meetings.count() == 5
    assert demo.waves.count() == 2
    assert demo.contributions.count() == 4
    assert demo.sites.count() == 2


def test_each_account_holds_its_role_and_signs_in_with_the_demo_password(
    demo: Project,
) -> None:
    roles = {m.user.email.split("@")[0]: m.role
             for m in Membership.objects.filter(project=demo).select_related("user")}
    assert roles == EXPECTED_ROLES
    assert set(roles.values()) == set(Role.values)
    for user in User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}"):
        assert user.check_password(DEMO_PASSWORD)
    # A reserved top-level domain: a demo address can never reach a real person.
    assert DEMO_EMAIL_DOMAIN.endswith(".test")


def test_permissions_follow_the_roles(demo: Project) -> None:
    for membership in Membership.objects.filter(project=demo).select_related("user"):
        granted = set(policy.permissions_for(membership.role))
        assert {p.split(".")[-1] for p in membership.user.get_all_permissions(demo)} == granted


def test_msp_has_fourteen_professionals_in_seven_professions(demo: Project) -> None:
    professionals = demo.professions.exclude(profession__in=STAFF)
    assert professionals.count() == 7
    assert sum(p.headcount for p in professionals) == 14
    assert professionals.get(profession=Profession.GP).headcount >= 2
    assert demo.professions.filter(profession=Profession.SECRETARY).exists()
    assert demo.professions.filter(profession=Profession.COORDINATOR).exists()


def test_the_statuses_agree_with_the_work_and_the_home_page_says_phase_3(
    demo: Project,
) -> None:
    statuses = dict(demo.steps.values_list("number", "status"))
    assert {n for n, s in statuses.items() if s == StepStatus.DONE} == {1, 2, 3, 5, 7, 9}
    assert {n for n, s in statuses.items()
            if s == StepStatus.IN_PROGRESS} == {4, 6, 8, 10, 11}
    assert {statuses[n] for n in range(12, 19)} == {StepStatus.TODO}
    overview = project_overview(project=demo, today=timezone.localdate())
    # The work agrees with every status: nothing to propose.
    assert overview.proposals == []
    assert overview.current_phase.number == 3
    assert overview.current_step is not None
    assert overview.current_step.number == 10
    # Phase 2 left three steps open; they are late.
    assert [s.number for s in overview.late_steps] == [4, 6, 8]
    assert len(overview.overdue_tasks) == 1
    assert overview.next_milestones[0].milestone.title == (
        "Choix du prestataire voté en assemblée générale")
    states = {m.milestone.title: m.state for m in overview.past_milestones}
    assert states["Grille des besoins figée"] == "missed"
    assert states["Cahier des charges envoyé aux éditeurs"] == "reached"
    progress = {p.step.number: p.progress for s in overview.phases for p in s.steps}
    assert progress[4] == 30  # three professions of ten described
    assert progress[10] == 50  # one audition held of two
    assert progress[11] == 50  # the vote is open
    assert demo.axis_targets.filter(target_level__gt=0).count() == 3
    assert demo.objectives.filter(is_selected=True).count() == 4
    assert not demo.scope_modules.filter(decision="undecided").exists()
    assert demo.scope_modules.filter(wave__number=1).exists()
    assert demo.scope_modules.filter(wave__number=2).exists()
    assert demo.team_charter.amoa_decision == "yes"


def test_the_demo_has_a_risk_register(demo: Project) -> None:
    risks = {r.source or r.title: r for r in demo.risks.all()}
    assert len(risks) == 8
    assert risks["lead_loss"].status == "refused"
    assert risks["Liaison 4G de secours de l'antenne insuffisante"].status == "proposed"
    assert risks["availability"].assessments.count() == 3
    register = risk_register(project=demo, today=timezone.localdate())
    assert register.overdue_count == 1  # secretaries' training, not rated for 100 days
    assert register.known_to_decide == []
    assert demo.risks.filter(actions__task__isnull=False).distinct().count() == 3


def test_the_demo_has_one_past_copil_with_its_minutes(demo: Project) -> None:
    minutes = MeetingMinutes.objects.get(meeting__project=demo)
    assert minutes.meeting.held_on < timezone.localdate()
    assert [d.number for d in minutes.decisions.all()] == [1, 2, 3]
    assert minutes.actions.get().task is not None
    assert minutes.risks_reviewed.count() == 6
    assert minutes.snapshot["current_phase"] == "3. Choix de la solution"


def test_reset_recreates_the_project(demo: Project) -> None:
    output = _seed("--reset")
    recreated = Project.objects.get(name=DEMO_PROJECT_NAME)
    assert recreated.pk != demo.pk
    assert Project.objects.count() == 2
    assert Project.objects.filter(name=DEMO_PROJECT_NAME).count() == 1
    assert recreated.memberships.count() == 8
    assert DEMO_PASSWORD in output

