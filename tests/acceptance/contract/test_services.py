"""The contract is recorded with the choice: service levels of step 7, the offer's gaps."""

from __future__ import annotations

import pytest

from acceptance.contract.services import contract_open
from acceptance.models import Contract, Obligation
from projects.demo import seed as demo
from requirements.expected.models import ServiceExpectations

pytestmark = pytest.mark.django_db


def test_recording_the_choice_opens_the_contract_with_its_obligations(chosen_msp) -> None:
    project, people = chosen_msp
    contract = Contract.objects.get(project=project)
    assert contract.vendor_name == project.chosen_solution
    services = ServiceExpectations.objects.get(project=project)
    assert (contract.blocking_response_hours, contract.minor_response_hours,
            contract.warranty_months) == (services.blocking_response_hours,
                                          services.minor_response_hours,
                                          services.warranty_months)
    obligations = list(Obligation.objects.filter(contract=contract))
    assert obligations, "the demo's chosen offer leaves binding needs uncovered in standard"
    assert all(o.priority in ("essential", "important") for o in obligations)
    assert all(o.answer != "Standard" for o in obligations)
    # A second call (replayed hook) changes nothing.
    again = contract_open(project=project, by=people[demo.LEAD.key])
    assert again == contract
    assert Obligation.objects.filter(contract=contract).count() == len(obligations)
