"""Reads of steps 2 and 3: the team's composition and the calendar, scoped to one project.

The rules (composition, AMOA hint) are pure functions over plain lists; the selectors at the
bottom load the rows in a fixed number of queries and hand them over.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from .. import workflow
from ..choices import Role, ScopeDecision, TaskStatus
from ..method import AMOA_SIZE_THRESHOLD, MODULE_BY_CODE
from ..models import (
    DeploymentWave,
    Meeting,
    Membership,
    Milestone,
    Project,
    ProjectProfession,
    ScopeModule,
    Step,
    Task,
    TeamCharter,
)
from . import gantt

# Modules that will go live at some point, hence can be assigned to a deployment wave.
WAVE_DECISIONS = (ScopeDecision.IN_SCOPE, ScopeDecision.LATER)


@dataclass
class ProfessionLine:
    """A profession present in the MSP and its référent(s) métier."""

    profession: str
    label: str
    headcount: int
    referents: list[Membership] = field(default_factory=list)

    @property
    def has_referent(self) -> bool:
        """Seed 001, step 2: one référent métier per profession represented."""
        return bool(self.referents)


@dataclass
class TeamComposition:
    """Who holds which role of step 2, computed from the memberships."""

    leads: list[Membership]
    professions: list[ProfessionLine]
    stray_referents: list[Membership]
    domain_referents: list[Membership]
    amoa: list[Membership]
    members_count: int
    observers_count: int
    people_count: int

    @property
    def professions_without_referent(self) -> list[ProfessionLine]:
        """Professions present that nobody represents yet."""
        return [p for p in self.professions if not p.has_referent]


def team_composition(memberships: list[Membership],
                     professions: list[ProjectProfession]) -> TeamComposition:
    """Sort the memberships into the roles of step 2 (no query: plain lists in)."""
    by_role: dict[str, list[Membership]] = {r: [] for r in Role.values}
    for membership in memberships:
        by_role[membership.role].append(membership)
    lines = [ProfessionLine(profession=p.profession, label=p.get_profession_display(),
                            headcount=p.headcount) for p in professions]
    line_by_code = {line.profession: line for line in lines}
    stray = []
    for referent in by_role[Role.PROFESSION_REFERENT]:
        line = line_by_code.get(referent.profession)
        if line is None:
            stray.append(referent)  # represents a profession no longer declared present
        else:
            line.referents.append(referent)
    return TeamComposition(
        leads=by_role[Role.PROJECT_LEAD],
        professions=lines,
        stray_referents=stray,
        domain_referents=by_role[Role.DOMAIN_REFERENT],
        amoa=by_role[Role.AMOA],
        members_count=len(by_role[Role.MEMBER]),
        observers_count=len(by_role[Role.OBSERVER]),
        people_count=len(memberships),
    )


def amoa_hint(professionals: int) -> str:
    """Seed 001, step 2: above about ten professionals an AMOA starts to make sense."""
    if professionals > AMOA_SIZE_THRESHOLD:
        return _("Le projet concerne %(n)d professionnels : au-delà d'une dizaine de "
                 "professionnels, une AMOA commence à se justifier.") % {"n": professionals}
    return _("Le projet concerne %(n)d professionnels : à cette taille, une AMOA ne "
             "s'impose pas d'elle-même ; la complexité et la disponibilité de l'équipe "
             "restent à peser.") % {"n": professionals}


@dataclass
class CharterOverview:
    """Step 2 page: composition, charter and the AMOA size hint."""

    charter: TeamCharter
    composition: TeamComposition
    professionals: int
    amoa_hint: str
    is_amoa_suggested: bool


def charter_overview(*, project: Project) -> CharterOverview:
    """Everything the step 2 page reads, in three queries."""
    memberships = list(
        Membership.objects.filter(project=project).select_related("user")
        .order_by("user__last_name", "user__first_name", "user__email")
    )
    professions = list(ProjectProfession.objects.filter(project=project).order_by("id"))
    total = sum(p.headcount for p in professions)
    return CharterOverview(
        charter=TeamCharter.objects.get(project=project),
        composition=team_composition(memberships, professions),
        professionals=total,
        amoa_hint=amoa_hint(total),
        is_amoa_suggested=total > AMOA_SIZE_THRESHOLD,
    )


@dataclass
class ModuleLine:
    """A module that will go live, with its title from the method."""

    module: ScopeModule
    title: str


@dataclass
class WaveLine:
    """A deployment wave and the modules it brings."""

    wave: DeploymentWave
    modules: list[ModuleLine]


@dataclass
class CalendarOverview:
    """Step 3 page: the timeline and the tables behind it."""

    steps: list[Step]
    tasks: list[Task]
    milestones: list[Milestone]
    meetings: list[Meeting]
    waves: list[WaveLine]
    modules: list[ModuleLine]
    unassigned: list[ModuleLine]
    timeline: gantt.Timeline | None
    late_task_ids: set[int]
    late_milestone_ids: set[int]


def _step_label(step: Step) -> str:
    """« 3. Calendrier »."""
    return f"{step.number}. {step.definition.title}"


def timeline_entries(*, steps: list[Step], tasks: list[Task],
                     milestones: list[Milestone]) -> list[gantt.Entry]:
    """Rows of the timeline grouped by step: the step, its tasks, its milestones."""
    tasks_by_step: dict[int, list[Task]] = {}
    for task in tasks:
        tasks_by_step.setdefault(task.step_id, []).append(task)
    milestones_by_step: dict[int | None, list[Milestone]] = {}
    for milestone in milestones:
        milestones_by_step.setdefault(milestone.step_id, []).append(milestone)
    entries: list[gantt.Entry] = []
    for step in steps:
        label = _step_label(step)
        if step.start_on or step.due_on:
            entries.append(gantt.Entry(
                kind=gantt.KIND_STEP, label=_("Étape %s") % label, start_on=step.start_on,
                end_on=step.due_on, status=step.status, status_label=step.get_status_display(),
                step_label=label,
                owner_label=step.owner.display_name if step.owner else "",
            ))
        entries.extend(gantt.Entry(
            kind=gantt.KIND_TASK, label=t.title, start_on=t.start_on, end_on=t.due_on,
            status=t.status, status_label=t.get_status_display(), step_label=label,
            owner_label=t.owner.display_name if t.owner else "",
        ) for t in tasks_by_step.get(step.pk, []))
        entries.extend(_milestone_entry(m, label) for m in milestones_by_step.get(step.pk, []))
    entries.extend(_milestone_entry(m, "") for m in milestones_by_step.get(None, []))
    return entries


def _milestone_entry(milestone: Milestone, step_label: str) -> gantt.Entry:
    """A milestone is « done » once reached, so an unreached past one shows as late."""
    status = TaskStatus.DONE if milestone.is_reached else TaskStatus.TODO
    return gantt.Entry(
        kind=gantt.KIND_MILESTONE, label=_("Jalon : %s") % milestone.title,
        start_on=milestone.due_on, end_on=milestone.due_on, status=status,
        status_label=_("Atteint") if milestone.is_reached else _("Non atteint"),
        step_label=step_label,
    )


def wave_modules(*, project: Project) -> list[ModuleLine]:
    """Modules in scope or planned for a later wave: those a wave can bring."""
    return [ModuleLine(module=m, title=str(MODULE_BY_CODE[m.code].title))
            for m in ScopeModule.objects.filter(project=project, decision__in=WAVE_DECISIONS)
            .order_by("id") if m.code in MODULE_BY_CODE]


def calendar_overview(*, project: Project, today: date) -> CalendarOverview:
    """Everything the step 3 page reads, in six queries whatever the project's size."""
    steps = list(Step.objects.filter(project=project).select_related("owner").order_by("number"))
    step_by_id = {s.pk: s for s in steps}
    tasks = list(Task.objects.filter(project=project).select_related("owner")
                 .order_by("start_on", "id"))
    milestones = list(Milestone.objects.filter(project=project).order_by("due_on", "id"))
    dated: list[Task | Milestone] = [*tasks, *milestones]
    for item in dated:
        # Reuse the steps already loaded instead of one query per row.
        if item.step_id is not None:
            item.step = step_by_id[item.step_id]
    waves = list(DeploymentWave.objects.filter(project=project).order_by("number"))
    modules = wave_modules(project=project)
    wave_lines = [WaveLine(wave=w, modules=[m for m in modules if m.module.wave_id == w.pk])
                  for w in waves]
    entries = timeline_entries(steps=steps, tasks=tasks, milestones=milestones)
    return CalendarOverview(
        steps=steps, tasks=tasks, milestones=milestones,
        meetings=list(Meeting.objects.filter(project=project).order_by("held_on", "id")),
        waves=wave_lines, modules=modules,
        unassigned=[m for m in modules if m.module.wave_id is None],
        timeline=gantt.build_timeline(entries, today=today),
        late_task_ids={t.pk for t in tasks
                       if workflow.is_late(status=t.status, due_on=t.due_on, today=today)},
        late_milestone_ids={m.pk for m in milestones
                            if not m.is_reached and m.due_on < today},
    )

