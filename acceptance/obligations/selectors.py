"""Reads of the contract's obligations with their state from the recette, per project."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django_stubs_ext import StrOrPromise

from ..anomalies.models import Anomaly
from ..cases.models import AcceptanceCase
from ..contract.models import Contract, Obligation
from ..recette.selectors import OPEN_STATUSES, latest_results
from . import rules


@dataclass(frozen=True)
class ObligationLine:
    """An obligation with what the recette says of it so far."""

    obligation: Obligation
    state: str
    state_label: StrOrPromise
    case_count: int
    ok_count: int
    open_anomalies: int

    @property
    def is_alert(self) -> bool:
        return self.state in rules.ALERT_STATES


def obligation_lines(*, contract: Contract, today: date, is_recette_pronounced: bool
                     ) -> list[ObligationLine]:
    """Every obligation with its state, in four queries whatever their number."""
    obligations = list(contract.obligations.all())
    needs = [o.requirement_id for o in obligations]
    latest = latest_results(project=contract.project)
    results: dict[int, list[str]] = defaultdict(list)
    for case_id, need_id in AcceptanceCase.objects.filter(
            project_id=contract.project_id, requirement_id__in=needs
    ).order_by("position", "id").values_list("id", "requirement_id"):
        results[need_id].append(latest.get(case_id, ""))
    anomalies = dict(Anomaly.objects.filter(project_id=contract.project_id,
                                            requirement_id__in=needs)
                     .values_list("requirement_id")
                     .annotate(n=Count("pk", filter=Q(status__in=OPEN_STATUSES))))
    lines = []
    for obligation in obligations:
        on_need = results.get(obligation.requirement_id, [])
        facts = rules.ObligationFacts(promised_on=obligation.promised_on, results=on_need,
                                      open_anomalies=anomalies.get(obligation.requirement_id, 0))
        state = rules.obligation_state(facts, today=today,
                                       is_recette_pronounced=is_recette_pronounced)
        lines.append(ObligationLine(obligation, state, rules.STATES[state], len(on_need),
                                    on_need.count(rules.OK), facts.open_anomalies))
    return lines
