"""Step 1 « objectifs et périmètre » in a real browser: paliers, an objective, the scope."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Project

from .conftest import UI

AXES = ("Partage des dossiers patients", "Coordination interprofessionnelle",
        "Pilotage de l'activité")
LATER_MODULE = "Facturation adaptée aux nouveaux modes de rémunération"
SUGGESTED_MODULE = "Plan de prévention personnalisé"


def test_chef_fills_step_1(ui: UI, chef: User, chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(page.get_by_role("row", name=r"1. ").get_by_role("link").first,
              context="step 1 page")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="step 1 working page")
    expect(page.get_by_role("heading", name="Objectifs et périmètre", level=1)).to_be_visible()

    # 1. A palier on each axis: where the MSP is, where it aims.
    axes = page.get_by_role("region", name=re.compile("Degré d'intégration"))
    for axis in AXES:
        axes.get_by_label(f"Palier actuel — {axis}").select_option("1")
        axes.get_by_label(f"Palier visé — {axis}").select_option("2")
    axes.get_by_label(f"Précisions — {AXES[0]}").fill("Synthèse partagée d'ici l'été")
    ui.follow(axes.get_by_role("button", name="Enregistrer les paliers"),
              context="step 1 after saving the paliers")
    expect(page.get_by_role("status").first).to_contain_text("Les paliers visés sont enregistrés")
    axes = page.get_by_role("region", name=re.compile("Degré d'intégration"))
    for axis in AXES:
        expect(axes.get_by_label(f"Palier visé — {axis}")).to_have_value("2")

    # 2. An objective of the projet de santé; it suggests modules of the scope.
    objectives = page.get_by_role("region", name=re.compile("Objectifs stratégiques"))
    objectives.get_by_label("Retenu — Prévention").check()
    objectives.get_by_label("Commentaire — Prévention").fill("Dépistage et vaccination")
    ui.follow(objectives.get_by_role("button", name="Enregistrer les objectifs"),
              context="step 1 after saving the objectives")
    expect(page.get_by_role("status").first).to_contain_text(
        "Les objectifs stratégiques sont enregistrés")
    modules = page.get_by_role("region", name=re.compile("Périmètre fonctionnel"))
    expect(modules.get_by_role("row", name=re.compile(SUGGESTED_MODULE))).to_contain_text(
        "suggéré par les objectifs")

    # 3. The scope: a module put off without a reason is refused, then saved with one.
    modules.get_by_label(f"Décision — {SUGGESTED_MODULE}").select_option(
        label="Dans le périmètre")
    modules.get_by_label(f"Décision — {LATER_MODULE}").select_option(label="Vague ultérieure")
    ui.follow(modules.get_by_role("button", name="Enregistrer le périmètre"),
              context="step 1 scope refused (no reason)")
    expect(page.get_by_role("alert").first).to_contain_text("n'a pas été enregistrée")
    modules = page.get_by_role("region", name=re.compile("Périmètre fonctionnel"))
    expect(modules).to_contain_text("Indiquez le motif d'un module hors périmètre ou reporté")
    modules.get_by_label(f"Motif — {LATER_MODULE}").fill("Après la signature de l'ACI")
    ui.follow(modules.get_by_role("button", name="Enregistrer le périmètre"),
              context="step 1 after saving the scope")
    expect(page.get_by_role("status").first).to_contain_text(
        "Le périmètre fonctionnel est enregistré")
    modules = page.get_by_role("region", name=re.compile("Périmètre fonctionnel"))
    expect(modules.get_by_label(f"Décision — {LATER_MODULE}")).to_have_value("later")
    expect(modules.get_by_label(f"Motif — {LATER_MODULE}")).to_have_value(
        "Après la signature de l'ACI")

    # Saved in the database, as the note de cadrage will read it.
    targets = {t.axis: (t.current_level, t.target_level) for t in chef_project.axis_targets.all()}
    assert set(targets.values()) == {(1, 2)}
    assert chef_project.objectives.get(code="prevention").is_selected
    scope = {m.code: (m.decision, m.reason) for m in chef_project.scope_modules.all()}
    assert scope["billing"] == ("later", "Après la signature de l'ACI")
    assert scope["prevention_plan"][0] == "in_scope"
