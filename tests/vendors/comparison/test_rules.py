"""Pure rules of the answers comparison: gaps, uncovered needs, totals, excerpts."""

from __future__ import annotations

from decimal import Decimal

from vendors.comparison.rules import (
    answer_totals,
    cell_from,
    cells_by_code,
    comment_excerpt,
    is_gap,
    is_uncovered,
    keep_row,
)

STANDARD, SETTING, SPECIFIC = "Standard", "Paramétrage", "Développement spécifique"
NOT_COVERED, BLANK = "Non couvert", ""


def test_answers_that_differ_make_a_gap_and_a_blank_counts_as_an_answer() -> None:
    assert not is_gap([STANDARD, STANDARD])
    assert is_gap([STANDARD, SETTING])
    assert is_gap([STANDARD, BLANK])
    assert not is_gap([BLANK, BLANK])


def test_a_single_offer_never_makes_a_gap() -> None:
    assert not is_gap([NOT_COVERED])


def test_a_need_is_uncovered_when_one_vendor_cannot_cover_it_or_did_not_answer() -> None:
    assert not is_uncovered([STANDARD, SPECIFIC, "Version ultérieure"])
    assert is_uncovered([STANDARD, NOT_COVERED])
    assert is_uncovered([STANDARD, BLANK])


def test_both_filters_must_hold_when_both_are_asked() -> None:
    gap_only = [STANDARD, SETTING]
    uncovered_same = [NOT_COVERED, NOT_COVERED]
    both = [STANDARD, NOT_COVERED]
    assert keep_row(gap_only, only_gaps=False, only_uncovered=False)
    assert keep_row(gap_only, only_gaps=True, only_uncovered=False)
    assert not keep_row(gap_only, only_gaps=True, only_uncovered=True)
    assert not keep_row(uncovered_same, only_gaps=True, only_uncovered=True)
    assert keep_row(uncovered_same, only_gaps=False, only_uncovered=True)
    assert keep_row(both, only_gaps=True, only_uncovered=True)


def test_totals_count_each_answer_per_vendor_and_priority() -> None:
    priorities = ["essential", "essential", "important", "desirable"]
    vendor_a = [STANDARD, STANDARD, NOT_COVERED, BLANK]
    vendor_b = [SPECIFIC, SETTING, STANDARD, "Réponse inventée"]
    totals = answer_totals(priorities, [vendor_a, vendor_b])
    assert totals[0]["essential"]["Standard"] == 2
    assert totals[0]["important"]["Non couvert"] == 1
    assert totals[0]["desirable"][""] == 1
    assert totals[1]["essential"]["Développement spécifique"] == 1
    assert totals[1]["essential"]["Paramétrage"] == 1
    assert totals[1]["essential"]["Standard"] == 0
    # An answer outside the cadre's list is counted as no answer, never dropped.
    assert totals[1]["desirable"][""] == 1
    assert sum(totals[1]["desirable"].values()) == 1


def test_a_missing_row_is_a_cell_without_answer() -> None:
    assert cell_from(None).label == "Sans réponse"
    assert cell_from(None).css == "missing"


def test_stored_rows_become_cells_keyed_by_code() -> None:
    cells = cells_by_code([
        {"code": "COO-001", "answer": "Développement spécifique", "delay_days": 30,
         "cost": "2500.00", "comment": "Sur devis"},
        {"code": "COO-002", "answer": "", "delay_days": None, "cost": None, "comment": ""},
    ])
    assert cells["COO-001"].label == "Spécifique"
    assert cells["COO-001"].cost == Decimal("2500.00")
    assert cells["COO-001"].delay_days == 30
    assert cells["COO-001"].has_work
    assert cells["COO-002"].label == "Sans réponse"
    assert not cells["COO-002"].has_work


def test_a_long_comment_is_cut_at_a_word_with_an_ellipsis() -> None:
    text = ("Le module de téléconsultation est fourni par un partenaire certifié, "
            "interfacé avec le dossier patient depuis la version 12.")
    excerpt = comment_excerpt(text, limit=40)
    assert excerpt == "Le module de téléconsultation est fourni…"
    assert comment_excerpt(text, limit=38) == "Le module de téléconsultation est…"
    assert comment_excerpt("Inclus", limit=40) == "Inclus"
    long_cell = cells_by_code([{"code": "X", "answer": "Solution tierce", "comment": text}])["X"]
    assert long_cell.is_shortened
    assert long_cell.comment == text
