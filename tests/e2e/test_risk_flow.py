"""The risk register in a real browser: the chef accepts a known risk, rates it again and
sees it move on the matrix; every page passes axe-core."""

from __future__ import annotations

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Project, Risk, Task

from .conftest import UI


def test_chef_rates_a_risk_and_sees_it_move_on_the_matrix(ui: UI, chef: User,
                                                          chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(page.get_by_role("link", name="Risques", exact=True), context="risk register")
    known = page.get_by_role("region", name="Risques connus des projets de maison de santé")
    row = known.get_by_role("row", name="Défaillance du prestataire")
    ui.follow(row.get_by_role("button", name="Accepter"), context="known risk accepted")
    matrix = page.locator("table.risk-matrix")
    expect(matrix.locator('[data-cell="2-4"]')).to_contain_text("R1")

    ui.follow(page.get_by_role("link", name="R1 — Défaillance du prestataire"),
              context="risk page")
    rating = page.get_by_role("group", name="Réévaluer")
    rating.get_by_label("Probabilité").select_option("3")
    rating.get_by_label("Impact").select_option("4")
    rating.get_by_label("Commentaire").fill("Éditeur racheté le mois dernier")
    ui.follow(page.get_by_role("button", name="Enregistrer l'évaluation"),
              context="risk re-rated")
    history = page.get_by_role("region", name="Évaluations successives")
    expect(history.get_by_role("row")).to_have_count(3)  # header, first and new rating
    expect(history).to_contain_text("Éditeur racheté le mois dernier")

    action = page.get_by_role("group", name="Nouvelle action préventive")
    expect(action.get_by_label("Action préventive")).to_have_value(
        "Vérifier la santé financière et exiger une clause de réversibilité.")
    action.get_by_label("Échéance").fill("2026-12-15")
    ui.follow(page.get_by_role("button", name="Ajouter au calendrier"),
              context="preventive action added")
    expect(page.get_by_role("region", name="Actions préventives")).to_contain_text("À faire")

    ui.follow(page.get_by_role("link", name="Registre des risques"), context="register again")
    matrix = page.locator("table.risk-matrix")
    expect(matrix.locator('[data-cell="2-4"]')).not_to_contain_text("R1")
    expect(matrix.locator('[data-cell="3-4"]')).to_contain_text("R1")
    expect(page.get_by_role("region", name="Risques suivis, du plus critique au moins critique")
           ).to_contain_text("12 — critique")
    risk = Risk.objects.get(project=chef_project)
    assert (risk.probability, risk.impact, risk.assessments.count()) == (3, 4, 2)
    assert Task.objects.filter(project=chef_project, risk_action__risk=risk).exists()
