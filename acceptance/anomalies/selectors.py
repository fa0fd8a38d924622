"""Reads of the anomaly log, always scoped by project."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, cast

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Q, QuerySet
from django.db.models.functions import Coalesce

from ..choices import Severity
from . import rules, sla
from .models import Anomaly, AnomalyComment

if TYPE_CHECKING:
    from projects.models import Project

    from ..cases.models import AcceptanceCase
    from ..contract.models import Contract

# The log depends on the contract (its service levels) and is read by the recette; those
# packages import this one, so their models are reached through the foreign keys here.
CASE_MODEL = cast("type[AcceptanceCase]", Anomaly._meta.get_field("case").related_model)


def contract_of(*, project: Project) -> Contract | None:
    """The project's contract (recorded with the choice), or None before it."""
    try:
        return project.contract
    except ObjectDoesNotExist:
        return None


def answered_at(anomaly: Anomaly) -> datetime | None:
    """When the vendor answered: taken into account, or corrected, or the team settled it."""
    return anomaly.acknowledged_at or anomaly.corrected_at or anomaly.closed_at


def is_late(anomaly: Anomaly, now: datetime) -> bool:
    """Whether the anomaly breached its SLA: answered after its due time, or not answered
    and past it."""
    return sla.is_late(due_at=anomaly.due_at, answered_at=answered_at(anomaly), now=now)


def _late_q(now: datetime) -> Q:
    """The database form of ``is_late`` (rows annotated with ``answered``)."""
    return Q(due_at__isnull=False) & (Q(answered__isnull=True, due_at__lt=now)
                                      | Q(answered__gt=F("due_at")))


def _with_answer(queryset: QuerySet[Anomaly]) -> QuerySet[Anomaly]:
    return queryset.annotate(answered=Coalesce("acknowledged_at", "corrected_at", "closed_at"))


@dataclass(frozen=True)
class AnomalyFilters:
    """The anomaly list's filters, already checked (empty = no filter)."""

    severity: str = ""
    status: str = ""
    is_late: bool = False


def anomaly_list(*, project: Project, filters: AnomalyFilters, now: datetime
                 ) -> list[Anomaly]:
    """The project's anomalies, newest first, each with ``late`` set."""
    queryset = _with_answer(Anomaly.objects.filter(project=project)).select_related(
        "reported_by", "case", "requirement")
    if filters.severity:
        queryset = queryset.filter(severity=filters.severity)
    if filters.status:
        queryset = queryset.filter(status=filters.status)
    if filters.is_late:
        queryset = queryset.filter(_late_q(now))
    anomalies = list(queryset.order_by("-number"))
    for anomaly in anomalies:
        anomaly.late = is_late(anomaly, now)  # type: ignore[attr-defined]
    return anomalies


@dataclass(frozen=True)
class AnomalyCounts:
    """How many anomalies stand open, by severity, and how many breached their SLA."""

    open_blocking: int
    open_major: int
    open_minor: int
    late: int
    total: int

    @property
    def open_total(self) -> int:
        return self.open_blocking + self.open_major + self.open_minor


def anomaly_counts(*, project: Project, now: datetime) -> AnomalyCounts:
    """Counts for the contract page and the step panels, in one query."""
    still_open = Q(status__in=rules.OPEN_STATUSES)
    row = _with_answer(Anomaly.objects.filter(project=project)).aggregate(
        blocking=Count("pk", filter=still_open & Q(severity=Severity.BLOCKING)),
        major=Count("pk", filter=still_open & Q(severity=Severity.MAJOR)),
        minor=Count("pk", filter=still_open & Q(severity=Severity.MINOR)),
        late=Count("pk", filter=_late_q(now)),
        total=Count("pk"),
    )
    return AnomalyCounts(open_blocking=row["blocking"], open_major=row["major"],
                         open_minor=row["minor"], late=row["late"], total=row["total"])


def anomaly_counts_by_project(*, project_ids: list[int], now: datetime
                              ) -> dict[int, AnomalyCounts]:
    """``anomaly_counts`` for several projects in one query (the AMOA's portfolio)."""
    still_open = Q(status__in=rules.OPEN_STATUSES)
    rows = (_with_answer(Anomaly.objects.filter(project_id__in=project_ids))
            .values("project_id").order_by("project_id").annotate(
                blocking=Count("pk", filter=still_open & Q(severity=Severity.BLOCKING)),
                major=Count("pk", filter=still_open & Q(severity=Severity.MAJOR)),
                minor=Count("pk", filter=still_open & Q(severity=Severity.MINOR)),
                late=Count("pk", filter=_late_q(now)), total=Count("pk")))
    return {row["project_id"]: AnomalyCounts(
        open_blocking=row["blocking"], open_major=row["major"], open_minor=row["minor"],
        late=row["late"], total=row["total"]) for row in rows}


def anomaly_comments(*, anomaly: Anomaly, for_vendor: bool) -> list[AnomalyComment]:
    """An anomaly's comments; the vendor never sees the internal ones."""
    queryset = anomaly.comments.select_related("author")
    if for_vendor:
        queryset = queryset.filter(is_internal=False)
    return list(queryset)


def anomaly_history(*, anomaly: Anomaly) -> list[object]:
    """The anomaly's versions, oldest first (who moved it, when, to which status)."""
    return list(anomaly.history.select_related("history_user").order_by("history_date",
                                                                         "history_id"))


def open_non_blocking(*, project: Project) -> list[Anomaly]:
    """The non-blocking anomalies still standing: the periodic list sent to the vendor."""
    return list(Anomaly.objects.filter(project=project, status__in=rules.OPEN_STATUSES)
                .exclude(severity=Severity.BLOCKING).select_related("reported_by", "case",
                                                                    "requirement")
                .order_by("number"))
