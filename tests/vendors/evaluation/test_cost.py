"""Pure rules of the total cost over the horizon (step 11), computed by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from vendors.evaluation.cost import Assumptions, CostKind, Users, cost_total, users_in_scope

D = Decimal

# A SaaS offer: per-user subscription, set-up services, hardware to buy, short warranty.
PRICES = {
    "subscription_prescriber": (None, D(60)),   # 3 × 60 × 12 = 2 160 € a year
    "subscription_other": (D(99), D(25)),       # 6 × 25 × 12 = 1 800 € a year (99 ignored)
    "installation": (D(1), D(1500)),
    "configuration": (None, D(2000)),           # empty quantity = 1
    "data_migration": (D(1), D(1200)),
    "training_day": (D(4), D(650)),             # 4 × 650 = 2 600
    "hardware": (D(1), D(3000)),
    "maintenance_year": (D(1), D(1800)),
    "new_professional": (None, D(400)),
    "full_reversibility": (D(1), D(900)),
}
USERS = Users(prescribers=3, others=6)


def test_three_year_total_with_hidden_and_complementary_costs() -> None:
    # Year 1: set-up 1 500 + 2 000 + 1 200 + 2 600 = 7 300; subscriptions 2 160 + 1 800
    #   = 3 960; maintenance (6-month warranty: paid from year 1) 1 800; hardware 3 000;
    #   specific development 2 500; one new professional 400 → 18 960.
    # Year 2: 3 960 + 1 800 + 400 = 6 160.
    # Year 3: 6 160 + full reversibility 900 = 7 060.
    # Total: 18 960 + 6 160 + 7 060 = 32 180.
    result = cost_total(PRICES, USERS, Assumptions(years=3, new_professionals_per_year=1),
                        warranty_months=6, specific_developments={"COO-011": D(2500)})
    assert result.per_year == (D(18960), D(6160), D(7060))
    assert result.total == D(32180)
    hidden = [line for line in result.lines if line.kind == CostKind.HIDDEN]
    # Hidden: maintenance 1 800 × 3 + hardware 3 000 + development 2 500 = 10 900.
    assert sum(line.total for line in hidden) == D(10900)
    assert {line.key for line in hidden} == {"maintenance_year", "hardware",
                                             "specific_developments"}
    assert result.unpriced == ()


def test_a_one_year_warranty_makes_year_one_maintenance_free() -> None:
    # Same offer, 12-month warranty: maintenance only in years 2 and 3 → 32 180 − 1 800.
    result = cost_total(PRICES, USERS, Assumptions(years=3), warranty_months=12,
                        specific_developments={"COO-011": D(2500)})
    maintenance = next(line for line in result.lines if line.key == "maintenance_year")
    assert maintenance.per_year == (D(0), D(1800), D(1800))
    assert maintenance.kind == CostKind.RECURRING
    assert result.total == D(30380)


def test_a_longer_horizon_and_more_complementary_services() -> None:
    # 5 years, 2 arrivals a year (800), 1 training day (no price: unpriced), 2 config days
    # at 500 (1 000 a year). Subscriptions 3 960 × 5 = 19 800; maintenance 1 800 × 5 = 9 000
    # (no warranty given); set-up 7 300; hardware 3 000; arrivals 800 × 5 = 4 000;
    # configuration days 1 000 × 5 = 5 000; reversibility 900 in year 5.
    # Total: 19 800 + 9 000 + 7 300 + 3 000 + 4 000 + 5 000 + 900 = 49 000.
    prices = dict(PRICES, new_configuration_day=(None, D(500)))
    result = cost_total(prices, USERS, Assumptions(
        years=5, new_professionals_per_year=2, extra_training_days_per_year=D(1),
        new_configuration_days_per_year=D(2)))
    assert result.total == D(49000)
    assert result.per_year[4] == D(3960 + 1800 + 800 + 1000 + 900)
    assert result.unpriced == ("extra_training_day",)


def test_each_line_is_rounded_to_the_cent_half_up() -> None:
    # 1 prescriber × 19.999 × 12 = 239.988 → 239.99 a year; × 3 = 719.97.
    result = cost_total({"subscription_prescriber": (None, D("19.999"))},
                        Users(prescribers=1, others=0),
                        Assumptions(years=3, new_professionals_per_year=0,
                                    include_full_reversibility=False))
    assert result.per_year == (D("239.99"),) * 3
    assert result.total == D("719.97")


def test_the_horizon_is_at_least_three_years() -> None:
    with pytest.raises(ValueError, match="three"):
        cost_total(PRICES, USERS, Assumptions(years=2))


def test_users_in_scope_split_prescribers_from_others() -> None:
    # Prescribers: 3 GPs + 1 midwife = 4; others: 4 nurses; secretaries out of scope.
    users = users_in_scope([("gp", 3, True), ("midwife", 1, True), ("nurse", 4, True),
                            ("secretary", 2, False)])
    assert users == Users(prescribers=4, others=4)
