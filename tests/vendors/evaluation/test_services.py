"""Step 11 services and selectors: criteria, marks, decisions, the analysis."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from msp_si.common.errors import DomainError
from projects.choices import Role
from tests.typography import plain
from vendors.choices import LabelLevel
from vendors.evaluation import (
    offer_inputs,
)
from vendors.evaluation import (
    selectors as scoring_selectors,
)
from vendors.evaluation import (
    services as scoring_services,
)
from vendors.evaluation.eliminatory import Check
from vendors.evaluation.models import (
    CriteriaSettings,
    EliminatoryCriterion,
    EliminatoryDecision,
    EliminatoryKind,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCriterion,
)
from vendors.evaluation.scoring import Secondary

from ..scoring_helpers import keep, submit_marks

pytestmark = pytest.mark.django_db
D = Decimal
S = Secondary
SETTINGS = {"horizon_years": 3, "budget_ceiling": D("40000"), "new_professionals_per_year": 1,
            "extra_training_days_per_year": D(0), "new_configuration_days_per_year": D(0),
            "departures_per_year": 0, "include_full_reversibility": True}
DEFAULT = {S.COVERAGE: (1, D(40)), S.SERVICES: (2, D(20)), S.IMPLEMENTATION: (3, D(15)),
           S.ARCHITECTURE: (4, D(15)), S.FINANCIAL_HEALTH: (5, D(10))}


def _weights(project: Any) -> dict[str, tuple[int, Decimal]]:
    return {c.code: (c.rank, c.weight) for c in SecondaryCriterion.objects.filter(project=project)}


def test_criteria_ensure_gives_the_method_defaults_once(project: Any) -> None:
    scoring_services.criteria_ensure(project=project)
    scoring_services.criteria_ensure(project=project)
    assert CriteriaSettings.objects.get(project=project).horizon_years == 3
    assert list(EliminatoryCriterion.objects.filter(project=project)
                .values_list("kind", flat=True)) == [
        "essential_coverage", "label", "dmp", "hds", "budget"]
    assert _weights(project) == DEFAULT


def test_criteria_update_saves_everything(project: Any) -> None:
    scoring_services.criteria_ensure(project=project)
    dmp = EliminatoryCriterion.objects.get(project=project, kind=EliminatoryKind.DMP)
    weights = dict(DEFAULT, **{S.COVERAGE: (1, D(45)), S.FINANCIAL_HEALTH: (5, D(5))})
    scoring_services.criteria_update(project=project, settings_values=dict(
        SETTINGS, horizon_years=5), enabled={dmp.pk: False}, weights=weights)
    assert _weights(project) == weights
    settings = CriteriaSettings.objects.get(project=project)
    assert (settings.horizon_years, settings.budget_ceiling) == (5, D("40000"))
    dmp.refresh_from_db()
    assert dmp.is_enabled is False


@pytest.mark.parametrize(("weights", "message"), [
    (dict(DEFAULT, **{S.COVERAGE: (1, D(30))}), "totalisent 90"),
    (dict(DEFAULT, **{S.COVERAGE: (1, D(25)), S.SERVICES: (2, D(25)),
                      S.ARCHITECTURE: (3, D(25)), S.IMPLEMENTATION: (4, D(15))}),
     "La couverture fonctionnelle doit peser plus"),
])
def test_criteria_update_refuses_a_broken_rule_and_changes_nothing(
        project: Any, weights: dict[str, tuple[int, Decimal]], message: str) -> None:
    scoring_services.criteria_ensure(project=project)
    with pytest.raises(DomainError, match=message):
        scoring_services.criteria_update(project=project, settings_values=dict(
            SETTINGS, horizon_years=6), enabled={}, weights=weights)
    assert _weights(project) == DEFAULT
    assert CriteriaSettings.objects.get(project=project).horizon_years == 3


def test_the_horizon_is_at_least_three_years(project: Any) -> None:
    with pytest.raises(DomainError, match="au moins trois ans"):
        scoring_services.criteria_update(project=project, settings_values=dict(
            SETTINGS, horizon_years=2), enabled={}, weights=DEFAULT)


def test_a_custom_eliminatory_criterion_once(project: Any) -> None:
    scoring_services.criteria_ensure(project=project)
    criterion = scoring_services.eliminatory_add(project=project,
                                                 label=" Références en MSP ")
    assert (criterion.kind, criterion.label, criterion.position) == ("custom",
                                                                     "Références en MSP", 6)
    with pytest.raises(DomainError, match="existe déjà"):
        scoring_services.eliminatory_add(project=project, label="références en msp")
    with pytest.raises(DomainError, match="Décrivez"):
        scoring_services.eliminatory_add(project=project, label="  ")


def test_marks_draft_then_submit(project: Any, lead: Any, make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    scoring_services.marks_save(project=project, evaluator=lead,
                                marks={(offer.pk, S.SERVICES): 4, (offer.pk, S.ARCHITECTURE): 2})
    with pytest.raises(DomainError, match="Il manque 2 note"):
        scoring_services.marks_submit(project=project, evaluator=lead)
    scoring_services.marks_save(project=project, evaluator=lead, marks={
        (offer.pk, S.IMPLEMENTATION): 3, (offer.pk, S.FINANCIAL_HEALTH): 5,
        (offer.pk, S.ARCHITECTURE): None})
    assert not EvaluationMark.objects.filter(criterion=S.ARCHITECTURE).exists()
    scoring_services.marks_save(project=project, evaluator=lead,
                                marks={(offer.pk, S.ARCHITECTURE): 1})
    scoring_services.marks_submit(project=project, evaluator=lead)
    with pytest.raises(DomainError, match="déjà soumises"):
        scoring_services.marks_save(project=project, evaluator=lead,
                                    marks={(offer.pk, S.SERVICES): 0})
    assert EvaluationMark.objects.get(criterion=S.SERVICES).mark == 4


def test_nothing_to_submit_is_explained(project: Any, lead: Any, make_assessment: Any) -> None:
    with pytest.raises(DomainError, match="aucune offre à noter"):
        scoring_services.marks_submit(project=project, evaluator=lead)
    keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    SecondaryCriterion.objects.filter(project=project).update(weight=0)
    SecondaryCriterion.objects.filter(project=project, code=S.COVERAGE).update(weight=100)
    with pytest.raises(DomainError, match="Aucun critère n'est noté"):
        scoring_services.marks_submit(project=project, evaluator=lead)
    assert not EvaluationSubmission.objects.exists()


@pytest.mark.parametrize("mark", [-1, 6])
def test_a_mark_out_of_range_changes_nothing(project: Any, lead: Any, make_assessment: Any,
                                             mark: int) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    with pytest.raises(DomainError, match="de 0 à 5"):
        scoring_services.marks_save(project=project, evaluator=lead, marks={
            (offer.pk, S.SERVICES): 3, (offer.pk, S.ARCHITECTURE): mark})
    assert not EvaluationMark.objects.exists()


def test_only_kept_offers_and_marked_criteria(project: Any, lead: Any, make_assessment: Any,
                                              make_project: Any) -> None:
    offer = keep(make_assessment, project)
    studied = make_assessment(project)
    elsewhere = keep(make_assessment, make_project(name="Autre MSP"))
    scoring_services.criteria_ensure(project=project)
    for key in [(studied.pk, S.SERVICES), (elsewhere.pk, S.SERVICES), (offer.pk, S.COVERAGE)]:
        with pytest.raises(DomainError, match="offres retenues"):
            scoring_services.marks_save(project=project, evaluator=lead, marks={key: 3})
    assert not EvaluationMark.objects.exists()


def test_eliminatory_decision_is_justified_and_scoped(project: Any, lead: Any,
                                                      make_assessment: Any,
                                                      make_project: Any) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    criterion = EliminatoryCriterion.objects.get(project=project, kind="budget")
    with pytest.raises(DomainError, match="Motivez"):
        scoring_services.eliminatory_decide(project=project, assessment=offer,
                                            criterion=criterion, is_met=True, reason=" ",
                                            by=lead)
    other = make_project(name="Autre MSP")
    with pytest.raises(DomainError, match="n'appartient pas"):
        scoring_services.eliminatory_decide(project=other, assessment=offer,
                                            criterion=criterion, is_met=True, reason="x",
                                            by=lead)
    scoring_services.eliminatory_decide(project=project, assessment=offer, criterion=criterion,
                                        is_met=False, reason="Devis hors budget", by=lead)
    scoring_services.eliminatory_decide(project=project, assessment=offer, criterion=criterion,
                                        is_met=True, reason="Devis révisé", by=lead)
    decision = EliminatoryDecision.objects.get()
    assert (decision.is_met, decision.reason, decision.decided_by) == (True, "Devis révisé",
                                                                       lead)


def test_my_evaluation_shows_the_others_only_after_submitting(
        project: Any, lead: Any, add_member: Any, make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    referent = add_member(project, Role.PROFESSION_REFERENT).user
    submit_marks(project, lead, {offer.pk: [5, 4, 3, 2]})
    scoring_services.marks_save(project=project, evaluator=referent,
                                marks={(offer.pk, S.SERVICES): 2})
    before = scoring_selectors.my_evaluation(project=project, evaluator=referent)
    assert (before.submitted_at, before.rows, before.evaluators) == (None, [], [])
    assert before.mine == {(offer.pk, S.SERVICES): 2}
    submit_marks(project, referent, {offer.pk: [2, 4, 3, 2]})
    after = scoring_selectors.my_evaluation(project=project, evaluator=referent)
    assert after.submitted_at is not None
    assert len(after.evaluators) == 2
    # Services: 5 and 2 → spread 3, divergent; the others agree.
    assert [(r.criterion.code, r.summary.spread) for r in after.divergent] == [
        (S.SERVICES, 3)]


def _answers(offers: dict[int, offer_inputs.OfferInputs]) -> Any:
    return lambda *, project, assessments: offers


def test_analysis_scores_costs_ranks_and_tests_sensitivity(
        project: Any, lead: Any, make_assessment: Any, monkeypatch: Any) -> None:
    # Two requirements: A-1 essential (3), A-2 important (2).
    alpha = keep(make_assessment, project, name="Alpha Santé", product="Alpha",
                 is_hds_certified=True)
    beta = keep(make_assessment, project, name="Bêta Logiciels", product="Bêta",
                is_hds_certified=True)
    gamma = keep(make_assessment, project, name="Gamma", product="G",
                 label_level=LabelLevel.NONE, is_hds_certified=True)
    monkeypatch.setattr(scoring_selectors, "_priorities", lambda project: {
        "A-1": "essential", "A-2": "important"})
    prices = {"subscription_prescriber": (None, D(50)), "subscription_other": (None, D(20)),
              "installation": (D(1), D(1000))}
    monkeypatch.setattr(offer_inputs, "offer_inputs", _answers({
        alpha.pk: offer_inputs.OfferInputs({"A-1": "Standard", "A-2": "Standard"}, prices),
        beta.pk: offer_inputs.OfferInputs({"A-1": "Paramétrage", "A-2": "Non couvert"},
                                          prices),
        gamma.pk: offer_inputs.OfferInputs({"A-1": "Standard", "A-2": "Standard"}, prices),
    }))
    submit_marks(project, lead, {alpha.pk: [4, 4, 4, 4], beta.pk: [5, 5, 5, 5],
                                 gamma.pk: [5, 5, 5, 5]})
    result = scoring_selectors.analysis(project=project, marks_visible=True)
    by = result.by_key
    # Users: 3 GPs prescribers, 4 nurses + 2 physios = 6 others (conftest project).
    # Cost: 3 × 50 × 12 = 1 800 + 6 × 20 × 12 = 1 440 → 3 240 a year × 3 + 1 000 = 10 720.
    assert by[alpha.pk].cost is not None
    assert by[alpha.pk].cost.total == D(10720)
    # Coverage alpha 100; beta (3 × 0.9 + 0) / 5 = 54 %.
    assert by[beta.pk].coverage is not None
    assert by[beta.pk].coverage.percent == D(54)
    # Alpha: 100 × .4 + 80 × .6 = 88; beta: 54 × .4 + 100 × .6 = 81.6.
    assert by[alpha.pk].score is not None
    assert by[alpha.pk].score.total == D(88)
    assert by[beta.pk].score is not None
    assert by[beta.pk].score.total == D("81.6")
    # Gamma has no label: eliminated, with the reason. « Paramétrage » is accepted for
    # beta's essential need.
    assert by[gamma.pk].verdict == Check.FAILED
    assert "label" in by[gamma.pk].unranked_reason
    # Budget ceiling left empty: pending for everyone until decided or set.
    assert by[alpha.pk].verdict == Check.PENDING
    assert result.ranking == []

    scoring_services.criteria_update(project=project, settings_values=SETTINGS, enabled={},
                                     weights=DEFAULT)
    result = scoring_selectors.analysis(project=project, marks_visible=True)
    assert [(r.position, r.candidate.key) for r in result.ranking] == [(1, alpha.pk),
                                                                       (2, beta.pk)]
    # Coverage −10 %: 36 / 96 → alpha (3 600 + 4 800) / 96 = 87.5 > beta (1 944 + 6 000) /
    # 96 = 82.75; every other move keeps alpha first too.
    assert result.sensitivity is not None
    assert result.sensitivity.is_stable
    assert result.winner_name == "Alpha Santé"


def test_analysis_hides_marks_when_asked(project: Any, lead: Any,
                                         make_assessment: Any,
                                         django_assert_max_num_queries: Any) -> None:
    offer = keep(make_assessment, project)
    submit_marks(project, lead, {offer.pk: [4, 4, 4, 4]})
    result = scoring_selectors.analysis(project=project, marks_visible=False)
    assert result.offers[0].score is None
    assert result.ranking == []
    assert EvaluationSubmission.objects.count() == 1


def test_criteria_changes_appear_in_the_history_but_draft_marks_do_not(
        project: Any, lead: Any, make_assessment: Any, client_for: Any) -> None:
    from django.urls import reverse

    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    scoring_services.eliminatory_add(project=project, label="Références régionales")
    scoring_services.marks_save(project=project, evaluator=lead,
                                marks={(offer.pk, S.SERVICES): 4})
    page = plain(
        client_for(lead).get(reverse("projects:history", args=[project.pk])).content.decode())
    assert "Références régionales" in page
    assert "Note d&#x27;un évaluateur" not in page
