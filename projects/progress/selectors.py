"""Reads of a project's progress: the work its steps show, through the plug-ins."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, Model, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils.module_loading import import_string

from ..choices import TaskStatus
from ..models import Milestone, Project, Step, Task
from ..plugins import Label, StepWork, step_progress_providers
from . import rules


def project_count(model: type[Model], condition: Q | None = None, *,
                  distinct: str = "pk") -> Coalesce:
    """Rows of ``model`` belonging to the outer ``Project`` (or distinct values of one of
    their fields), as a subquery: several counts in one query without a join fan-out.
    The apps' step work reports annotate a single project query with these."""
    rows = model._default_manager.filter(project=OuterRef("pk"))
    if condition is not None:
        rows = rows.filter(condition)
    counted = Count(distinct, distinct=distinct != "pk")
    return Coalesce(Subquery(rows.order_by().values("project").annotate(n=counted)
                             .values("n")[:1], output_field=IntegerField()), 0)


def annotated_counts(row: Model) -> dict[str, int]:
    """The ``n_<name>`` annotations of a row made with ``project_count``, by ``<name>``
    (the prefix keeps clear of the Project's related names)."""
    return {key[2:]: value for key, value in row.__dict__.items() if key.startswith("n_")}


def steps_work(*, project: Project) -> dict[int, StepWork]:
    """What each app reports of the work of its steps, by step number."""
    works: dict[int, StepWork] = {}
    for path in step_progress_providers():
        for work in import_string(path)(project):
            works.setdefault(work.step, work)
    return works


def task_counts(*, project: Project) -> dict[int, tuple[int, int]]:
    """Step id → (tasks done, tasks) of the project's calendar, in one query."""
    rows = (Task.objects.filter(project=project).order_by().values("step_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(status=TaskStatus.DONE))))
    return {row["step_id"]: (row["done"], row["total"]) for row in rows}


@dataclass(frozen=True)
class StepProgress:
    """One step as its work shows it: progress, facts, the status move the work proposes."""

    step: Step
    progress: int
    facts: tuple[Label, ...]
    proposed_status: str | None


def steps_progress(*, project: Project, steps: list[Step]) -> list[StepProgress]:
    """Each step's progress from its app's work report, else from its tasks."""
    works = steps_work(project=project)
    tasks = task_counts(project=project)
    result = []
    for step in steps:
        work = works.get(step.number)
        done, total = tasks.get(step.pk, (0, 0))
        progress = rules.step_progress(
            status=step.status, work_progress=work.progress if work else None,
            tasks_done=done, tasks_total=total)
        facts = work.facts if work else ()
        result.append(StepProgress(
            step=step, progress=progress, facts=facts,
            proposed_status=rules.proposed_move(status=step.status, progress=progress)))
    return result


@dataclass(frozen=True)
class MilestoneView:
    """A milestone and whether it was reached, missed or is still to come."""

    milestone: Milestone
    state: str


def milestones_around(*, project: Project, today: date, limit: int = 5
                      ) -> tuple[list[MilestoneView], list[MilestoneView]]:
    """The next milestones still to come and the latest past or reached ones, in two
    queries: a milestone whose step is finished counts as reached, even if nobody
    ticked it."""
    upcoming = (Milestone.objects.filter(project=project, due_on__gte=today, is_reached=False)
                .exclude(step__status__in=rules.FINISHED).order_by("due_on", "id")[:limit])
    past = (Milestone.objects.filter(project=project)
            .filter(Q(due_on__lt=today) | Q(is_reached=True)
                    | Q(step__status__in=rules.FINISHED))
            .select_related("step").order_by("-due_on", "-id")[:limit])

    def view(milestone: Milestone) -> MilestoneView:
        step_status = milestone.step.status if milestone.step_id and milestone.step else None
        return MilestoneView(milestone, rules.milestone_state(
            is_reached=milestone.is_reached, step_status=step_status,
            due_on=milestone.due_on, today=today))

    return ([MilestoneView(m, rules.UPCOMING) for m in upcoming], [view(m) for m in past])
