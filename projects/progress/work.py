"""What the work of steps 1 to 3 shows (the projects app's ``Plugin.step_progress``):
framing decisions, the team charter, the calendar. One query whatever the project."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ..choices import AdministrationMode, AmoaDecision, ScopeDecision
from ..models import (
    Contribution,
    DeploymentWave,
    Meeting,
    Milestone,
    ObjectiveSelection,
    Project,
    ScopeModule,
    Task,
)
from ..plugins import StepWork
from .selectors import annotated_counts, project_count


def _share(parts: Iterable[float]) -> int:
    """Mean of some 0–1 parts, as a percentage."""
    values = list(parts)
    return round(100 * sum(values) / len(values)) if values else 0


def step_work(project: Project) -> list[StepWork]:
    """Steps 1–3: scope decided, team charter written, calendar planned."""
    row = (Project.objects.filter(pk=project.pk).select_related("framing", "team_charter")
           .annotate(
               n_objectives=project_count(ObjectiveSelection, Q(is_selected=True)),
               n_modules=project_count(ScopeModule),
               n_decided=project_count(ScopeModule, ~Q(decision=ScopeDecision.UNDECIDED)),
               n_contributions=project_count(Contribution),
               n_tasks=project_count(Task), n_milestones=project_count(Milestone),
               n_meetings=project_count(Meeting), n_waves=project_count(DeploymentWave))
           .get())
    counts = annotated_counts(row)
    framing, charter = row.framing, row.team_charter
    realism = [bool(framing.maturity), bool(framing.ambition), bool(framing.resources)]
    step1 = StepWork(1, _share([
        counts["objectives"] > 0,
        counts["decided"] / counts["modules"] if counts["modules"] else 0,
        sum(realism) / len(realism),
    ]), (
        ngettext("%(n)d objectif stratégique retenu", "%(n)d objectifs stratégiques retenus",
                 counts["objectives"]) % {"n": counts["objectives"]},
        ngettext("%(d)d module décidé sur %(t)d", "%(d)d modules décidés sur %(t)d",
                 counts["decided"]) % {"d": counts["decided"], "t": counts["modules"]},
        ngettext("%(n)d contribution écrite", "%(n)d contributions écrites",
                 counts["contributions"]) % {"n": counts["contributions"]},
    ))
    charter_parts = [
        charter.amoa_decision != AmoaDecision.UNDECIDED,
        charter.administration_mode != AdministrationMode.UNDECIDED,
        charter.designated_on is not None,
    ]
    step2 = StepWork(2, _share(charter_parts), tuple(
        text for done, text in (
            (charter_parts[0], _("recours à une AMOA décidé")),
            (charter_parts[1], _("administration du système décidée")),
            (charter_parts[2], _("équipe désignée par l'instance")),
        ) if done) or (_("rien n'est encore décidé"),))
    plan = {key: counts[key] for key in ("tasks", "milestones", "meetings", "waves")}
    step3 = StepWork(3, _share(value > 0 for value in plan.values()), (
        ngettext("%(n)d tâche", "%(n)d tâches", plan["tasks"]) % {"n": plan["tasks"]},
        ngettext("%(n)d jalon", "%(n)d jalons", plan["milestones"]) % {"n": plan["milestones"]},
        ngettext("%(n)d réunion", "%(n)d réunions", plan["meetings"]) % {"n": plan["meetings"]},
        ngettext("%(n)d vague de déploiement", "%(n)d vagues de déploiement",
                 plan["waves"]) % {"n": plan["waves"]},
    ))
    return [step1, step2, step3]
