"""Pure rules of step 11: coverage, marks, weights, score, eliminatory checks, ranking."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from msp_si.common.formats import euros
from vendors.evaluation.eliminatory import (
    Check,
    Decision,
    Eliminatory,
    OfferFacts,
    eliminatory_check,
    eliminatory_verdict,
)
from vendors.evaluation.scoring import (
    DEFAULT_WEIGHTS,
    SECONDARY_LABELS,
    Candidate,
    Criterion,
    Secondary,
    functional_coverage,
    marks_summary,
    offer_score,
    q2,
    ranking,
    sensitivity,
    weights_errors,
    weights_normalise,
)

D = Decimal
S = Secondary


def criteria(**weights: int) -> list[Criterion]:
    """Criteria ranked in the order given, with the given weights."""
    return [Criterion(code, SECONDARY_LABELS[code], rank, D(w))
            for rank, (code, w) in enumerate(weights.items(), start=1)]


# --- functional coverage --------------------------------------------------------------

def test_coverage_weighs_answers_by_priority() -> None:
    # Weights: A essential 3, B important 2, C desirable 1, D essential 3 → Σ = 9.
    # Covered: A Standard 3 × 1 = 3; B Paramétrage 2 × 0.9 = 1.8; C Non couvert 0;
    # D Développement spécifique 3 × 0.5 = 1.5 → Σ = 6.3 ; 6.3 / 9 × 100 = 70.
    result = functional_coverage(
        {"A": "Standard", "B": "Paramétrage", "C": "Non couvert",
         "D": "Développement spécifique"},
        {"A": "essential", "B": "important", "C": "desirable", "D": "essential"},
    )
    assert result is not None
    assert result.percent == D(70)
    assert result.essential_not_covered == ("D",)
    assert (result.answered, result.total, result.unanswered) == (4, 4, ())


def test_coverage_counts_an_unanswered_requirement_as_not_covered() -> None:
    # A essential Standard 3 × 1 = 3; B desirable, no answer: 1 × 0 → 3 / 4 × 100 = 75.
    result = functional_coverage({"A": "Standard"}, {"A": "essential", "B": "desirable"})
    assert result is not None
    assert result.percent == D(75)
    assert result.unanswered == ("B",)
    assert result.essential_not_covered == ()


def test_coverage_of_later_version_and_third_party() -> None:
    # A important Version ultérieure 2 × 0.4 = 0.8; B important Solution tierce 2 × 0.6 =
    # 1.2 → 2 / 4 × 100 = 50.
    result = functional_coverage({"A": "Version ultérieure", "B": "Solution tierce"},
                                 {"A": "important", "B": "important"})
    assert result is not None
    assert result.percent == D(50)


def test_no_answer_received_gives_no_figure() -> None:
    assert functional_coverage({}, {"A": "essential"}) is None
    assert functional_coverage({"A": "Standard"}, {}) is None


# --- marks ------------------------------------------------------------------------------

def test_marks_summary_mean_spread_and_divergence() -> None:
    # 2, 4, 5: mean 11 / 3 = 3.666…, out of 100: × 20 = 73.33; spread 5 − 2 = 3 ≥ 2.
    summary = marks_summary([4, 2, 5])
    assert summary is not None
    assert q2(summary.mean) == D("3.67")
    assert q2(summary.score) == D("73.33")
    assert (summary.spread, summary.is_divergent) == (3, True)
    assert summary.marks == (2, 4, 5)


def test_marks_one_point_apart_are_not_divergent() -> None:
    # 3, 4: mean 3.5 → 70 / 100; spread 1 < 2.
    summary = marks_summary([3, 4])
    assert summary is not None
    assert summary.score == D(70)
    assert summary.is_divergent is False


def test_no_mark_gives_no_summary_and_out_of_range_is_refused() -> None:
    assert marks_summary([]) is None
    with pytest.raises(ValueError, match="range"):
        marks_summary([6])


# --- weights ------------------------------------------------------------------------------

def test_default_weights_are_valid() -> None:
    assert weights_errors(criteria(**DEFAULT_WEIGHTS)) == []


def test_weights_must_sum_to_one_hundred() -> None:
    errors = weights_errors(criteria(coverage=40, services=20, implementation=15,
                                     architecture=10, financial_health=5))
    assert errors == ["Les poids des critères secondaires totalisent 90 % : leur somme "
                      "doit faire exactement 100 %."]


def test_functional_coverage_must_weigh_more_than_architecture() -> None:
    # 25 + 25 + 25 + 15 + 10 = 100, non-increasing by rank: only the method's rule fails.
    errors = weights_errors(criteria(coverage=25, services=25, architecture=25,
                                     implementation=15, financial_health=10))
    assert len(errors) == 1
    assert errors[0].startswith("La couverture fonctionnelle doit peser plus que "
                                "l'architecture technique")


def test_a_better_ranked_criterion_cannot_weigh_less() -> None:
    errors = weights_errors(criteria(coverage=40, services=10, implementation=20,
                                     architecture=15, financial_health=15))
    assert errors == ["Un critère mieux classé ne peut pas peser moins qu'un critère classé "
                      "après lui."]


def test_ranks_must_be_one_to_n_once_each() -> None:
    bad = [Criterion(S.COVERAGE, "c", 1, D(60)), Criterion(S.ARCHITECTURE, "a", 1, D(40))]
    assert weights_errors(bad) == ["Les rangs vont de 1 à 2, chacun une seule fois."]


def test_normalise_gives_leftover_hundredths_to_largest_remainders() -> None:
    # 100 / 3 = 33.333…: floors 33.33 × 3 = 99.99, one hundredth left, ties by code → a.
    assert weights_normalise({"b": D(1), "a": D(1), "c": D(1)}) == {
        "b": D("33.33"), "a": D("33.34"), "c": D("33.33")}
    # 2 : 1 → 66.666… and 33.333…: the larger remainder (0.666…) takes the hundredth.
    assert weights_normalise({"x": D(2), "y": D(1)}) == {"x": D("66.67"), "y": D("33.33")}


@given(st.lists(st.decimals(min_value=D("0.01"), max_value=D(1000), places=2),
                min_size=1, max_size=8))
def test_normalised_weights_sum_to_one_hundred(raw: list[Decimal]) -> None:
    weights = weights_normalise({f"c{i}": w for i, w in enumerate(raw)})
    assert sum(weights.values()) == D(100)
    assert all(w >= 0 for w in weights.values())


# --- weighted score -----------------------------------------------------------------------

def test_offer_score_explained_line_by_line() -> None:
    # 70 × 40 % + 80 × 20 % + 60 × 15 % + 100 × 15 % + 40 × 10 %
    # = 28 + 16 + 9 + 15 + 4 = 72.
    score = offer_score(criteria(**DEFAULT_WEIGHTS), {
        S.COVERAGE: D(70), S.SERVICES: D(80), S.IMPLEMENTATION: D(60),
        S.ARCHITECTURE: D(100), S.FINANCIAL_HEALTH: D(40)},
        explanations={S.SERVICES: "moyenne 4 / 5"})
    assert score.total == D(72)
    assert [(line.code, line.contribution) for line in score.lines] == [
        (S.COVERAGE, D(28)), (S.SERVICES, D(16)), (S.IMPLEMENTATION, D(9)),
        (S.ARCHITECTURE, D(15)), (S.FINANCIAL_HEALTH, D(4))]
    assert score.lines[1].explanation == "moyenne 4 / 5"


def test_offer_score_without_a_weighted_value_has_no_total() -> None:
    score = offer_score(criteria(coverage=60, architecture=40), {S.ARCHITECTURE: D(50)})
    assert score.total is None
    assert score.missing == (S.COVERAGE,)


def test_a_criterion_weighing_zero_does_not_need_a_value() -> None:
    # 50 × 100 % = 50; the 0 % criterion without value does not block the total.
    score = offer_score(criteria(coverage=100, architecture=0), {S.COVERAGE: D(50)})
    assert score.total == D(50)


# --- eliminatory criteria -------------------------------------------------------------

def facts(**overrides: object) -> OfferFacts:
    values: dict[str, object] = {"has_label": True, "is_dmp_compatible": True,
                                 "is_hds_certified": True, "coverage": None,
                                 "total_cost": None}
    values.update(overrides)
    return OfferFacts(**values)  # type: ignore[arg-type]


def test_catalogue_facts_are_checked_automatically() -> None:
    result = eliminatory_check(Eliminatory.LABEL, "Label", facts(has_label=False),
                               budget_ceiling=None, decision=Decision(True, "ignorée"))
    assert (result.outcome, result.is_automatic) == (Check.FAILED, True)
    assert result.reason == "Produit sans label e-santé."
    hds = eliminatory_check(Eliminatory.HDS, "HDS", facts(), budget_ceiling=None,
                            decision=None)
    assert hds.outcome == Check.PASSED


def test_essential_coverage_from_the_answers() -> None:
    coverage = functional_coverage({"A": "Standard", "B": "Version ultérieure"},
                                   {"A": "essential", "B": "essential"})
    result = eliminatory_check(Eliminatory.ESSENTIAL_COVERAGE, "Indispensables",
                               facts(coverage=coverage), budget_ceiling=None, decision=None)
    assert result.outcome == Check.FAILED
    assert result.reason.endswith(": B.")


def test_without_data_a_recorded_decision_settles_it() -> None:
    pending = eliminatory_check(Eliminatory.ESSENTIAL_COVERAGE, "Indispensables", facts(),
                                budget_ceiling=None, decision=None)
    assert (pending.outcome, pending.is_automatic) == (Check.PENDING, False)
    decided = eliminatory_check(Eliminatory.CUSTOM, "Références en MSP", facts(),
                                budget_ceiling=None,
                                decision=Decision(False, "Aucune MSP équipée en région."))
    assert (decided.outcome, decided.reason) == (Check.FAILED,
                                                 "Aucune MSP équipée en région.")


def test_budget_ceiling_over_the_horizon() -> None:
    over = eliminatory_check(Eliminatory.BUDGET, "Budget", facts(total_cost=D("32180")),
                             budget_ceiling=D("30000"), decision=None)
    assert over.outcome == Check.FAILED
    assert over.reason == ("Coût total de 32\u202f180,00\u00a0€ au-delà du plafond de "
                           "30\u202f000,00\u00a0€.")
    within = eliminatory_check(Eliminatory.BUDGET, "Budget", facts(total_cost=D("30000")),
                               budget_ceiling=D("30000"), decision=None)
    assert within.outcome == Check.PASSED
    no_ceiling = eliminatory_check(Eliminatory.BUDGET, "Budget", facts(total_cost=D(1)),
                                   budget_ceiling=None, decision=None)
    assert no_ceiling.outcome == Check.PENDING


@pytest.mark.parametrize(("amount", "text"), [
    (D("0"), "0,00\u00a0€"), (D("999.995"), "1\u202f000,00\u00a0€"),
    (D("1234567.8"), "1\u202f234\u202f567,80\u00a0€"), (D("-45.5"), "-45,50\u00a0€"),
])
def test_amounts_are_written_the_french_way(amount: Decimal, text: str) -> None:
    assert euros(amount) == text


def test_one_failure_puts_the_offer_out_one_pending_keeps_it_undecided() -> None:
    ok = eliminatory_check(Eliminatory.DMP, "DMP", facts(), budget_ceiling=None,
                           decision=None)
    pending = eliminatory_check(Eliminatory.CUSTOM, "x", facts(), budget_ceiling=None,
                                decision=None)
    failed = eliminatory_check(Eliminatory.DMP, "DMP", facts(is_dmp_compatible=False),
                               budget_ceiling=None, decision=None)
    assert eliminatory_verdict([ok]) == Check.PASSED
    assert eliminatory_verdict([ok, pending]) == Check.PENDING
    assert eliminatory_verdict([pending, failed]) == Check.FAILED


# --- ranking ------------------------------------------------------------------------------

def test_ranking_breaks_ties_by_cost_then_name() -> None:
    offers = [Candidate(1, "Xéna", D(80), D(100000)), Candidate(2, "Beta", D(80), D(90000)),
              Candidate(3, "alpha", D(80), D(90000)), Candidate(4, "Wapiti", D(85), None)]
    ranked = ranking(offers)
    assert [(r.position, r.candidate.key) for r in ranked] == [(1, 4), (2, 3), (3, 2), (4, 1)]
    assert ranked[0].tie_break == ""
    assert ranked[2].tie_break == ("Ex æquo au score et au coût, départagé par l'ordre "
                                   "alphabétique.")
    assert ranked[3].tie_break.startswith("Ex æquo au score, départagé par le coût total")


def test_alphabetical_order_ignores_accents_and_case() -> None:
    ranked = ranking([Candidate(1, "Zéphyr", D(70), D(5)), Candidate(2, "Éditions", D(70), D(5)),
                      Candidate(3, "delta", D(70), D(5))])
    assert [r.candidate.name for r in ranked] == ["delta", "Éditions", "Zéphyr"]


def test_an_unknown_cost_comes_after_a_known_one_at_equal_score() -> None:
    ranked = ranking([Candidate(1, "A", D(70), None), Candidate(2, "B", D(70), D(5))])
    assert [r.candidate.key for r in ranked] == [2, 1]


@given(st.lists(st.tuples(st.integers(0, 100), st.one_of(st.none(), st.integers(0, 9)),
                          st.sampled_from(["A", "b", "C"])), max_size=8))
def test_ranking_is_a_permutation_with_consecutive_places(
        raw: list[tuple[int, int | None, str]]) -> None:
    offers = [Candidate(i, name, D(score), None if cost is None else D(cost))
              for i, (score, cost, name) in enumerate(raw)]
    ranked = ranking(offers)
    assert sorted(r.candidate.key for r in ranked) == list(range(len(offers)))
    assert [r.position for r in ranked] == list(range(1, len(offers) + 1))
    assert all(a.candidate.score >= b.candidate.score for a, b in pairwise(ranked))


# --- sensitivity --------------------------------------------------------------------------

def test_sensitivity_finds_the_weights_that_change_the_winner() -> None:
    # Base: P = 80 × .6 + 50 × .4 = 68; Q = 70 × .6 + 66 × .4 = 68.4 → Q first.
    # Coverage +10 %: 66 / 40 (Σ 106): P = 7280 / 106 = 68.68 > Q = 7260 / 106 = 68.49 → P.
    # Coverage −10 %: 54 / 40 (Σ 94): P = 6320 / 94 = 67.23 < Q = 6420 / 94 = 68.30 → Q.
    # Architecture +10 %: 60 / 44 (Σ 104): P = 7000 / 104 = 67.31 < Q = 7104 / 104 → Q.
    # Architecture −10 %: 60 / 36 (Σ 96): P = 6600 / 96 = 68.75 > Q = 6576 / 96 = 68.5 → P.
    weights = {S.COVERAGE: D(60), S.ARCHITECTURE: D(40)}
    p = (Candidate(1, "P", D(68), None), {S.COVERAGE: D(80), S.ARCHITECTURE: D(50)})
    q = (Candidate(2, "Q", D("68.4"), None), {S.COVERAGE: D(70), S.ARCHITECTURE: D(66)})
    result = sensitivity(weights, [p, q])
    assert result is not None
    assert result.winner == 2
    assert [(v.code, v.direction, v.winner) for v in result.variations] == [
        (S.COVERAGE, 1, 1), (S.COVERAGE, -1, 2), (S.ARCHITECTURE, 1, 2),
        (S.ARCHITECTURE, -1, 1)]
    assert result.is_stable is False
    assert q2(result.variations[0].weights[S.COVERAGE]) == D("62.26")  # 66 / 106 × 100


def test_a_clear_winner_is_stable() -> None:
    weights = {S.COVERAGE: D(60), S.ARCHITECTURE: D(40)}
    offers = [(Candidate(1, "P", D(90), None), {S.COVERAGE: D(90), S.ARCHITECTURE: D(90)}),
              (Candidate(2, "Q", D(50), None), {S.COVERAGE: D(50), S.ARCHITECTURE: D(50)})]
    result = sensitivity(weights, offers)
    assert result is not None
    assert (result.winner, result.is_stable) == (1, True)
    assert sensitivity(weights, []) is None


@given(st.lists(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1,
                max_size=5),
       st.integers(1, 99))
def test_zero_variation_never_changes_the_winner(values: list[tuple[int, int]],
                                                 coverage_weight: int) -> None:
    weights = {S.COVERAGE: D(coverage_weight), S.ARCHITECTURE: D(100 - coverage_weight)}
    offers = [(Candidate(i, f"O{i}", D(0), None),
               {S.COVERAGE: D(c), S.ARCHITECTURE: D(a)}) for i, (c, a) in enumerate(values)]
    result = sensitivity(weights, offers, delta=D(0))
    assert result is not None
    assert result.is_stable
