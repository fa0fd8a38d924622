"""A step's status in a real browser: the chef starts step 1 and sees its history."""

from __future__ import annotations

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Project

from .conftest import UI


def test_chef_moves_step_1_to_in_progress(ui: UI, chef: User, chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(page.get_by_role("row", name=r"1. ").get_by_role("link").first,
              context="step 1 page")
    expect(page.get_by_role("heading", level=1)).to_contain_text("1.")
    status = page.get_by_role("region", name="Statut")
    expect(status.get_by_text("À faire", exact=True)).to_be_visible()
    history = page.get_by_role("region", name="Historique des statuts")
    expect(history).to_contain_text("Aucun changement de statut")

    status.get_by_label("Commentaire").fill("Lancement en réunion d'équipe")
    ui.swap(lambda: status.get_by_role("button", name="Démarrer l'étape").click(),
            context="status block after the move")

    status = page.get_by_role("region", name="Statut")
    expect(status.get_by_text("En cours", exact=True)).to_be_visible()
    expect(status.get_by_role("status")).to_contain_text("L'étape est maintenant « En cours »")
    row = history.get_by_role("row").nth(1)
    expect(row).to_contain_text("À faire → En cours")
    expect(row).to_contain_text("Claire Martin")
    expect(row).to_contain_text("Lancement en réunion d'équipe")
    assert chef_project.steps.get(number=1).status == "in_progress"

    # The same state after a full reload (not just the swapped fragment).
    ui.goto(ui.path(), context="step 1 page reloaded")
    expect(page.get_by_role("region", name="Statut").get_by_text("En cours", exact=True)
           ).to_be_visible()
