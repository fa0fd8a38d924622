"""Phase 1 « Cadrage » in a real browser: sign in, create the project, see its 18 steps."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Membership, Project

from .conftest import UI


def test_chef_signs_in_and_creates_the_project(ui: UI, chef: User) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    # No project yet: the list invites to create one.
    expect(page.get_by_role("heading", name="Mes projets", level=1)).to_be_visible()
    ui.follow(page.get_by_role("button", name="Créer le projet de ma maison de santé"),
              context="project form")

    page.get_by_label("Nom de la structure").fill("MSP des Tilleuls")
    page.get_by_label("Structure juridique").select_option(
        label="SISA (société interprofessionnelle de soins ambulatoires)"
    )
    page.get_by_label("Date de démarrage du projet").fill("2026-09-01")
    page.get_by_label("Nom du site 1").fill("Site principal")
    page.get_by_label("Commune du site 1").fill("Villefranche-sur-Saône")
    page.get_by_label("Médecin généraliste").fill("3")
    page.get_by_label("Infirmier·ère").fill("4")
    page.get_by_label("Masseur-kinésithérapeute").fill("2")
    ui.follow(page.get_by_role("button", name="Créer le projet"), context="project home")

    project = Project.objects.get(name="MSP des Tilleuls")
    assert ui.path() == f"/projets/{project.pk}/"
    expect(page.get_by_role("status")).to_contain_text("Le projet « MSP des Tilleuls » est créé.")
    expect(page.get_by_role("heading", name="MSP des Tilleuls", level=1)).to_be_visible()
    # The method: 4 phases, 18 steps, each with its status.
    expect(page.get_by_role("heading", name=re.compile(r"^Phase \d — "), level=2)).to_have_count(4)
    step_rows = page.get_by_role("table").filter(has=page.locator("caption", has_text="Étapes de"))
    expect(step_rows.locator("tbody tr")).to_have_count(18)
    first_step = page.get_by_role("row", name=re.compile(r"^1\. "))
    expect(first_step.get_by_text("À faire")).to_be_visible()

    membership = Membership.objects.get(project=project, user=chef)
    assert membership.role == "project_lead"
    assert [s.name for s in project.sites.all()] == ["Site principal"]
