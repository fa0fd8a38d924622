"""Reads on projects, always scoped to a project or to the requesting user."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Case, Count, QuerySet, Value, When

from .. import workflow
from ..budget.selectors import BudgetView, budget_view
from ..choices import Role, TaskStatus
from ..method import PHASES, Phase
from ..models import Document, Membership, Milestone, Project, Risk, Site, Step, Task
from ..progress import rules as progress_rules
from ..progress.selectors import MilestoneView, StepProgress, milestones_around, steps_progress
from ..risks.selectors import top_risks

if TYPE_CHECKING:
    from msp_si.accounts.models import User


def projects_for_user(*, user: User) -> QuerySet[Project]:
    """Projects the user is a member of."""
    return Project.objects.filter(memberships__user=user).order_by("name")


@dataclass
class PhaseSummary:
    phase: Phase
    steps: list[StepProgress]
    progress: int
    is_current: bool = False


@dataclass
class ProjectOverview:
    """Headline figures of a project, read from its work: progress, current phase and
    step, late items, milestones to come and past ones (reached or missed)."""

    project: Project
    phases: list[PhaseSummary]
    progress: int
    finished_steps: int
    late_steps: list[Step]
    overdue_tasks: list[Task]
    next_milestones: list[MilestoneView]
    past_milestones: list[MilestoneView]
    current_phase: Phase
    current_step: Step | None
    proposals: list[StepProgress]
    top_risks: list[Risk] = field(default_factory=list)
    budget: BudgetView | None = None
    members_count: int = 0
    late_step_ids: set[int] = field(default_factory=set)


def _positions(steps: list[Step]) -> list[progress_rules.StepPosition]:
    return [progress_rules.StepPosition(s.number, s.definition.phase, s.status) for s in steps]


def project_overview(*, project: Project, today: date) -> ProjectOverview:
    """Everything the project home shows, in a fixed number of queries."""
    steps = list(project.steps.select_related("owner").order_by("number"))
    progresses = steps_progress(project=project, steps=steps)
    positions = _positions(steps)
    phase_number = progress_rules.current_phase(positions)
    phases = []
    for phase in PHASES:
        phase_steps = [p for p in progresses if p.step.definition.phase == phase.number]
        phases.append(PhaseSummary(
            phase=phase, steps=phase_steps, is_current=phase.number == phase_number,
            progress=progress_rules.mean_progress([p.progress for p in phase_steps]),
        ))
    late = [s for s in steps
            if workflow.is_late(status=s.status, due_on=s.due_on, today=today)]
    overdue = list(
        Task.objects.filter(project=project, due_on__lt=today)
        .exclude(status=TaskStatus.DONE)
        .select_related("owner", "step")
        .order_by("due_on")[:10]
    )
    upcoming, past = milestones_around(project=project, today=today)
    current_number = progress_rules.current_step(positions)
    return ProjectOverview(
        project=project,
        phases=phases,
        progress=progress_rules.mean_progress([p.progress for p in progresses]),
        finished_steps=sum(1 for s in steps if s.status in progress_rules.FINISHED),
        late_steps=late,
        overdue_tasks=overdue,
        next_milestones=upcoming,
        past_milestones=past,
        current_phase=PHASES[phase_number - 1],
        current_step=next((s for s in steps if s.number == current_number), None),
        proposals=[p for p in progresses if p.proposed_status],
        top_risks=top_risks(project=project, count=3),
        budget=budget_view(project=project, with_funding=False),
        members_count=Membership.objects.filter(project=project).count(),
        late_step_ids={s.pk for s in late},
    )


@dataclass
class ProjectCard:
    """One line of a user's project list."""

    project: Project
    role_label: str
    progress: int
    late_steps: int
    current_step: Step | None
    next_milestone: Milestone | None


def _current(steps: list[Step]) -> Step | None:
    """The current step by the progress rule (earliest open step of the current phase)."""
    number = progress_rules.current_step(_positions(steps))
    return next((s for s in steps if s.number == number), None)


def projects_overview(*, projects: list[Project], user: User, today: date) -> list[ProjectCard]:
    """Headline figures for several projects in three queries, whatever their number."""
    ids = [p.pk for p in projects]
    steps_by_project: dict[int, list[Step]] = {pk: [] for pk in ids}
    for step in Step.objects.filter(project_id__in=ids).order_by("number"):
        steps_by_project[step.project_id].append(step)
    roles = {m.project_id: m.role_label
             for m in Membership.objects.filter(project_id__in=ids, user=user)}
    next_milestones: dict[int, Milestone] = {}
    for milestone in Milestone.objects.filter(
        project_id__in=ids, is_reached=False, due_on__gte=today
    ).exclude(step__status__in=progress_rules.FINISHED).order_by("due_on"):
        next_milestones.setdefault(milestone.project_id, milestone)
    cards = []
    for project in projects:
        steps = steps_by_project[project.pk]
        cards.append(ProjectCard(
            project=project,
            role_label=roles.get(project.pk, ""),
            progress=workflow.phase_progress([s.status for s in steps]),
            late_steps=sum(1 for s in steps if workflow.is_late(
                status=s.status, due_on=s.due_on, today=today)),
            current_step=_current(steps),
            next_milestone=next_milestones.get(project.pk),
        ))
    return cards


def project_memberships(*, project: Project) -> QuerySet[Membership]:
    """The team of a project in the order of the roles (leads first), then by name."""
    rank = Case(*[When(role=code, then=Value(i)) for i, code in enumerate(Role.values)],
                default=Value(len(Role.values)))
    return (
        Membership.objects.filter(project=project).select_related("user")
        .annotate(role_rank=rank)
        .order_by("role_rank", "user__last_name", "user__first_name", "user__email")
    )


def project_sites(*, project: Project) -> list[Site]:
    """The sites of a project, in the order they were entered."""
    return list(Site.objects.filter(project=project).order_by("id"))


def document_versions(*, project: Project, kinds: Collection[str],
                      subject: str | None = None) -> QuerySet[Document]:
    """Versions of some document kinds of a project (of one subject if given): by kind,
    newest first, with their author and comment count."""
    documents = Document.objects.filter(project=project, kind__in=list(kinds))
    if subject is not None:
        documents = documents.filter(subject=subject)
    return (documents.select_related("requested_by").annotate(comment_count=Count("comments"))
            .order_by("kind", "-version"))
