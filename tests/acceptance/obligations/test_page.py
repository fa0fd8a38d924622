"""The contract page's obligations follow the recette: cases, their latest result across
campaigns, open anomalies, the validated PV de recette."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from acceptance.anomalies import services as anomaly_services
from acceptance.choices import AcceptanceDocument, AnomalyStatus, Severity
from acceptance.models import AcceptanceCase, Obligation
from acceptance.obligations.selectors import obligation_lines
from acceptance.recette import services as recette_services
from acceptance.recette.models import CampaignCase
from projects.choices import DocumentStatus, Role, ValidationDecision
from projects.models import Document, StepValidation
from requirements.models import Requirement
from requirements.needs.services import grid_initialise

from ..anomalies.helpers import contract_make

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 23)


@pytest.fixture
def contracted(project, add_member):
    grid_initialise(project=project)
    contract = contract_make(project, signed_on=date(2026, 10, 1), duration_months=36)
    needs = list(Requirement.objects.filter(project=project).order_by("pk")[:6])
    for position, need in enumerate(needs):
        Obligation.objects.create(project=project, contract=contract, requirement=need,
                                  code=need.code, need_text=need.text, priority="essential",
                                  answer="Développement spécifique", position=position,
                                  promised_on=date(2026, 11, 1) + timedelta(days=position))
    amoa = add_member(project, Role.AMOA).user
    return project, contract, needs, amoa


def _case(project, need, n):
    return AcceptanceCase.objects.create(project=project, code=f"MAN-{n:03d}", title="Cas",
                                         expected_result="OK", source="manual",
                                         requirement=need, position=n)


def _run(project, lead, name, results):
    """A campaign of the hand-written cases; ``results`` maps case code → result."""
    campaign = recette_services.campaign_open(
        project=project, by=lead, name=name, kind="users", starts_on=TODAY,
        ends_on=TODAY + timedelta(days=7), sources=("manual",))
    for item in CampaignCase.objects.filter(campaign=campaign, code__in=results):
        recette_services.execution_record(item=item, by=lead, result=results[item.code],
                                          comment="Vu en recette", version=item.version,
                                          can_prepare=True)


def _validate_pv(project):
    pv = Document.objects.create(project=project, kind=AcceptanceDocument.RECETTE_PV,
                                 version=1, requested_by=project.created_by,
                                 status=DocumentStatus.DONE)
    StepValidation.objects.create(step=project.steps.get(number=14), held_on=TODAY,
                                  document=pv, decision=ValidationDecision.APPROVED,
                                  recorded_by=project.created_by)


def test_each_obligation_takes_its_state_from_the_recette(contracted,
                                                          django_assert_num_queries):
    project, contract, needs, amoa = contracted
    lead = project.created_by
    # needs[0]: no case (promised 1 Nov, passed); [1] a case never run; [2] KO then OK in
    # a second campaign; [3] two cases, one OK; [4] OK; [5] OK but an anomaly still open.
    for n, need in enumerate([needs[1], needs[2], needs[3], needs[3], needs[4], needs[5]]):
        _case(project, need, n)
    _run(project, lead, "Recette utilisateurs",
         {"MAN-001": "ko", "MAN-002": "ok", "MAN-003": "not_tested", "MAN-004": "ok",
          "MAN-005": "ok"})
    anomaly = anomaly_services.anomaly_report(project=project, by=amoa, title="Erreur",
                                              description="Erreur", severity=Severity.MINOR,
                                              requirement=needs[5])

    def states(pronounced=False):
        with django_assert_num_queries(4):
            lines = obligation_lines(contract=contract, today=TODAY,
                                     is_recette_pronounced=pronounced)
        return [line.state for line in lines]

    assert states() == ["overdue", "not_executed", "ko", "in_recette", "ok", "open_anomaly"]
    # The latest result across campaigns decides: the regression campaign's OK wins.
    _run(project, lead, "Non-régression", {"MAN-001": "ok"})
    assert states()[2] == "ok"
    anomaly.status = AnomalyStatus.CLOSED
    anomaly.save()
    assert states(pronounced=True) == ["overdue", "not_executed", "accepted", "in_recette",
                                       "accepted", "accepted"]


def test_the_contract_page_shows_the_recette_state(contracted, client_for):
    project, _contract, needs, _amoa = contracted
    lead = project.created_by
    _case(project, needs[2], 1)
    _case(project, needs[2], 2)
    _run(project, lead, "Recette utilisateurs", {"MAN-001": "ok", "MAN-002": "ko"})
    url = reverse("acceptance:contract", args=[project.pk])
    page = client_for(lead).get(url).content.decode()
    row = page[page.index(f'id="engagement-{Obligation.objects.get(requirement=needs[2]).pk}"'):]
    row = row[:row.index("</tr>")]
    assert 'class="late"' in row
    assert "KO en recette" in row
    assert "1 cas OK sur 2" in row
    assert "date promise dépassée, aucun cas de test" in page  # needs[0]
    # Once the PV is validated, a need whose cases all passed is « recetté ».
    _run(project, lead, "Non-régression", {"MAN-002": "ok"})
    _validate_pv(project)
    page = client_for(lead).get(url).content.decode()
    assert "recetté" in page
    assert "KO en recette" not in page
