"""Pure rules of the market study: duplicates, decisions, kept count, coverage table."""

from __future__ import annotations

import pytest

from projects.method import MODULES
from vendors.choices import AssessmentDecision, Coverage
from vendors.market.rules import (
    MAX_KEPT,
    VendorCoverage,
    coverage_error,
    coverage_table,
    decision_error,
    kept_count_warning,
    vendor_key,
)

D = AssessmentDecision


@pytest.mark.parametrize(("name", "product"), [
    ("Solutions Confluence Santé", "Confluence MSP"),
    ("SOLUTIONS CONFLUENCE SANTE", "confluence msp"),
    ("  Solutions   Confluence-Santé SAS ", "Confluence  MSP."),
    ("solutions confluence sante sarl", "Confluence, MSP"),
])
def test_vendor_key_ignores_case_accents_punctuation_spacing_and_legal_form(
    name: str, product: str
) -> None:
    assert vendor_key(name, product) == "solutions confluence sante|confluence msp"


def test_vendor_key_keeps_products_of_one_vendor_apart() -> None:
    assert vendor_key("Lisseron", "Coordination") != vendor_key("Lisseron", "Officine")
    assert vendor_key("Cœur Santé", "Agenda") == vendor_key("coeur sante", "AGENDA")
    # The separator keeps « A B | C » and « A | B C » distinct.
    assert vendor_key("Horizon Vert", "Doc") != vendor_key("Horizon", "Vert Doc")


@pytest.mark.parametrize("decision", [D.UNDER_STUDY, D.KEPT])
def test_keeping_or_studying_needs_no_reason(decision: str) -> None:
    assert decision_error(decision, "") is None


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_eliminating_needs_a_reason(reason: str) -> None:
    assert decision_error(D.ELIMINATED, reason) == (
        "Indiquez le motif pour lequel cet éditeur est écarté.")


def test_eliminating_with_a_reason_is_accepted() -> None:
    assert decision_error(D.ELIMINATED, "Pas de label e-santé") is None


def test_unknown_decision_is_refused() -> None:
    assert "Décision inconnue" in decision_error("chosen", "")


def test_coverage_refuses_unknown_modules_and_contradictions() -> None:
    assert coverage_error(["synthesis"], ["billing"]) is None
    assert coverage_error(["synthesis", "crypto_mining"], []) == (
        "Module fonctionnel inconnu : « crypto_mining ».")
    assert coverage_error(["billing"], ["billing"]) == (
        "« Facturation adaptée aux nouveaux modes de rémunération » ne peut pas être à la "
        "fois couvert et non couvert.")


@pytest.mark.parametrize("kept", [0, 1, 3, MAX_KEPT])
def test_no_warning_up_to_five_kept(kept: int) -> None:
    assert kept_count_warning(kept) is None


@pytest.mark.parametrize("kept", [MAX_KEPT + 1, 9])
def test_warning_above_five_kept(kept: int) -> None:
    warning = kept_count_warning(kept)
    assert warning is not None
    assert f"{kept} éditeurs sont retenus" in warning
    assert "5 au plus" in warning


def _vendor(key: int, label: str, decision: str, covered: set[str] = frozenset(),
            missing: set[str] = frozenset()) -> VendorCoverage:
    return VendorCoverage(key=key, label=label, decision=decision,
                          covered=frozenset(covered), missing=frozenset(missing))


def test_coverage_table_orders_kept_first_and_scope_modules_first() -> None:
    table = coverage_table(MODULES, [
        _vendor(1, "Zèbre", D.ELIMINATED, {"synthesis"}, {"billing", "shared_agenda"}),
        _vendor(2, "Bêta", D.UNDER_STUDY, {"billing"}),
        _vendor(3, "alpha", D.KEPT, {"synthesis", "billing"}, {"telemedicine"}),
        _vendor(4, "Éta", D.KEPT),
    ], in_scope=["billing", "shared_agenda"])
    # « Éta » sorts as « eta »: an accent or a capital does not send it to the end.
    assert [c.label for c in table.columns] == ["alpha", "Éta", "Bêta", "Zèbre"]
    assert [r.module.code for r in table.rows[:2]] == ["shared_agenda", "billing"]
    assert [r.is_in_scope for r in table.rows[:3]] == [True, True, False]
    assert len(table.rows) == len(MODULES)
    billing = table.rows[1]
    assert billing.cells == (Coverage.COVERED, Coverage.UNKNOWN, Coverage.COVERED,
                             Coverage.NOT_COVERED)
    assert billing.covered_count == 2
    assert billing.labelled_cells[3] == ("not_covered", "Non couvert")
    assert table.covered_totals == (2, 0, 1, 1)
    # Zèbre misses both modules in scope; alpha misses only an out-of-scope one.
    assert table.scope_gaps == (0, 0, 0, 2)


def test_coverage_table_without_vendors_still_lists_the_modules() -> None:
    table = coverage_table(MODULES, [])
    assert table.columns == ()
    assert [r.cells for r in table.rows] == [()] * len(MODULES)
