"""The vendor's secret link: it sees this project's anomalies and shared comments only,
marks « prise en compte » and « corrigée »; a bad, revoked or expired link records nothing."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from acceptance.anomalies import services
from acceptance.choices import AnomalyStatus as S
from acceptance.choices import Severity
from acceptance.contract.services import contract_link_issue, contract_link_revoke
from acceptance.models import Anomaly, AnomalyComment
from projects.choices import Role
from tests.typography import plain

from .helpers import contract_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(contracted, make_project):
    project, contract, users = contracted
    anomaly = services.anomaly_report(project=project, by=users[Role.MEMBER],
                                      title="Agenda vide", description="Rien ne s'affiche.",
                                      severity=Severity.BLOCKING)
    services.anomaly_comment_add(anomaly=anomaly, by=users[Role.AMOA],
                                 text="Note interne : relancer vendredi", is_internal=True)
    services.anomaly_comment_add(anomaly=anomaly, by=users[Role.AMOA],
                                 text="Capture envoyée par courriel")
    other = make_project(name="MSP voisine")
    contract_make(other)
    services.anomaly_report(project=other, by=other.created_by, title="Secret du voisin",
                            description="x", severity=Severity.MINOR)
    token = contract_link_issue(contract=contract, by=users[Role.PROJECT_LEAD])
    return project, contract, anomaly, token, users


def _answer(token, number, **data):
    return Client().post(reverse("acceptance:vendor-portal-answer", args=[token, number]),
                         {"expected": S.OPEN, **data})


def test_the_vendor_sees_its_project_and_shared_comments_only(portal):
    _project, _contract, _anomaly, token, _users = portal
    response = Client().get(reverse("acceptance:vendor-portal", args=[token]))
    page = plain(response.content.decode())
    assert response.status_code == 200
    assert "AN-001 — Agenda vide" in page
    assert "Capture envoyée par courriel" in page
    assert "relancer vendredi" not in page
    assert "Secret du voisin" not in page


def test_the_vendor_acknowledges_then_corrects_with_a_comment(portal, link_posts_allowed):
    _project, _contract, anomaly, token, _users = portal
    _answer(token, anomaly.number, to=S.ACKNOWLEDGED, comment="Pris en charge par N2")
    _answer(token, anomaly.number, to=S.CORRECTED, expected=S.ACKNOWLEDGED,
            comment="Corrigé en 4.2.1")
    anomaly.refresh_from_db()
    assert anomaly.status == S.CORRECTED
    vendor = list(AnomalyComment.objects.filter(anomaly=anomaly, is_from_vendor=True)
                  .values_list("text", flat=True))
    assert vendor == ["Pris en charge par N2", "Corrigé en 4.2.1"]
    reasons = set(anomaly.history.values_list("history_change_reason", flat=True))
    assert services.VENDOR_REASON in reasons


def test_the_vendor_cannot_close_nor_reach_another_project(portal, link_posts_allowed):
    _project, _contract, anomaly, token, _users = portal
    _answer(token, anomaly.number, to=S.CLOSED)
    anomaly.refresh_from_db()
    assert anomaly.status == S.OPEN
    neighbour = Anomaly.objects.get(title="Secret du voisin")
    assert _answer(token, neighbour.number + 50, to=S.ACKNOWLEDGED).status_code == 404
    neighbour.refresh_from_db()
    assert neighbour.status == S.OPEN


@pytest.mark.parametrize("case", ["wrong", "revoked", "expired"])
def test_a_bad_link_is_404_and_records_nothing(portal, case, link_posts_allowed):
    _project, contract, anomaly, token, users = portal
    if case == "wrong":
        token = token[:-2] + "xx"
    elif case == "revoked":
        contract_link_revoke(contract=contract, by=users[Role.PROJECT_LEAD])
    else:
        contract.signed_on, contract.duration_months = date(2023, 11, 1), 36
        contract.save()
    before = (anomaly.history.count(), AnomalyComment.objects.count())
    assert Client().get(reverse("acceptance:vendor-portal", args=[token])).status_code == 404
    assert _answer(token, anomaly.number, to=S.ACKNOWLEDGED,
                   comment="tentative").status_code == 404
    anomaly.refresh_from_db()
    assert anomaly.status == S.OPEN
    assert (anomaly.history.count(), AnomalyComment.objects.count()) == before


def test_the_link_is_rate_limited(portal, monkeypatch):
    from msp_si.common import ratelimit

    monkeypatch.setattr(ratelimit, "LINK_LIMITS", (("2/d", ("POST",)), ("200/d", "ALL")))
    _project, _contract, anomaly, token, _users = portal
    statuses = [_answer(token, anomaly.number, to=S.ACKNOWLEDGED).status_code
                for _ in range(3)]
    assert statuses[-1] == 429
