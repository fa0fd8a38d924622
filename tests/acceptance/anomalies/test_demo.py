"""The demo part of the anomaly log, on the demo MSP brought into phase 4."""

from __future__ import annotations

import pytest

from acceptance.anomalies.selectors import anomaly_counts, is_late
from acceptance.choices import AnomalyStatus, Severity
from acceptance.demo.anomalies import seed
from acceptance.models import Anomaly, AnomalyComment, Contract
from msp_si.common import clock
from projects.core.removal import project_delete

pytestmark = pytest.mark.django_db


def test_the_demo_has_every_severity_a_late_one_and_a_vendor_answer(chosen_msp):
    project, people = chosen_msp
    seed(project=project, people=people)
    seed(project=project, people=people)  # a second run adds nothing
    anomalies = list(Anomaly.objects.filter(project=project))
    assert {a.severity for a in anomalies} == set(Severity.values)
    assert len(anomalies) == 4
    now = clock.now()
    assert any(is_late(a, now) and a.status == AnomalyStatus.OPEN for a in anomalies)
    answered = Anomaly.objects.get(project=project, status=AnomalyStatus.CORRECTED,
                                   severity=Severity.MAJOR)
    assert AnomalyComment.objects.filter(anomaly=answered, is_from_vendor=True).count() == 2
    assert anomaly_counts(project=project, now=now).late >= 1
    contract = Contract.objects.get(project=project)
    assert contract.signed_on is not None
    assert contract.token_hash
    # The demo project can still be deleted (seed_demo --reset) with its anomaly log.
    project_delete(project=project)
    assert not Anomaly.objects.exists()
    assert not AnomalyComment.objects.exists()
