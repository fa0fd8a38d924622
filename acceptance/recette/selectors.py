"""Reads of the recette (step 14), scoped by project, in a fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.needs.models import NeedsGrid, Priority
from requirements.needs.selectors import active_requirement_values
from vendors.decision.selectors import chosen_offer

from ..anomalies.models import Anomaly
from ..choices import AnomalyStatus, Severity
from ..contract.models import Obligation
from . import verdict
from .choices import ExecutionResult
from .models import AcceptanceCase, Campaign, CampaignCase, Execution, RecetteDecision, TraceCheck

# An anomaly still open for the PV: neither verified, closed nor rejected.
OPEN_STATUSES = (AnomalyStatus.OPEN, AnomalyStatus.ACKNOWLEDGED, AnomalyStatus.CORRECTED,
                 AnomalyStatus.REOPENED)
RESULT_LABELS = dict(ExecutionResult.choices)


def latest_results(*, project: Project) -> dict[int, str]:
    """Case id → result code of its last execution, across campaigns (one query)."""
    rows = (Execution.objects.filter(project=project).order_by("executed_at", "id")
            .values_list("case_id", "result"))
    return dict(rows)  # later executions overwrite earlier ones


def need_lines(*, project: Project) -> list[verdict.NeedLine]:
    """The active needs of the grid as the recette's rules take them."""
    professions = {code: str(label) for code, label in Profession.choices}
    priorities = {code: str(label) for code, label in Priority.choices}
    rows = active_requirement_values(
        project=project, fields=("pk", "code", "text", "profession", "priority", "revision"))
    return [verdict.NeedLine(pk, code, text, profession, priority, revision,
                             professions.get(profession, ""), priorities.get(priority, priority))
            for pk, code, text, profession, priority, revision in rows]


def generation_error(*, project: Project) -> str | None:
    """Cases come from the needs grid once it is frozen or bound by the choice."""
    grid = NeedsGrid.objects.filter(project=project).first()
    if grid is None:
        return _("La grille des besoins n'existe pas encore : aucun cas ne peut en être tiré.")
    if not grid.is_frozen and project.implementation_started_on is None:
        return _("La grille des besoins n'est pas figée : figez-la (étape 6) avant d'en "
                 "tirer les cas de test.")
    return None


# --- cases ---------------------------------------------------------------------------

@dataclass(frozen=True)
class CaseRow:
    """A case on the case list: its latest result and whether its link is « à revoir »."""

    case: AcceptanceCase
    result: str
    is_suspect: bool

    @property
    def result_label(self) -> str:
        return str(RESULT_LABELS.get(self.result, _("Jamais exécuté")))


def _baselines(project: Project) -> dict[int, tuple[int, int | None]]:
    """Case id → (case revision, need revision) at its latest execution or re-check."""
    stamped: dict[int, tuple[datetime, tuple[int, int | None]]] = {}
    executions = (Execution.objects.filter(project=project)
                  .values_list("case_id", "executed_at", "case_revision",
                               "requirement_revision"))
    checks = (TraceCheck.objects.filter(project=project)
              .values_list("case_id", "checked_at", "case_revision", "requirement_revision"))
    for case_id, at, case_rev, need_rev in (*executions, *checks):
        known = stamped.get(case_id)
        if known is None or known[0] <= at:
            stamped[case_id] = (at, (case_rev, need_rev))
    return {case_id: value for case_id, (_at, value) in stamped.items()}


def case_rows(*, project: Project) -> list[CaseRow]:
    """Every case of the project with its latest result and suspect flag (4 queries)."""
    cases = list(AcceptanceCase.objects.filter(project=project)
                 .select_related("requirement").order_by("position", "id"))
    latest = latest_results(project=project)
    baselines = _baselines(project)
    return [CaseRow(case, latest.get(case.pk, ""), verdict.is_suspect(
        case_revision=case.revision,
        requirement_revision=case.requirement.revision if case.requirement else None,
        baseline=baselines.get(case.pk))) for case in cases]


# --- campaigns -----------------------------------------------------------------------

@dataclass
class CampaignView:
    """A campaign's cases with their testers, and the tally of results."""

    campaign: Campaign
    items: list[CampaignCase]
    counts: dict[str, int]
    testers: list[Membership]
    names: dict[int, str]

    @property
    def executed(self) -> int:
        return sum(n for result, n in self.counts.items() if result)

    @property
    def tally(self) -> list[tuple[str, int]]:
        """(label, count) per result, « à exécuter » last."""
        lines = [(str(label), self.counts.get(code, 0))
                 for code, label in ExecutionResult.choices]
        return [*lines, (_("À exécuter"), self.counts.get("", 0))]


def testers(*, project: Project) -> list[Membership]:
    """Members who may be assigned a case: everyone but observers."""
    return list(Membership.objects.filter(project=project).exclude(role=Role.OBSERVER)
                .select_related("user").order_by("user__last_name", "user__first_name"))


def campaign_view(*, campaign: Campaign) -> CampaignView:
    """Everything the campaign page shows (at most 4 queries whatever the number of cases).

    Testers and executors are named from the team read once, not joined on every case
    (a join would load a whole user row, dates included, 400 times).
    """
    items = list(CampaignCase.objects.filter(campaign=campaign).order_by("position", "id"))
    counts = Counter(item.result for item in items)
    team = testers(project=campaign.project)
    names = {m.user_id: m.user.display_name for m in team}
    others = {pk for i in items for pk in (i.executed_by_id, i.tester_id)
              if pk is not None and pk not in names}
    if others:  # someone who recorded a result and has left the team since
        names.update((u.pk, u.display_name) for u in User.objects.filter(pk__in=others)
                     .only("first_name", "last_name", "email"))
    return CampaignView(campaign, items, dict(counts), team, names)


@dataclass(frozen=True)
class CampaignLine:
    """A campaign on the step page: its progress."""

    campaign: Campaign
    total: int
    counts: dict[str, int]

    @property
    def executed(self) -> int:
        return sum(n for result, n in self.counts.items() if result)

    @property
    def ordered(self) -> list[int]:
        """Counts in the order of ExecutionResult."""
        return [self.counts.get(code, 0) for code in ExecutionResult.values]


def campaign_lines(*, project: Project) -> list[CampaignLine]:
    """The project's campaigns with their counts of results (2 queries)."""
    campaigns = list(Campaign.objects.filter(project=project).order_by("starts_on", "id"))
    counts: dict[int, Counter[str]] = defaultdict(Counter)
    for campaign_id, result in CampaignCase.objects.filter(project=project).values_list(
            "campaign_id", "result"):
        counts[campaign_id][result] += 1
    return [CampaignLine(c, sum(counts[c.pk].values()), dict(counts[c.pk]))
            for c in campaigns]


# --- coverage ------------------------------------------------------------------------

def coverage_of(*, project: Project) -> verdict.Coverage:
    """Coverage of the Indispensable and Important needs by the cases' latest results."""
    pairs = AcceptanceCase.objects.filter(project=project).values_list("id", "requirement_id")
    grouped = verdict.results_by_need(pairs, latest_results(project=project))
    return verdict.coverage(need_lines(project=project), grouped,
                            transversal_label=_("Besoins transversaux"))


# --- anomalies read for the PV -------------------------------------------------------

def open_anomalies(*, project: Project) -> list[Anomaly]:
    """Anomalies still open, blocking first (the Anomaly model read directly)."""
    order: dict[str, int] = {Severity.BLOCKING: 0, Severity.MAJOR: 1, Severity.MINOR: 2}
    rows = list(Anomaly.objects.filter(project=project, status__in=OPEN_STATUSES)
                .select_related("case", "requirement").order_by("number"))
    return sorted(rows, key=lambda a: order.get(a.severity, 3))


def reserves(*, project: Project) -> list[Anomaly]:
    """The PV's reserves: open non-blocking anomalies, with the date to lift them."""
    return [a for a in open_anomalies(project=project) if a.severity != Severity.BLOCKING]


def blocking_open_count(*, project: Project) -> int:
    """Blocking anomalies still open: the recette cannot be pronounced while any is."""
    return Anomaly.objects.filter(project=project, severity=Severity.BLOCKING,
                                  status__in=OPEN_STATUSES).count()


def latest_decision(*, project: Project) -> RecetteDecision | None:
    """The last decision recorded on the recette."""
    return (RecetteDecision.objects.filter(project=project).select_related("decided_by")
            .order_by("-decided_at", "-id").first())


# --- traceability --------------------------------------------------------------------

@dataclass
class TraceCase:
    """A case in a traceability row: its latest result, anomalies and suspect flag."""

    case: AcceptanceCase
    result: str
    executed_on: date | None
    is_suspect: bool
    anomalies: list[Anomaly] = field(default_factory=list)

    @property
    def result_label(self) -> str:
        return str(RESULT_LABELS.get(self.result, _("Jamais exécuté")))


@dataclass
class TraceRow:
    """need → chosen answer → contract obligation → cases → executions → anomalies."""

    need: verdict.NeedLine
    answer: str
    obligation: Obligation | None
    cases: list[TraceCase]
    anomalies: list[Anomaly]

    @property
    def is_suspect(self) -> bool:
        return any(c.is_suspect for c in self.cases)


def traceability(*, project: Project) -> list[TraceRow]:
    """One row per verified need, both ways linked (a fixed number of queries)."""
    offer = chosen_offer(project=project)
    answers = {str(a.get("code")): str(a.get("answer") or "") for a in
               (offer.answers if offer else [])}
    obligations = {o.requirement_id: o for o in Obligation.objects.filter(project=project)}
    rows_by_case = {row.case.pk: row for row in case_rows(project=project)}
    last_on: dict[int, date] = {}
    for case_id, at in (Execution.objects.filter(project=project)
                        .values_list("case_id", "executed_at")):
        last_on[case_id] = timezone.localdate(at)
    anomalies = list(Anomaly.objects.filter(project=project).order_by("number"))
    by_case: dict[int, list[Anomaly]] = defaultdict(list)
    by_need: dict[int, list[Anomaly]] = defaultdict(list)
    for anomaly in anomalies:
        if anomaly.case_id:
            by_case[anomaly.case_id].append(anomaly)
        elif anomaly.requirement_id:
            by_need[anomaly.requirement_id].append(anomaly)
    cases_by_need: dict[int, list[TraceCase]] = defaultdict(list)
    for row in rows_by_case.values():
        if row.case.requirement_id is not None:
            cases_by_need[row.case.requirement_id].append(TraceCase(
                row.case, row.result, last_on.get(row.case.pk), row.is_suspect,
                by_case.get(row.case.pk, [])))
    return [TraceRow(need, answers.get(need.code, ""), obligations.get(need.requirement_id),
                     cases_by_need.get(need.requirement_id, []),
                     by_need.get(need.requirement_id, []))
            for need in need_lines(project=project)
            if need.priority in verdict.VERIFIED_PRIORITIES]


def member_lines(*, project: Project) -> list[verdict.MemberLine]:
    """The team as the tester rule takes it (lead first by pk for a stable choice)."""
    return [verdict.MemberLine(user_id, role, profession) for user_id, role, profession in
            Membership.objects.filter(project=project).order_by("pk")
            .values_list("user_id", "role", "profession")]


def is_member(*, project: Project, user: User) -> bool:
    """Whether ``user`` belongs to the project's team (a tester must)."""
    return Membership.objects.filter(project=project, user=user).exclude(
        role=Role.OBSERVER).exists()
