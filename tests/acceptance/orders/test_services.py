"""Step 18 services on the phase-4 demo MSP: pricing, the « foreseen » check, the life of an
order, and the bon de commande read back from its PDF."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

import pytest

from acceptance.choices import AcceptanceDocument, OrderKind, OrderStatus
from acceptance.contract.models import Contract
from acceptance.orders import rules, services
from acceptance.orders.models import PurchaseOrder
from msp_si.common.errors import DomainError
from msp_si.common.formats import euros
from projects.choices import DocumentStatus
from projects.demo import seed as demo
from projects.documents.services import document_generate_now
from requirements.expected.services import service_expectations_save
from tests.typography import document_pdf_text
from vendors.decision.selectors import chosen_offer

CENT = Decimal("0.01")

pytestmark = pytest.mark.django_db


def _sheet(project) -> dict[str, Decimal]:
    offer = chosen_offer(project=project)
    assert offer is not None
    return rules.sheet_prices(offer.prices)


def _draft(project, by, kind=OrderKind.NEWCOMER, title="Arrivée du Dr Lemoine"):
    return services.order_create(
        project=project, by=by, kind=kind, title=title,
        scope="Reprise des dossiers du cabinet du Dr Lemoine et paramétrage de son agenda.",
        concerned="Médecin généraliste (Dr Lemoine, fictif)", schedule="Janvier 2027",
        latest_on=date(2027, 1, 31), opportunity="Patientèle de 900 dossiers.")


def test_lines_are_priced_from_the_chosen_vendors_sheet(chosen_msp) -> None:
    project, people = chosen_msp
    lead = people[demo.LEAD.key]
    order = _draft(project, people[demo.AMOA.key])
    assert order.reference == "BC-001"
    assert order.status == OrderStatus.DRAFT
    assert not order.is_not_foreseen
    newcomer = services.order_line_add(order=order, price_key="new_professional",
                                       quantity=Decimal(1))
    training = services.order_line_add(order=order, price_key="extra_training_day",
                                       quantity=Decimal("1.5"))
    # The demo sheet does not price « Nouveau paramétrage »: the quote's price is typed in.
    quoted = services.order_line_add(order=order, price_key="new_configuration_day",
                                     quantity=Decimal(2), unit_price=Decimal("780.00"))
    sheet = _sheet(project)
    assert (newcomer.unit_price, newcomer.is_quoted) == (sheet["new_professional"], False)
    assert training.total == (Decimal("1.5") * sheet["extra_training_day"]).quantize(
        CENT, rounding=ROUND_HALF_UP)
    assert quoted.is_quoted
    assert quoted.total == Decimal("1560.00")
    with pytest.raises(DomainError, match="fixé par la grille"):
        services.order_line_add(order=order, price_key="new_professional",
                                quantity=Decimal(1), unit_price=Decimal(10))
    with pytest.raises(DomainError, match="ne chiffre pas"):
        services.order_line_add(order=order, price_key="partial_reversibility",
                                quantity=Decimal(1))
    assert order.lines.count() == 3
    services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead, can_sign=True)
    with pytest.raises(DomainError, match="plus un brouillon"):
        services.order_line_add(order=order, price_key="new_professional", quantity=Decimal(1))


def test_the_amoa_prepares_but_only_the_chef_signs(chosen_msp) -> None:
    project, people = chosen_msp
    amoa, lead = people[demo.AMOA.key], people[demo.LEAD.key]
    order = _draft(project, amoa)
    with pytest.raises(DomainError, match="au moins une ligne"):
        services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead,
                                  can_sign=True)
    services.order_line_add(order=order, price_key="new_professional", quantity=Decimal(1))
    with pytest.raises(DomainError, match="Seul le chef de projet"):
        services.order_transition(order=order, target=OrderStatus.APPROVED, by=amoa,
                                  can_sign=False)
    for target in (OrderStatus.APPROVED, OrderStatus.SENT):
        services.order_transition(order=order, target=target, by=lead, can_sign=True)
    # Recording the delivery is a fact the AMOA may note; checking it is the chef's.
    services.order_transition(order=order, target=OrderStatus.DELIVERED, by=amoa,
                              can_sign=False)
    with pytest.raises(DomainError, match="Seul le chef de projet"):
        services.order_transition(order=order, target=OrderStatus.CHECKED, by=amoa,
                                  can_sign=False)
    services.order_transition(order=order, target=OrderStatus.CHECKED, by=lead, can_sign=True)
    services.order_transition(order=order, target=OrderStatus.INVOICED, by=amoa,
                              can_sign=False)
    with pytest.raises(DomainError, match="pas possible"):
        services.order_transition(order=order, target=OrderStatus.CANCELLED, by=lead,
                                  can_sign=True)
    order.refresh_from_db()
    assert order.status == OrderStatus.INVOICED
    assert order.approved_by == lead
    assert order.history.count() == 6  # created, then five moves


def test_numbers_are_never_reused_and_a_double_submission_is_refused(chosen_msp) -> None:
    project, people = chosen_msp
    lead = people[demo.LEAD.key]
    first = _draft(project, lead)
    with pytest.raises(DomainError, match="identique"):
        _draft(project, lead)
    services.order_transition(order=first, target=OrderStatus.CANCELLED, by=lead,
                              can_sign=True)
    second = _draft(project, lead)
    assert (first.number, second.number) == (1, 2)


def test_a_service_step_7_did_not_list_needs_a_reason(chosen_msp) -> None:
    project, people = chosen_msp
    lead = people[demo.LEAD.key]
    service_expectations_save(project=project, values={
        "complementary_services": "Formation des nouveaux arrivants uniquement."})
    order = _draft(project, lead, kind=OrderKind.MODULE, title="Interface laboratoire")
    assert order.is_not_foreseen
    services.order_line_add(order=order, price_key="new_configuration_day",
                            quantity=Decimal(1), unit_price=Decimal(700))
    with pytest.raises(DomainError, match="justification"):
        services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead,
                                  can_sign=True)
    services.order_justify(order=order, reason="Le laboratoire impose son interface.")
    services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead, can_sign=True)


def test_no_order_once_the_commitment_period_is_over(chosen_msp) -> None:
    project, people = chosen_msp
    Contract.objects.filter(project=project).update(signed_on=date(2020, 1, 15))
    with pytest.raises(DomainError, match="terminée depuis le 15\u00a0janvier 2025"):
        _draft(project, people[demo.LEAD.key])
    assert not PurchaseOrder.objects.filter(project=project).exists()


def pdf_text(document) -> str:
    return document_pdf_text(document, flat=True)


def test_the_bon_de_commande_pdf_carries_parties_lines_and_amounts(chosen_msp) -> None:
    project, people = chosen_msp
    lead = people[demo.LEAD.key]
    order = _draft(project, lead)
    services.order_line_add(order=order, price_key="new_professional", quantity=Decimal(1))
    services.order_line_add(order=order, price_key="extra_training_day",
                            quantity=Decimal("1.5"))
    with pytest.raises(DomainError, match="une fois la commande approuvée"):
        services.order_document_request(order=order, by=lead)
    services.order_transition(order=order, target=OrderStatus.APPROVED, by=lead, can_sign=True)

    document = document_generate_now(project=project, kind=AcceptanceDocument.PURCHASE_ORDER,
                                     by=lead, subject=str(order.number),
                                     subject_label=order.reference)
    assert document.status == DocumentStatus.DONE, document.error
    text = pdf_text(document)
    contract = Contract.objects.get(project=project)
    assert "Bon de commande BC-001" in text
    assert project.name in text
    assert contract.vendor_name in text
    assert "Arrivée d'un professionnel (reprise et paramétrage)" in text
    sheet = _sheet(project)
    excluding = sheet["new_professional"] + (Decimal("1.5") * sheet["extra_training_day"]
                                             ).quantize(CENT, rounding=ROUND_HALF_UP)
    vat = (excluding / 5).quantize(CENT)
    for amount in (excluding, vat, excluding + vat):
        # « 1 511,25 € »; the extraction turns the (narrow) no-break spaces into spaces.
        assert " ".join(euros(amount).split()) in text
    assert "TVA à 20 %" in text
    assert "31 janvier 2027" in text
    assert "Prestation prévue au cahier des charges" in text
    assert "Claire Fontanel" in text
