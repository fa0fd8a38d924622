"""Step 18 pure rules: the « foreseen » check, prices, amounts, the status table."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from acceptance.orders import rules

STEP7 = ("Reprise des données d'un nouveau professionnel, sessions de formation "
         "complémentaires, nouveaux PARAMÉTRAGES (protocoles).")


@pytest.mark.parametrize(("kind", "status"), [
    ("newcomer", rules.FORESEEN), ("training", rules.FORESEEN), ("settings", rules.FORESEEN),
    ("module", rules.NOT_FORESEEN), ("partial_reversibility", rules.NOT_FORESEEN),
])
def test_a_kind_is_foreseen_when_step_7_names_it(kind: str, status: str) -> None:
    check = rules.foreseen_check(kind=kind, complementary_text=STEP7,
                                 partial_reversibility_text="", today=date(2027, 3, 1),
                                 commitment_ends_on=date(2031, 11, 23))
    assert check.status == status
    assert not check.is_refused


def test_partial_reversibility_is_foreseen_by_its_own_paragraph() -> None:
    check = rules.foreseen_check(kind="partial_reversibility", complementary_text="",
                                 partial_reversibility_text="Extraction au forfait.",
                                 commitment_ends_on=None, today=date(2027, 3, 1))
    assert check.status == rules.FORESEEN


def test_an_order_after_the_commitment_period_is_refused() -> None:
    check = rules.foreseen_check(kind="newcomer", complementary_text=STEP7,
                                 partial_reversibility_text="", today=date(2031, 11, 24),
                                 commitment_ends_on=date(2031, 11, 23))
    assert check.is_refused
    assert "23\u00a0novembre 2031" in check.message


def test_the_last_day_of_the_commitment_still_allows_an_order() -> None:
    check = rules.foreseen_check(kind="newcomer", complementary_text=STEP7,
                                 partial_reversibility_text="", today=date(2031, 11, 23),
                                 commitment_ends_on=date(2031, 11, 23))
    assert check.status == rules.FORESEEN


def test_add_years_keeps_the_day_and_handles_29_february() -> None:
    assert rules.add_years(date(2026, 11, 23), 5) == date(2031, 11, 23)
    assert rules.add_years(date(2028, 2, 29), 1) == date(2029, 2, 28)


@pytest.mark.parametrize(("current", "target", "allowed"), [
    ("draft", "approved", True), ("draft", "sent", False), ("approved", "sent", True),
    ("sent", "delivered", True), ("delivered", "checked", True), ("checked", "invoiced", True),
    ("invoiced", "cancelled", False), ("sent", "cancelled", False), ("approved", "cancelled", True),
    ("cancelled", "draft", False),
])
def test_the_status_table(current: str, target: str, allowed: bool) -> None:
    assert (rules.move_error(current=current, target=target) is None) is allowed


def test_sheet_prices_parse_strings_and_skip_blanks() -> None:
    prices = rules.sheet_prices([
        {"key": "new_professional", "unit_price": "250"},
        {"key": "extra_training_day", "unit_price": "950,50"},
        {"key": "partial_reversibility", "unit_price": ""},
        {"key": "full_reversibility", "unit_price": "n/a"},
    ])
    assert prices == {"new_professional": Decimal(250), "extra_training_day": Decimal("950.50")}


def test_the_sheet_price_binds_and_a_blank_line_needs_the_quote() -> None:
    assert rules.line_price(sheet_price=Decimal(250), entered_price=None) == (Decimal(250), False)
    assert isinstance(rules.line_price(sheet_price=Decimal(250), entered_price=Decimal(200)), str)
    assert isinstance(rules.line_price(sheet_price=None, entered_price=None), str)
    assert rules.line_price(sheet_price=None, entered_price=Decimal(600)) == (Decimal(600), True)


def test_amounts_round_each_line_then_compute_vat_on_the_total() -> None:
    totals = [rules.line_total(quantity=Decimal("1.5"), unit_price=Decimal("333.33")),
              rules.line_total(quantity=Decimal(2), unit_price=Decimal("950.00"))]
    assert totals == [Decimal("500.00"), Decimal("1900.00")]  # 499.995 → 500.00
    amounts = rules.order_amounts(line_totals=totals, vat_percent=Decimal("20.00"))
    assert amounts == rules.Amounts(Decimal("2400.00"), Decimal("480.00"), Decimal("2880.00"))
    odd = rules.order_amounts(line_totals=[Decimal("0.05")], vat_percent=Decimal("5.50"))
    assert odd.vat == Decimal("0.00")  # 0.00275 rounds down
    assert rules.order_amounts(line_totals=[Decimal("0.10")],
                               vat_percent=Decimal("5.5")).vat == Decimal("0.01")


def test_the_reference_is_zero_padded() -> None:
    assert rules.order_reference(7) == "BC-007"
    assert rules.order_reference(1234) == "BC-1234"
