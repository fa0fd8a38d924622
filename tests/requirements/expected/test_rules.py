"""Pure rules of step 7: default wording for every family, service level ranges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from requirements.expected.rules import DEFAULT_TEXTS, HOSTING_OPTIONS, sla_problems
from requirements.models import ServiceExpectations

VALID = {"availability_percent": Decimal("99.5"), "blocking_response_hours": 4,
         "minor_response_hours": 48, "warranty_months": 12, "support_start_hour": 8,
         "support_end_hour": 19, "commitment_years": 5}


def test_every_text_family_has_a_default() -> None:
    text_fields = {f.name for f in ServiceExpectations._meta.get_fields()
                   if f.get_internal_type() == "TextField"}
    assert set(DEFAULT_TEXTS) == text_fields
    assert all(len(str(text)) > 80 for text in DEFAULT_TEXTS.values())


def test_default_service_levels_are_valid() -> None:
    defaults = {name: ServiceExpectations._meta.get_field(name).default for name in VALID}
    assert sla_problems(defaults) == {}


@pytest.mark.parametrize(("changes", "field"), [
    ({"availability_percent": Decimal("100.01")}, "availability_percent"),
    ({"availability_percent": Decimal("89.99")}, "availability_percent"),
    ({"blocking_response_hours": 73}, "blocking_response_hours"),
    ({"minor_response_hours": 2}, "minor_response_hours"),
    ({"warranty_months": 61}, "warranty_months"),
    ({"support_end_hour": 8}, "support_end_hour"),
    ({"support_start_hour": 24}, "support_start_hour"),
    ({"commitment_years": 0}, "commitment_years"),
    ({"warranty_months": None}, "warranty_months"),
])
def test_out_of_range_levels(changes: dict, field: str) -> None:
    assert list(sla_problems({**VALID, **changes})) == [field]


def test_bounds_are_included() -> None:
    assert sla_problems({**VALID, "availability_percent": Decimal(100),
                         "warranty_months": 0, "support_start_hour": 0,
                         "support_end_hour": 24}) == {}


def test_hosting_comparison_has_both_options_with_pros_and_cons() -> None:
    assert [o.key for o in HOSTING_OPTIONS] == ["certified_host", "on_premises"]
    assert all(o.advantages and o.drawbacks for o in HOSTING_OPTIONS)
