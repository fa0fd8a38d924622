"""Step 11 in a real browser: a référent marks alone, submits, then sees the divergences."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.choices import Role
from projects.models import Project
from vendors.choices import AssessmentDecision
from vendors.evaluation import services as scoring_services
from vendors.evaluation.scoring import MARKED
from vendors.market import services

from .conftest import UI

CRITERIA = ("Prestations et leur qualité", "Plan de mise en œuvre", "Architecture technique",
            "Santé financière de l'éditeur")


def _kept(project: Project, by: User, name: str, product: str) -> Any:
    vendor = services.vendor_create(by=by, values={
        "name": name, "product": product, "label_level": "standard",
        "is_dmp_compatible": True, "is_hds_certified": True})
    assessment = services.assessment_start(project=project, vendor=vendor)
    return services.assessment_update(assessment=assessment,
                                      values={"decision": AssessmentDecision.KEPT})


def test_a_referent_marks_submits_and_sees_divergences(
        ui: UI, chef: User, chef_project: Project, make_user: Callable[..., User],
        add_member: Callable[..., Any]) -> None:
    alpha = _kept(chef_project, chef, "Alpha Santé", "Alpha")
    beta = _kept(chef_project, chef, "Bêta Logiciels", "Bêta")
    # The chef de projet has already submitted: 5 on Alpha's services.
    scoring_services.criteria_ensure(project=chef_project)
    scoring_services.marks_save(project=chef_project, evaluator=chef, marks={
        (offer.pk, code): 5 if (offer, code) == (alpha, "services") else 3
        for offer in (alpha, beta) for code in MARKED})
    scoring_services.marks_submit(project=chef_project, evaluator=chef)
    nurse = make_user("infirmiere@msp-tilleuls.test", first_name="Sophie",
                      last_name="Marchetti")
    add_member(chef_project, Role.PROFESSION_REFERENT, user=nurse)
    page = ui.page
    ui.sign_in(nurse.email)

    # From step 11 to its analysis: the scores stay hidden until she submits.
    ui.goto(f"/projets/{chef_project.pk}/etapes/11/", context="step 11")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="analysis before submitting")
    expect(page.get_by_role("heading", name="Analyse et classement des offres",
                            level=1)).to_be_visible()
    expect(page.get_by_text("soumettez d'abord vos propres notes")).to_be_visible()
    expect(page.get_by_text("Claire Martin")).to_have_count(0)
    ui.follow(page.get_by_role("link", name="Mes notes").first, context="my marks")

    # Only her own (empty) marks; an incomplete submission is refused, the draft kept.
    page.get_by_label("Prestations et leur qualité — Alpha Santé — Alpha",
                      exact=True).select_option("1")
    ui.follow(page.get_by_role("button", name="Soumettre mes notes"),
              context="incomplete submission")
    expect(page.get_by_role("alert").filter(has_text="Il manque 7 notes")).to_be_visible()
    expect(page.get_by_label("Prestations et leur qualité — Alpha Santé — Alpha",
                             exact=True)).to_have_value("1")
    for vendor in ("Alpha Santé — Alpha", "Bêta Logiciels — Bêta"):
        for criterion in CRITERIA:
            field = page.get_by_label(f"{criterion} — {vendor}", exact=True)
            if field.input_value() == "":
                field.select_option("3")
    ui.follow(page.get_by_role("button", name="Soumettre mes notes"), context="submitted")

    # Now everybody's marks and the divergence: Alpha's services, 1 against 5.
    expect(page.get_by_role("status").first).to_contain_text("Vos notes sont soumises")
    divergences = page.get_by_role("region", name="Divergences à discuter")
    expect(divergences).to_contain_text("Alpha Santé, Prestations et leur qualité : de 1 à 5")
    expect(page.get_by_role("columnheader", name="Claire Martin")).to_be_visible()

    # The analysis now explains the consolidated marks.
    ui.follow(page.get_by_role("link", name="Étape 11 — Analyse et classement"),
              context="analysis after submitting")
    expect(page.get_by_text("Moyenne 3,00 / 5 de 2 évaluateurs (notes : 1, 5)")
           ).to_be_visible()
    expect(page.get_by_text("Réponse non reçue : le coût sera calculé").first).to_be_visible()


def test_the_chef_sets_the_criteria_and_records_a_decision(
        ui: UI, chef: User, chef_project: Project) -> None:
    _kept(chef_project, chef, "Alpha Santé", "Alpha")
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/11/analyse/", context="analysis")
    ui.follow(page.get_by_role("link", name="Définir les critères de choix"),
              context="criteria")

    # Technical preference may not outweigh functional coverage: refused, explained.
    page.get_by_label("Poids de « Couverture fonctionnelle » (%)").fill("15")
    page.get_by_label("Poids de « Architecture technique » (%)").fill("40")
    page.get_by_label("Rang de « Couverture fonctionnelle »").fill("4")
    page.get_by_label("Rang de « Architecture technique »").fill("1")
    ui.follow(page.get_by_role("button", name="Enregistrer les critères"),
              context="criteria refused")
    expect(page.get_by_text("La couverture fonctionnelle doit peser plus que "
                            "l'architecture technique", exact=False)).to_be_visible()

    # A valid configuration: 4 years, a ceiling, coverage first.
    page.get_by_label("Poids de « Couverture fonctionnelle » (%)").fill("45")
    page.get_by_label("Poids de « Architecture technique » (%)").fill("10")
    page.get_by_label("Rang de « Couverture fonctionnelle »").fill("1")
    page.get_by_label("Rang de « Architecture technique »").fill("4")
    page.get_by_label("Durée d'analyse du coût (années)").fill("4")
    page.get_by_label("Plafond budgétaire sur la durée (€ HT)").fill("50000")
    ui.follow(page.get_by_role("button", name="Enregistrer les critères"),
              context="criteria saved")
    expect(page.get_by_role("status").first).to_contain_text("critères de choix sont "
                                                             "enregistrés")

    # The essential coverage cannot be checked before the answers: the chef decides.
    ui.follow(page.get_by_role("link", name="Étape 11 — Analyse et classement"),
              context="analysis with criteria")
    expect(page.get_by_role("heading", name="Coût total sur 4 ans")).to_be_visible()
    row = page.get_by_role("row").filter(has_text="Besoins indispensables couverts")
    row.get_by_text("Enregistrer la décision").click()
    row.get_by_label("Décision").select_option(label="Critère satisfait")
    row.get_by_label("Motif").fill("Démonstration : tous les besoins indispensables vus")
    ui.follow(row.get_by_role("button", name="Enregistrer"), context="decision recorded")
    expect(page.get_by_role("status").first).to_contain_text("Décision enregistrée")
    expect(page.get_by_text("Démonstration : tous les besoins indispensables vus")
           ).to_be_visible()
