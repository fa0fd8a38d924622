"""Risk register services: numbering, proposals, re-evaluations kept, actions as tasks."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from msp_si.common.errors import DomainError
from projects.choices import RiskNature, RiskStatus, Role
from projects.models import Project, Risk, RiskAssessment, Task
from projects.risks import services

pytestmark = pytest.mark.django_db


def _risk(project: Project, by: Any, **changes: Any) -> Risk:
    values = {"title": "Retard de livraison des postes", "nature": RiskNature.TECHNICAL,
              "probability": 2, "impact": 3, **changes}
    return services.risk_create(project=project, by=by, **values)


def test_risks_are_numbered_and_a_double_submission_is_refused(project: Project,
                                                               lead: Any) -> None:
    first = _risk(project, lead)
    second = _risk(project, lead, title="Coupure du réseau")
    assert (first.number, second.number) == (1, 2)
    assert first.assessments.count() == 1
    with pytest.raises(DomainError, match="déjà ce risque"):
        _risk(project, lead)
    assert Risk.objects.filter(project=project).count() == 2


@pytest.mark.parametrize(("probability", "impact"), [(0, 2), (2, 5)])
def test_a_rating_outside_1_to_4_changes_nothing(project: Project, lead: Any,
                                                 probability: int, impact: int) -> None:
    risk = _risk(project, lead)
    with pytest.raises(DomainError, match="de 1 à 4"):
        services.risk_assess(risk=risk, by=lead, probability=probability, impact=impact)
    risk.refresh_from_db()
    assert (risk.probability, risk.impact, risk.assessments.count()) == (2, 3, 1)


def test_every_re_evaluation_is_kept_and_the_risk_carries_the_latest(project: Project,
                                                                     lead: Any) -> None:
    today = timezone.localdate()
    risk = _risk(project, lead, on=today - timedelta(days=60))
    services.risk_assess(risk=risk, by=lead, probability=3, impact=4, comment="COPIL",
                         on=today - timedelta(days=10))
    services.risk_assess(risk=risk, by=lead, probability=1, impact=4)
    risk.refresh_from_db()
    assert (risk.criticality, risk.assessed_on) == (4, today)
    assert [a.criticality for a in risk.assessments.order_by("assessed_on")] == [6, 12, 4]
    with pytest.raises(DomainError, match="déjà enregistrée"):
        services.risk_assess(risk=risk, by=lead, probability=1, impact=4)
    with pytest.raises(DomainError, match="plus récente"):
        services.risk_assess(risk=risk, by=lead, probability=2, impact=2,
                             on=today - timedelta(days=1))
    with pytest.raises(DomainError, match="futur"):
        services.risk_assess(risk=risk, by=lead, probability=2, impact=2,
                             on=today + timedelta(days=1))


def test_a_proposal_waits_for_the_chef_and_is_not_rated_again(project: Project, lead: Any,
                                                              add_member: Any) -> None:
    amoa = add_member(project, Role.AMOA).user
    risk = _risk(project, amoa, is_proposal=True)
    assert risk.status == RiskStatus.PROPOSED
    with pytest.raises(DomainError):
        services.risk_assess(risk=risk, by=lead, probability=1, impact=1)
    services.risk_move(risk=risk, to_status=RiskStatus.OPEN)
    assert Risk.objects.get(pk=risk.pk).status == RiskStatus.OPEN
    with pytest.raises(DomainError, match="pas possible"):
        services.risk_move(risk=risk, to_status=RiskStatus.OPEN)


def test_a_preventive_action_becomes_a_calendar_task(project: Project, lead: Any) -> None:
    risk = _risk(project, lead)
    step = project.steps.get(number=3)
    due = timezone.localdate() + timedelta(days=14)
    action = services.risk_action_add(risk=risk, by=lead, description="Commander tôt",
                                      due_on=due, step=step, owner=lead)
    task = Task.objects.get(pk=action.task_id)
    assert (task.title, task.due_on, task.step_id, task.owner_id) == (
        "Commander tôt", due, step.pk, lead.pk)
    with pytest.raises(DomainError, match="déjà prévue"):
        services.risk_action_add(risk=risk, by=lead, description="Commander tôt",
                                 due_on=due, step=step)
    with pytest.raises(DomainError, match="passée"):
        services.risk_action_add(risk=risk, by=lead, description="Trop tard", step=step,
                                 due_on=timezone.localdate() - timedelta(days=1))


def test_an_owner_outside_the_team_is_refused(project: Project, lead: Any,
                                              make_user: Any) -> None:
    with pytest.raises(DomainError, match="membre"):
        _risk(project, lead, owner=make_user())
    assert not Risk.objects.exists()


def test_a_known_risk_is_accepted_or_refused_once(project: Project, lead: Any) -> None:
    accepted = services.known_risk_decide(project=project, code="availability",
                                          is_accepted=True, by=lead)
    refused = services.known_risk_decide(project=project, code="lead_loss",
                                         is_accepted=False, by=lead)
    assert (accepted.status, refused.status) == (RiskStatus.OPEN, RiskStatus.REFUSED)
    assert accepted.title == "Disponibilité insuffisante des professionnels"
    with pytest.raises(DomainError, match="déjà été accepté ou refusé"):
        services.known_risk_decide(project=project, code="availability", is_accepted=False,
                                   by=lead)
    with pytest.raises(DomainError, match="introuvable"):
        services.known_risk_decide(project=project, code="astrology", is_accepted=True,
                                   by=lead)
    assert RiskAssessment.objects.filter(risk__project=project).count() == 2
