"""The budget in a real browser: the chef enters a line and sees its variance and the
overrun, on the budget page and on the home page; every page passes axe-core."""

from __future__ import annotations

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import BudgetLine, Project

from .conftest import UI


def test_chef_enters_a_budget_line_and_sees_the_variance(ui: UI, chef: User,
                                                         chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(page.get_by_role("link", name="Budget", exact=True), context="budget page")
    ui.follow(page.get_by_role("button", name="Ajouter une ligne"), context="new line form")
    page.get_by_label("Nature").select_option("hardware")
    page.get_by_label("Libellé").fill("Postes de l'accueil")
    page.get_by_label("Estimé (€ HT)").fill("3000")
    page.get_by_label("Engagé (€ HT)").fill("3450,50")
    page.get_by_label("Payé (€ HT)").fill("0")
    ui.follow(page.get_by_role("button", name="Enregistrer"), context="line saved")
    investment = page.get_by_role("region", name="Investissement")
    row = investment.get_by_role("row", name="Postes de l'accueil")
    expect(row).to_contain_text("-450,50")
    expect(row).to_contain_text("dépassement")
    expect(row).to_contain_text("3\u202f600,00")  # estimated TTC at 20 %
    line = BudgetLine.objects.get(project=chef_project)
    assert (str(line.committed), line.vat_rate) == ("3450.50", 20)

    ui.goto(f"/projets/{chef_project.pk}/", context="home with the budget")
    summary = page.locator("table.budget-summary")
    expect(summary.get_by_role("row", name="Écart")).to_contain_text("-450,50")
