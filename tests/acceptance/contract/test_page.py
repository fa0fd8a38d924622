"""The contract page: dates and service levels, obligations and their state, the warranty
started by the PV de recette, the vendor's link managed by the chef de projet."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse

from acceptance.choices import AcceptanceDocument
from acceptance.contract import selectors
from acceptance.models import Contract, Obligation
from projects.choices import DocumentStatus, Role, ValidationDecision
from projects.models import Document, StepValidation
from requirements.models import Requirement
from requirements.needs.services import grid_initialise
from tests.typography import plain

from ..anomalies.helpers import contract_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def contracted(project, add_member):
    grid_initialise(project=project)
    contract = contract_make(project, signed_on=date(2026, 10, 1), duration_months=36)
    needs = list(Requirement.objects.filter(project=project).order_by("pk")[:3])
    for position, need in enumerate(needs):
        Obligation.objects.create(project=project, contract=contract, requirement=need,
                                  code=need.code, need_text=need.text, priority="essential",
                                  answer="Développement spécifique", position=position,
                                  promised_on=date(2026, 11, 1) + timedelta(days=20 * position))
    amoa = add_member(project, Role.AMOA).user
    return project, contract, needs, amoa


def _validate_pv(project, held_on):
    step = project.steps.get(number=14)
    pv = Document.objects.create(project=project, kind=AcceptanceDocument.RECETTE_PV,
                                 version=1, requested_by=project.created_by,
                                 status=DocumentStatus.DONE)
    return StepValidation.objects.create(step=step, held_on=held_on, document=pv,
                                         decision=ValidationDecision.APPROVED,
                                         recorded_by=project.created_by)


def test_warranty_starts_with_the_approved_pv_de_recette(contracted):
    project, contract, _needs, _amoa = contracted
    assert selectors.warranty_start(project=project) is None
    step = project.steps.get(number=14)
    # A rejected validation or one without the PV does not start it.
    StepValidation.objects.create(step=step, held_on=date(2026, 12, 1),
                                  decision=ValidationDecision.REJECTED,
                                  recorded_by=project.created_by)
    assert selectors.warranty_start(project=project) is None
    _validate_pv(project, date(2027, 1, 31))
    assert selectors.warranty_start(project=project) == date(2027, 1, 31)
    dates = selectors.contract_dates(contract=contract, started_on=date(2027, 1, 31))
    assert (dates.warranty_ends_on, dates.reactivity_ends_on, dates.ends_on) == (
        date(2028, 1, 31), date(2027, 3, 31), date(2029, 10, 1))


def test_the_page_shows_figures_obligations_and_warranty(contracted, client_for):
    project, _contract, _needs, _amoa = contracted
    _validate_pv(project, date(2027, 1, 1))
    page = plain(client_for(project.created_by).get(
        reverse("acceptance:contract", args=[project.pk])).content.decode())
    assert "1er janvier 2027 (validation du procès-verbal de recette)" in page
    assert "jusqu'au 1er mars 2027" in page  # two months of heightened responsiveness
    assert "4 heures" in page
    assert "de 9 h à 18 h" in page
    assert "date promise dépassée, aucun cas de test" in page


def test_the_amoa_edits_the_contract_and_an_obligation(contracted, client_for):
    project, contract, _needs, amoa = contracted
    client = client_for(amoa)
    url = reverse("acceptance:contract", args=[project.pk])
    values = {"signed_on": "2026-10-05", "duration_months": "48", "warranty_months": "12",
              "reactivity_months": "2", "blocking_response_hours": "2",
              "major_response_hours": "8", "minor_response_hours": "24",
              "support_start_hour": "8", "support_end_hour": "19",
              "support_days": "weekdays_sat", "availability_percent": "99.5"}
    assert client.post(url, values).status_code == 302
    contract.refresh_from_db()
    assert (contract.blocking_response_hours, contract.support_days) == (2, "weekdays_sat")
    bad = {**values, "support_start_hour": "19", "support_end_hour": "8"}
    response = client.post(url, bad)
    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.support_start_hour == 8
    obligation = contract.obligations.first()
    client.post(reverse("acceptance:obligation-edit", args=[project.pk, obligation.pk]),
                {f"o{obligation.pk}-promised_on": "2027-02-01",
                 f"o{obligation.pk}-promised_cost": "1250.50",
                 f"o{obligation.pk}-note": "Confirmé en réunion de lancement"})
    obligation.refresh_from_db()
    assert (obligation.promised_on, str(obligation.promised_cost), obligation.note) == (
        date(2027, 2, 1), "1250.50", "Confirmé en réunion de lancement")
    client.post(reverse("acceptance:obligation-edit", args=[project.pk, obligation.pk]),
                {f"o{obligation.pk}-promised_cost": "-3"})
    obligation.refresh_from_db()
    assert str(obligation.promised_cost) == "1250.50"


def test_the_chef_issues_and_revokes_the_link_only_its_hash_is_kept(contracted, client_for):
    project, contract, _needs, _amoa = contracted
    client = client_for(project.created_by)
    response = client.post(reverse("acceptance:vendor-link", args=[project.pk]))
    url = response.context["url"]
    token = url.rstrip("/").rsplit("/", 1)[1]
    contract.refresh_from_db()
    assert contract.token_hash
    assert token not in contract.token_hash
    assert response["Cache-Control"] == "no-store"
    assert client.get(url).status_code == 200
    client.post(reverse("acceptance:vendor-link-revoke", args=[project.pk]))
    assert client.get(url).status_code == 404
    assert Contract.objects.get(pk=contract.pk).token_hash == ""
