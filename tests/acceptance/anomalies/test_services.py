"""Services of the anomaly log: numbering, SLA due time, moves, comments, concurrency."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from acceptance.anomalies import services
from acceptance.anomalies.selectors import AnomalyFilters, anomaly_counts, anomaly_list, is_late
from acceptance.choices import AnomalyStatus as S
from acceptance.choices import Severity
from acceptance.models import Anomaly, AnomalyComment
from msp_si.common.errors import DomainError
from projects.choices import Role

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def _minute(moment):
    return moment.astimezone(PARIS).replace(second=0, microsecond=0)


def _report(project, by, title="La fiche patient ne s'ouvre pas", severity=Severity.BLOCKING,
            **extra):
    return services.anomaly_report(project=project, by=by, title=title,
                                   description="Erreur 500 à l'ouverture.", severity=severity,
                                   **extra)


def test_reports_are_numbered_per_project_with_their_sla_due_time(contracted, make_project):
    project, _contract, users = contracted
    # Monday 23 Nov 2026 10:00 (frozen clock; it ticks, hence the minute): blocking 4 h →
    # 14:00; major 16 h → 8 h on Monday (10–18), 8 h on Tuesday from 9:00 → 17:00.
    first = _report(project, users[Role.MEMBER])
    second = _report(project, users[Role.MEMBER], title="Courrier mal aligné",
                     severity=Severity.MAJOR)
    assert (first.number, second.number) == (1, 2)
    assert _minute(first.due_at) == datetime(2026, 11, 23, 14, 0, tzinfo=PARIS)
    assert _minute(second.due_at) == datetime(2026, 11, 24, 17, 0, tzinfo=PARIS)
    assert first.history.count() == 1
    assert first.history.first().history_user == users[Role.MEMBER]


def test_a_double_submission_is_recorded_once(contracted):
    project, _contract, users = contracted
    first = _report(project, users[Role.MEMBER])
    again = _report(project, users[Role.MEMBER])
    assert again.pk == first.pk
    assert Anomaly.objects.filter(project=project).count() == 1


def test_no_contract_no_anomaly(project):
    with pytest.raises(DomainError, match="pas encore de contrat"):
        _report(project, project.created_by)
    assert not Anomaly.objects.exists()


@pytest.mark.parametrize(("title", "message"), [("  ", "titre"), ("x" * 201, "200")])
def test_bad_input_is_refused_with_a_french_message(contracted, title, message):
    project, _contract, users = contracted
    with pytest.raises(DomainError, match=message):
        _report(project, users[Role.MEMBER], title=title)
    assert not Anomaly.objects.exists()


def test_the_life_cycle_from_report_to_close_stamps_each_step(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    anomaly = services.anomaly_move(anomaly=anomaly, to=S.ACKNOWLEDGED, expected=S.OPEN,
                                    by=None, comment="Nous regardons.")
    assert anomaly.acknowledged_at is not None
    anomaly = services.anomaly_move(anomaly=anomaly, to=S.CORRECTED, expected=S.ACKNOWLEDGED,
                                    by=None)
    lead = users[Role.PROJECT_LEAD]
    anomaly = services.anomaly_move(anomaly=anomaly, to=S.VERIFIED, expected=S.CORRECTED,
                                    by=lead)
    anomaly = services.anomaly_move(anomaly=anomaly, to=S.CLOSED, expected=S.VERIFIED, by=lead)
    assert anomaly.closed_at is not None
    statuses = list(anomaly.history.order_by("history_date", "history_id")
                    .values_list("status", "history_change_reason"))
    assert statuses == [(S.OPEN, None), (S.ACKNOWLEDGED, services.VENDOR_REASON),
                        (S.CORRECTED, services.VENDOR_REASON), (S.VERIFIED, None),
                        (S.CLOSED, None)]
    vendor_comment = AnomalyComment.objects.get(anomaly=anomaly)
    assert vendor_comment.is_from_vendor
    assert not vendor_comment.is_internal


def test_the_vendor_cannot_close_or_verify(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    services.anomaly_move(anomaly=anomaly, to=S.CORRECTED, expected=S.OPEN, by=None)
    with pytest.raises(DomainError, match="pas possible"):
        services.anomaly_move(anomaly=anomaly, to=S.VERIFIED, expected=S.CORRECTED, by=None)
    anomaly.refresh_from_db()
    assert anomaly.status == S.CORRECTED


def test_a_move_from_a_status_that_changed_meanwhile_is_refused(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    services.anomaly_move(anomaly=anomaly, to=S.ACKNOWLEDGED, expected=S.OPEN, by=None)
    # The AMOA's page still showed « ouverte »: rejecting now would overwrite the vendor.
    with pytest.raises(DomainError, match=r"changé entre-temps.*Prise en compte"):
        services.anomaly_move(anomaly=anomaly, to=S.REJECTED, expected=S.OPEN,
                              by=users[Role.AMOA], comment="Pas une anomalie")
    anomaly.refresh_from_db()
    assert anomaly.status == S.ACKNOWLEDGED
    assert not AnomalyComment.objects.filter(text="Pas une anomalie").exists()


def test_reopening_restarts_the_sla_clock(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    services.anomaly_move(anomaly=anomaly, to=S.CORRECTED, expected=S.OPEN, by=None)
    with time_machine.travel(datetime(2026, 11, 27, 17, 0, tzinfo=PARIS), tick=False):
        anomaly = services.anomaly_move(anomaly=anomaly, to=S.REOPENED, expected=S.CORRECTED,
                                        by=users[Role.AMOA])
    # Friday 17:00 + 4 h of support: 1 h on Friday, 3 h on Monday from 9:00.
    assert anomaly.due_at == datetime(2026, 11, 30, 12, 0, tzinfo=PARIS)
    assert anomaly.acknowledged_at is None
    assert anomaly.corrected_at is None


def test_late_anomalies_are_flagged_and_counted(contracted):
    project, _contract, users = contracted
    late = _report(project, users[Role.MEMBER])
    on_time = _report(project, users[Role.MEMBER], title="Mineure", severity=Severity.MINOR)
    services.anomaly_move(anomaly=on_time, to=S.ACKNOWLEDGED, expected=S.OPEN, by=None)
    later = datetime(2026, 11, 23, 15, 0, tzinfo=PARIS)
    late.refresh_from_db()
    assert is_late(late, later)
    on_time.refresh_from_db()
    assert not is_late(on_time, later)
    assert [a.number for a in anomaly_list(project=project, filters=AnomalyFilters(is_late=True),
                                           now=later)] == [late.number]
    counts = anomaly_counts(project=project, now=later)
    assert (counts.open_blocking, counts.open_minor, counts.late) == (1, 1, 1)


def test_qualifying_the_severity_moves_the_due_time(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER], severity=Severity.MINOR)
    anomaly = services.anomaly_qualify(anomaly=anomaly, severity=Severity.BLOCKING,
                                       by=users[Role.AMOA])
    assert _minute(anomaly.due_at) == datetime(2026, 11, 23, 14, 0, tzinfo=PARIS)


def test_comments_internal_or_shared_and_twice_kept_once(contracted):
    project, _contract, users = contracted
    anomaly = _report(project, users[Role.MEMBER])
    amoa = users[Role.AMOA]
    services.anomaly_comment_add(anomaly=anomaly, by=amoa, text="À relancer", is_internal=True)
    services.anomaly_comment_add(anomaly=anomaly, by=amoa, text="À relancer", is_internal=True)
    services.anomaly_comment_add(anomaly=anomaly, by=None, text="Reçu", is_internal=True)
    comments = list(AnomalyComment.objects.filter(anomaly=anomaly).values_list(
        "text", "is_internal", "is_from_vendor"))
    # The vendor cannot write an internal comment.
    assert comments == [("À relancer", True, False), ("Reçu", False, True)]


def test_a_case_or_need_of_another_project_is_refused(contracted, make_project):
    from requirements.models import Requirement
    from requirements.needs.services import grid_initialise

    project, _contract, users = contracted
    other = make_project(name="MSP voisine")
    grid_initialise(project=other)
    foreign = Requirement.objects.filter(project=other).first()
    with pytest.raises(DomainError, match="n'appartient pas"):
        _report(project, users[Role.MEMBER], requirement=foreign)
