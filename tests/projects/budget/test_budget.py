"""The budget: lines entered by hand, lines fed by the apps' data, the page and the home."""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest
from django.urls import reverse

from msp_si.common.errors import DomainError
from projects.budget import services
from projects.budget.selectors import budget_view
from projects.choices import AmoaDecision, BudgetNature, FundingKind, Role
from projects.models import BudgetLine, Project, TeamCharter
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _line(project: Project, by: Any, **changes: Any) -> BudgetLine:
    values = {"nature": BudgetNature.HARDWARE, "label": "Postes de l'accueil",
              "estimated": D("3000.00"), "committed": D("3400.00"), "paid": D("0")}
    return services.budget_line_create(project=project, by=by, **{**values, **changes})


def test_variance_per_line_and_total_and_the_overrun_is_flagged(project: Project,
                                                                lead: Any) -> None:
    _line(project, lead)
    _line(project, lead, nature=BudgetNature.SUBSCRIPTION, label="Abonnement",
          estimated=D("1200"), committed=D("1000"), paid=D("500"))
    view = budget_view(project=project)
    investment, operation = view.groups
    assert investment.total.variance == D("-400.00")
    assert operation.total.variance == D("200")
    assert view.total.variance == D("-200.00")
    assert view.overruns == 1
    assert investment.lines[0].estimated_ttc == D("3600.00")


def test_the_amoa_cost_of_step_2_feeds_the_budget(project: Project, lead: Any) -> None:
    assert budget_view(project=project).total.estimated == 0
    TeamCharter.objects.filter(project=project).update(
        amoa_decision=AmoaDecision.YES, amoa_cost_estimate=D("9800.00"),
        amoa_provider="Cabinet fictif")
    view = budget_view(project=project)
    fed = [line for group in view.groups for line in group.lines if line.is_fed]
    assert [(f.nature, f.amounts.estimated) for f in fed] == [(BudgetNature.AMOA,
                                                                D("9800.00"))]
    assert "Cabinet fictif" in str(fed[0].label)


def test_bad_amounts_and_double_submissions_change_nothing(project: Project,
                                                           lead: Any) -> None:
    _line(project, lead)
    with pytest.raises(DomainError, match="existe déjà"):
        _line(project, lead)
    with pytest.raises(DomainError, match="négatif"):
        _line(project, lead, label="Autre", paid=D("-1"))
    services.funding_create(project=project, by=lead, kind=FundingKind.OWN_FUNDS,
                            label="Apport", requested=D(100))
    with pytest.raises(DomainError, match="existe déjà"):
        services.funding_create(project=project, by=lead, kind=FundingKind.OWN_FUNDS,
                                label="apport", requested=D(100))
    assert BudgetLine.objects.filter(project=project).count() == 1


def test_the_chef_enters_a_line_and_sees_the_variance(project: Project, lead: Any,
                                                      client_for: Any) -> None:
    client = client_for(lead)
    response = client.post(reverse("projects:budget-line-create", args=[project.pk]), {
        "nature": BudgetNature.TRAINING, "label": "Formation des secrétaires",
        "estimated": "1 500,00", "committed": "1 800", "paid": "0", "vat_rate": "20"},
        follow=True)
    content = plain(response.content.decode())
    assert "La ligne de budget est enregistrée." in content
    assert "−300,00 €" in content or "-300,00 €" in content
    assert "dépassement" in content
    home = plain(client.get(reverse("projects:project-home", args=[project.pk])).content.decode())
    assert "1 500,00 €" in home


def test_a_member_reads_the_budget_but_cannot_write(project: Project, lead: Any,
                                                    add_member: Any, client_for: Any) -> None:
    line = _line(project, lead)
    member = client_for(add_member(project, Role.MEMBER).user)
    assert member.get(reverse("projects:budget", args=[project.pk])).status_code == 200
    url = reverse("projects:budget-line-edit", args=[project.pk, line.pk])
    assert member.post(url, {"nature": "hardware", "label": "x", "estimated": "0",
                             "committed": "0", "paid": "0", "vat_rate": "20"}
                       ).status_code == 403
    assert BudgetLine.objects.get(pk=line.pk).label == "Postes de l'accueil"
