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


def test_marking_a_step_done_offers_the_collegial_decision_at_once(
        ui: UI, chef: User, chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/1/", context="step 1 page")
    status = page.get_by_role("region", name="Statut")
    ui.swap(lambda: status.get_by_role("button", name="Démarrer l'étape").click(),
            context="step started")
    status = page.get_by_role("region", name="Statut")
    # The forward move is the primary button; the move back is secondary.
    done = status.get_by_role("button", name="Marquer terminée")
    back = status.get_by_role("button", name="Remettre « à faire »")
    expect(done).not_to_have_class("secondary")
    expect(back).to_have_class("secondary")
    decision = page.get_by_role("button", name="Enregistrer la décision collégiale")
    expect(decision).to_have_count(0)

    ui.swap(lambda: done.click(), context="step done")
    # No reload: the button to record the collegial decision is there after the swap.
    expect(decision).to_be_visible()
    assert chef_project.steps.get(number=1).status == "done"
