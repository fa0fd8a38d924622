"""Step 16 pure rules: the evolution table and the SLA statistics."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from acceptance.maintenance import rules

NOW = datetime(2027, 4, 10, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(("current", "target", "can_decide", "allowed"), [
    ("proposed", "qualified", False, True),
    ("qualified", "requested", False, False),  # the chef's decision
    ("qualified", "requested", True, True),
    ("proposed", "refused", False, False),
    ("requested", "planned", False, True),
    ("planned", "verified", True, False),
    ("delivered", "verified", False, True),
    ("verified", "refused", True, False),
])
def test_the_evolution_table(current: str, target: str, can_decide: bool,
                             allowed: bool) -> None:
    error = rules.evolution_move_error(current=current, target=target, can_decide=can_decide)
    assert (error is None) is allowed


def _anomaly(month: int, severity: str, *, hours_to_ack: float | None,
             due_hours: float = 4) -> rules.TimedAnomaly:
    reported = datetime(2027, month, 3, 9, 0, tzinfo=UTC)
    return rules.TimedAnomaly(
        reported, severity, reported + timedelta(hours=due_hours),
        None if hours_to_ack is None else reported + timedelta(hours=hours_to_ack))


def test_sla_statistics_per_month_and_severity() -> None:
    anomalies = [
        _anomaly(3, "blocking", hours_to_ack=2), _anomaly(3, "blocking", hours_to_ack=4),
        _anomaly(3, "blocking", hours_to_ack=5), _anomaly(3, "minor", hours_to_ack=None,
                                                          due_hours=72),
        _anomaly(4, "blocking", hours_to_ack=None, due_hours=24 * 30),  # still running
        _anomaly(2, "major", hours_to_ack=None),  # never acknowledged, past due: late
        rules.TimedAnomaly(datetime(2027, 1, 5, tzinfo=UTC), "minor", None, None),
    ]
    cells = rules.sla_statistics(anomalies, now=NOW,
                                 severities=("blocking", "major", "minor"))
    assert [(c.month, c.severity, c.in_time, c.late, c.running) for c in cells] == [
        ("2027-02", "major", 0, 1, 0),
        ("2027-03", "blocking", 2, 1, 0),
        ("2027-03", "minor", 0, 1, 0),
        ("2027-04", "blocking", 0, 0, 1),
    ]
    assert cells[1].share_percent == Decimal("66.7")
    assert cells[3].share_percent is None
