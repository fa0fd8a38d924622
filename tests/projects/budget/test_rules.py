"""Budget arithmetic: VAT, variances, overruns, totals. No database."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from projects.budget import rules
from projects.budget.rules import Amounts
from projects.choices import BudgetNature


@pytest.mark.parametrize(("ht", "rate", "ttc"), [
    (D("100.00"), D("20"), D("120.00")),
    (D("9800.00"), D("20.00"), D("11760.00")),
    (D("10.05"), D("5.5"), D("10.60")),  # 10.60275 rounded half up
    (D("0"), D("20"), D("0.00")),
])
def test_with_vat(ht: D, rate: D, ttc: D) -> None:
    assert rules.with_vat(ht, rate) == ttc


@pytest.mark.parametrize(("amounts", "variance", "overrun"), [
    (Amounts(D(1000), D(800), D(800)), D(200), False),
    (Amounts(D(1000), D(1200), D(0)), D(-200), True),   # committed above the estimate
    (Amounts(D(1000), D(500), D(600)), D(500), True),   # paid above what was committed
    (Amounts(D(1000)), D(1000), False),
])
def test_variance_and_overrun(amounts: Amounts, variance: D, overrun: bool) -> None:
    assert amounts.variance == variance
    assert amounts.is_overrun is overrun


def test_total_adds_each_column() -> None:
    result = rules.total([Amounts(D("1.10"), D(2), D(3)), Amounts(D("0.90"), D(1), D(0))])
    assert result == Amounts(D("2.00"), D(3), D(3))
    assert rules.total([]) == Amounts()


def test_every_nature_belongs_to_investment_or_operation() -> None:
    assert set(rules.GROUP_OF) == set(BudgetNature.values)
    assert rules.GROUP_OF[BudgetNature.AMOA] == rules.INVESTMENT
    assert rules.GROUP_OF[BudgetNature.SUBSCRIPTION] == rules.OPERATION


def test_amount_problems_are_said_in_french() -> None:
    assert rules.amount_problems(estimated=D(1), committed=D(-1), paid=D(0),
                                 vat_rate=D(20)) == ["Un montant ne peut pas être négatif."]
    assert rules.amount_problems(estimated=D(1), committed=D(0), paid=D(0),
                                 vat_rate=D(120))
    assert rules.amount_problems(estimated=D(1), committed=D(0), paid=D(0),
                                 vat_rate=D("5.5")) == []


@pytest.mark.parametrize(("amounts", "is_fed", "flagged"), [
    (Amounts(D(0), D("800"), D("800")), True, False),   # a real cost of the bilan, fed
    (Amounts(D(0), D("800"), D("800")), False, True),   # the same typed by hand: unplanned
    (Amounts(D("500"), D("800"), D(0)), True, True),    # a fed order above its estimate
    (Amounts(D("1000"), D("800"), D("800")), True, False),
])
def test_a_fed_line_without_estimate_is_judged_in_the_totals(amounts: Amounts, is_fed: bool,
                                                              flagged: bool) -> None:
    assert rules.line_is_overrun(amounts, is_fed=is_fed) is flagged
