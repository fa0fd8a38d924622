"""Step 11 pages: who reads, who marks, who decides; scoping; forged posts refused."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from projects.choices import Role
from tests.typography import plain
from vendors.evaluation import (
    offer_inputs,
)
from vendors.evaluation import (
    selectors as scoring_selectors,
)
from vendors.evaluation import (
    services as scoring_services,
)
from vendors.evaluation.models import (
    EliminatoryCriterion,
    EliminatoryDecision,
    EvaluationMark,
    EvaluationSubmission,
    SecondaryCriterion,
)
from vendors.evaluation.scoring import Secondary

from ..scoring_helpers import keep, submit_marks

pytestmark = pytest.mark.django_db
D = Decimal
S = Secondary
EVALUATORS = [Role.PROJECT_LEAD, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT]
NOT_EVALUATORS = [Role.AMOA, Role.MEMBER, Role.OBSERVER]


def _settings() -> dict[str, Any]:
    return {"horizon_years": 3, "budget_ceiling": None, "new_professionals_per_year": 0,
            "extra_training_days_per_year": D(0), "new_configuration_days_per_year": D(0),
            "departures_per_year": 0, "include_full_reversibility": False}


def _url(name: str, project: Any, *args: int) -> str:
    return reverse(f"vendors:{name}", args=[project.pk, *args])


def _person(project: Any, role: str, add_member: Any) -> Any:
    return project.created_by if role == Role.PROJECT_LEAD else add_member(project, role).user


def _criteria_post(project: Any, **overrides: str) -> dict[str, str]:
    scoring_services.criteria_ensure(project=project)
    data = {"horizon_years": "4", "budget_ceiling": "45000", "new_professionals_per_year": "2",
            "extra_training_days_per_year": "1", "new_configuration_days_per_year": "0",
            "departures_per_year": "0", "include_full_reversibility": "on"}
    for c in SecondaryCriterion.objects.filter(project=project):
        data[f"rank_{c.code}"] = str(c.rank)
        data[f"weight_{c.code}"] = str(c.weight)
    for e in EliminatoryCriterion.objects.filter(project=project):
        data[f"enabled_{e.pk}"] = "on"
    data.update(overrides)
    return data


# --- criteria -------------------------------------------------------------------------

@pytest.mark.parametrize("role", [*EVALUATORS, *NOT_EVALUATORS])
def test_every_member_reads_the_criteria(project: Any, add_member: Any, client_for: Any,
                                         role: str) -> None:
    response = client_for(_person(project, role, add_member)).get(_url("criteria", project))
    assert response.status_code == 200
    assert "Couverture fonctionnelle" in plain(response.content.decode())


@pytest.mark.parametrize("role", [Role.PROJECT_LEAD, Role.AMOA])
def test_lead_and_amoa_configure_the_criteria(project: Any, add_member: Any, client_for: Any,
                                              role: str) -> None:
    client = client_for(_person(project, role, add_member))
    response = client.post(_url("criteria", project), _criteria_post(project))
    assert response.status_code == 302
    assert project.criteria_settings.__class__.objects.get(project=project).horizon_years == 4


@pytest.mark.parametrize("role", [Role.PROFESSION_REFERENT, Role.MEMBER, Role.OBSERVER])
def test_others_cannot_configure_the_criteria(project: Any, add_member: Any, client_for: Any,
                                              role: str) -> None:
    client = client_for(_person(project, role, add_member))
    assert client.post(_url("criteria", project), _criteria_post(project)).status_code == 403
    assert client.post(_url("criteria-eliminatory-add", project),
                       {"label": "Références"}).status_code == 403


@pytest.mark.parametrize(("overrides", "message"), [
    ({"weight_coverage": "30"}, "totalisent 90"),
    ({"weight_coverage": "15", "weight_services": "15", "weight_implementation": "15",
      "weight_architecture": "15", "weight_financial_health": "40",
      "rank_financial_health": "1", "rank_coverage": "5"},
     "La couverture fonctionnelle doit peser plus que l&#x27;architecture"),
    ({"horizon_years": "2"}, "supérieure ou égale à 3"),
    ({"weight_services": "abc"}, "Saisissez un nombre"),
])
def test_forged_criteria_are_refused_and_nothing_changes(
        project: Any, client_for: Any, overrides: dict[str, str], message: str) -> None:
    response = client_for(project.created_by).post(_url("criteria", project),
                                                   _criteria_post(project, **overrides))
    assert response.status_code == 200
    assert message in plain(response.content.decode())
    assert SecondaryCriterion.objects.get(project=project, code=S.COVERAGE).weight == D(40)
    assert project.criteria_settings.__class__.objects.get(project=project).horizon_years == 3


def test_a_custom_eliminatory_criterion_is_added(project: Any, client_for: Any) -> None:
    response = client_for(project.created_by).post(_url("criteria-eliminatory-add", project),
                                                   {"label": "Références en MSP"})
    assert response.status_code == 302
    assert EliminatoryCriterion.objects.filter(project=project, kind="custom").count() == 1


# --- marks ------------------------------------------------------------------------------

@pytest.mark.parametrize("role", NOT_EVALUATORS)
def test_amoa_members_and_observers_do_not_mark(project: Any, add_member: Any,
                                                client_for: Any, make_assessment: Any,
                                                role: str) -> None:
    offer = keep(make_assessment, project)
    client = client_for(_person(project, role, add_member))
    assert client.get(_url("marks", project)).status_code == 403
    assert client.post(_url("marks", project),
                       {f"mark_{offer.pk}_services": "3"}).status_code == 403
    assert not EvaluationMark.objects.exists()


@pytest.mark.parametrize("role", EVALUATORS)
def test_evaluators_mark_and_submit(project: Any, add_member: Any, client_for: Any,
                                    make_assessment: Any, role: str) -> None:
    offer = keep(make_assessment, project)
    person = _person(project, role, add_member)
    client = client_for(person)
    assert client.get(_url("marks", project)).status_code == 200
    marks = {f"mark_{offer.pk}_{code}": "3" for code in
             (S.SERVICES, S.IMPLEMENTATION, S.ARCHITECTURE, S.FINANCIAL_HEALTH)}
    response = client.post(_url("marks", project), {**marks, "submit": ""})
    assert response.status_code == 302
    assert EvaluationSubmission.objects.filter(evaluator=person).exists()
    assert EvaluationMark.objects.filter(evaluator=person).count() == 4


@pytest.mark.parametrize("value", ["7", "-1", "trois"])
def test_a_forged_mark_is_refused_and_nothing_saved(project: Any, client_for: Any,
                                                    make_assessment: Any, value: str) -> None:
    offer = keep(make_assessment, project)
    response = client_for(project.created_by).post(_url("marks", project), {
        f"mark_{offer.pk}_services": "4", f"mark_{offer.pk}_architecture": value,
        "save": ""})
    assert response.status_code == 200
    assert "Une note va de 0 à 5." in plain(response.content.decode())
    assert not EvaluationMark.objects.exists()


def test_a_mark_on_another_projects_offer_is_ignored(project: Any, client_for: Any,
                                                     make_assessment: Any,
                                                     make_project: Any) -> None:
    keep(make_assessment, project)
    elsewhere = keep(make_assessment, make_project(name="Autre MSP"))
    response = client_for(project.created_by).post(
        _url("marks", project), {f"mark_{elsewhere.pk}_services": "5", "save": ""})
    assert response.status_code == 302
    assert not EvaluationMark.objects.exists()


def test_incomplete_submission_keeps_the_draft_and_says_what_is_missing(
        project: Any, client_for: Any, make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    response = client_for(project.created_by).post(
        _url("marks", project), {f"mark_{offer.pk}_services": "4", "submit": ""})
    assert response.status_code == 200
    assert "Il manque 3 notes" in plain(response.content.decode())
    assert EvaluationMark.objects.get().mark == 4
    assert not EvaluationSubmission.objects.exists()


def test_an_evaluator_cannot_read_others_marks_before_submitting(
        project: Any, add_member: Any, client_for: Any, make_assessment: Any) -> None:
    offer = keep(make_assessment, project, name="Éditeur Repère")
    first = add_member(project, Role.PROFESSION_REFERENT).user
    second = add_member(project, Role.DOMAIN_REFERENT).user
    submit_marks(project, first, {offer.pk: [5, 4, 4, 4]})
    client = client_for(second)
    marks_page = plain(client.get(_url("marks", project)).content.decode())
    assert str(first) not in marks_page
    assert "Notes de tous les évaluateurs" not in marks_page
    analysis_page = plain(client.get(_url("analysis", project)).content.decode())
    assert "soumettez d'abord vos propres notes" in analysis_page
    assert "Moyenne 4" not in analysis_page
    # Once they submit, they see everybody's marks and the divergence (5 vs 1 = 4 points).
    submit_marks(project, second, {offer.pk: [1, 4, 4, 4]})
    marks_page = plain(client.get(_url("marks", project)).content.decode())
    assert str(first) in marks_page
    assert "Éditeur Repère, Prestations et leur qualité : de 1 à 5" in marks_page
    assert "Moyenne 3,00 / 5 de 2 évaluateurs" in plain(client.get(
        _url("analysis", project)).content.decode())


def test_after_submitting_marks_cannot_change(project: Any, client_for: Any,
                                              make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    submit_marks(project, project.created_by, {offer.pk: [2, 2, 2, 2]})
    response = client_for(project.created_by).post(
        _url("marks", project), {f"mark_{offer.pk}_services": "5", "save": ""}, follow=True)
    assert "déjà soumises" in plain(response.content.decode())
    assert EvaluationMark.objects.get(criterion=S.SERVICES).mark == 2


# --- analysis and decisions -------------------------------------------------------------

@pytest.mark.parametrize("role", [*EVALUATORS, *NOT_EVALUATORS])
def test_every_member_reads_the_analysis(project: Any, add_member: Any, client_for: Any,
                                         make_assessment: Any, role: str) -> None:
    keep(make_assessment, project, name="Éditeur Lu")
    response = client_for(_person(project, role, add_member)).get(_url("analysis", project))
    assert response.status_code == 200
    body = plain(response.content.decode())
    assert "Éditeur Lu" in body
    assert "Réponse non reçue" in body


def test_analysis_without_answers_never_shows_a_figure(project: Any, client_for: Any,
                                                       make_assessment: Any) -> None:
    offer = keep(make_assessment, project, is_hds_certified=True)
    submit_marks(project, project.created_by, {offer.pk: [4, 4, 4, 4]})
    body = plain(client_for(project.created_by).get(_url("analysis", project)).content.decode())
    assert "Réponse non reçue : le coût sera calculé" in plain(body)
    assert "Score incomplet : réponse non reçue ou notes manquantes." not in plain(body)
    assert "Critère éliminatoire en attente" in body


def test_analysis_runs_a_bounded_number_of_queries(
        project: Any, add_member: Any, client_for: Any, make_assessment: Any,
        monkeypatch: Any, django_assert_max_num_queries: Any) -> None:
    offers = [keep(make_assessment, project, is_hds_certified=True) for _ in range(4)]
    referents = [add_member(project, Role.PROFESSION_REFERENT).user for _ in range(3)]
    for person in referents:
        submit_marks(project, person, {o.pk: [3, 4, 2, 5] for o in offers})
    prices = {"subscription_prescriber": (None, D(50)), "installation": (D(1), D(900))}
    monkeypatch.setattr(offer_inputs, "offer_inputs", lambda *, project, assessments: {
        o.pk: offer_inputs.OfferInputs({"X-1": "Standard"}, prices) for o in offers})
    monkeypatch.setattr(scoring_selectors, "_priorities", lambda project: {"X-1": "essential"})
    scoring_services.criteria_ensure(project=project)
    scoring_services.criteria_update(
        project=project, settings_values={**_settings(), "budget_ceiling": D(100000)},
        enabled={}, weights={c.code: (c.rank, c.weight)
                             for c in SecondaryCriterion.objects.filter(project=project)})
    client = client_for(referents[0])  # an evaluator who submitted: sees the scores
    with django_assert_max_num_queries(20):
        response = client.get(_url("analysis", project))
    assert response.status_code == 200
    body = plain(response.content.decode())
    # Four equal offers: ranked by the tie-break, the sensitivity table shown.
    assert body.count("Ex æquo au score et au coût") == 3
    assert "Sensibilité aux poids" in body
    # Cost: 3 prescribers × 50 € × 12 = 1 800 € a year × 3 + installation 900 = 6 300 €.
    assert re.search(r"6\W300,00</strong>", body)
    assert "3 utilisateurs × 50,00 € × 12 mois" in body


def test_the_lead_records_a_decision(project: Any, client_for: Any,
                                     make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    budget = EliminatoryCriterion.objects.get(project=project, kind="budget")
    response = client_for(project.created_by).post(
        _url("eliminatory-decide", project, offer.pk, budget.pk),
        {"is_met": "no", "reason": "Devis au-delà de l'enveloppe votée"})
    assert response.status_code == 302
    decision = EliminatoryDecision.objects.get()
    assert (decision.is_met, decision.decided_by) == (False, project.created_by)
    body = plain(client_for(project.created_by).get(_url("analysis", project)).content.decode())
    assert "Devis au-delà de l&#x27;enveloppe votée" in body
    assert "éliminée" in body


@pytest.mark.parametrize("role", [Role.AMOA, Role.PROFESSION_REFERENT, Role.MEMBER,
                                  Role.OBSERVER])
def test_only_the_lead_records_decisions(project: Any, add_member: Any, client_for: Any,
                                         make_assessment: Any, role: str) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    budget = EliminatoryCriterion.objects.get(project=project, kind="budget")
    response = client_for(_person(project, role, add_member)).post(
        _url("eliminatory-decide", project, offer.pk, budget.pk),
        {"is_met": "yes", "reason": "ok"})
    assert response.status_code == 403
    assert not EliminatoryDecision.objects.exists()


def test_a_decision_without_reason_is_refused(project: Any, client_for: Any,
                                              make_assessment: Any) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    budget = EliminatoryCriterion.objects.get(project=project, kind="budget")
    response = client_for(project.created_by).post(
        _url("eliminatory-decide", project, offer.pk, budget.pk),
        {"is_met": "yes", "reason": ""}, follow=True)
    assert "motivez-la" in plain(response.content.decode())
    assert not EliminatoryDecision.objects.exists()


def test_another_projects_ids_give_404(project: Any, client_for: Any, make_assessment: Any,
                                       make_project: Any) -> None:
    offer = keep(make_assessment, project)
    scoring_services.criteria_ensure(project=project)
    other = make_project(name="Autre MSP")
    scoring_services.criteria_ensure(project=other)
    foreign_offer = keep(make_assessment, other)
    foreign_criterion = EliminatoryCriterion.objects.filter(project=other).first()
    own_criterion = EliminatoryCriterion.objects.filter(project=project).first()
    assert foreign_criterion is not None
    assert own_criterion is not None
    client = client_for(project.created_by)
    data = {"is_met": "yes", "reason": "x"}
    assert client.post(_url("eliminatory-decide", project, foreign_offer.pk,
                            own_criterion.pk), data).status_code == 404
    assert client.post(_url("eliminatory-decide", project, offer.pk,
                            foreign_criterion.pk), data).status_code == 404
    # Another project's pages: its lead is not a member here.
    assert client.get(_url("analysis", other)).status_code == 404
    assert not EliminatoryDecision.objects.exists()


def test_step_11_links_to_the_analysis(project: Any, client_for: Any) -> None:
    body = plain(client_for(project.created_by).get(
        reverse("projects:step-detail", args=[project.pk, 11])).content.decode())
    assert _url("analysis", project) in body
