"""Reads of step 16: evolution requests, interventions, SLA statistics from the anomaly log."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from msp_si.common import clock
from projects.models import Project
from requirements.models import Requirement
from requirements.needs.selectors import active_requirements

from ..anomalies.models import Anomaly
from ..choices import Severity
from ..recette.models import Campaign
from ..training.models import TrainingSession
from .models import EvolutionRequest, EvolutionVote, Intervention
from .rules import SlaCell, TimedAnomaly, VoteResult, sla_statistics, vote_results


def sla_cells(*, project: Project) -> list[SlaCell]:
    """Share of anomalies taken into account within the contract's time, per month and
    severity (one query; months in the MSP's time zone)."""
    rows = Anomaly.objects.filter(project=project).values_list(
        "reported_at", "severity", "due_at", "acknowledged_at")
    return sla_statistics(
        (TimedAnomaly(timezone.localtime(r), s, d, a) for r, s, d, a in rows),
        now=clock.now(), severities=Severity.values)


@dataclass(frozen=True)
class MaintenancePage:
    """Everything the step 16 page shows."""

    evolutions: list[EvolutionRequest]
    interventions: list[Intervention]
    sla: list[SlaCell]
    votes: dict[int, VoteResult]
    my_votes: dict[int, str]  # evolution id → the reader's own vote


def maintenance_page(*, project: Project, user_id: int) -> MaintenancePage:
    """Evolution requests with the référents' votes, interventions with what follows them,
    SLA figures (four queries)."""
    rows = list(EvolutionVote.objects.filter(project=project)
                .values_list("evolution_id", "choice", "voter_id"))
    return MaintenancePage(
        evolutions=list(EvolutionRequest.objects.filter(project=project)
                        .select_related("requested_by", "requirement")),
        interventions=list(Intervention.objects.filter(project=project)
                           .select_related("recette_campaign", "training_session")),
        sla=sla_cells(project=project),
        votes=vote_results((pk, choice) for pk, choice, _voter in rows),
        my_votes={pk: choice for pk, choice, voter in rows if voter == user_id},
    )


def follow_up_choices(*, project: Project) -> tuple[QuerySet[Campaign],
                                                    QuerySet[TrainingSession]]:
    """The campaigns and sessions an intervention may be attached to."""
    return (Campaign.objects.filter(project=project).order_by("-starts_on", "id"),
            TrainingSession.objects.filter(project=project).order_by("-starts_at", "id"))


def evolution_requirements(*, project: Project) -> QuerySet[Requirement]:
    """The needs an evolution request may cite: those still in the grid, by code."""
    ids = [r.pk for r in active_requirements(project=project)]
    return Requirement.objects.filter(project=project, pk__in=ids).order_by("code")
