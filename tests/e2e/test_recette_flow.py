"""Step 14 in a real browser: the chef de projet records campaign results and sees the
coverage move; every page passes axe."""

from __future__ import annotations

from datetime import date

from playwright.sync_api import expect

from acceptance.recette import services
from acceptance.recette.models import CampaignCase
from requirements.needs.models import Requirement
from requirements.needs.services import grid_freeze, grid_initialise

from .conftest import UI


def test_record_campaign_results_then_see_coverage(ui: UI, chef, chef_project) -> None:
    project = chef_project
    grid_freeze(grid=grid_initialise(project=project), by=chef)
    services.cases_generate(project=project, by=chef)
    campaign = services.campaign_open(project=project, by=chef, name="Recette utilisateurs",
                                      kind="users", starts_on=date(2026, 12, 1),
                                      ends_on=date(2026, 12, 18))
    first, second = CampaignCase.objects.filter(campaign=campaign).order_by("position")[:2]
    verified = Requirement.objects.filter(project=project,
                                          priority__in=("essential", "important")).count()
    page = ui.page

    ui.sign_in(chef.email)
    ui.goto(f"/projets/{project.pk}/etapes/14/", context="step 14")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="recette page")
    expect(page.get_by_text(f"{verified} cas de test écrits.")).to_be_visible()
    ui.follow(page.get_by_role("link", name="Recette utilisateurs"), context="campaign")

    page.get_by_label(f"Résultat de {first.code}").select_option(label="OK")
    ui.follow(page.get_by_role("button", name=f"Enregistrer {first.code}", exact=True),
              context="first result recorded")
    expect(page.get_by_text(f"Résultat enregistré pour {first.code}.")).to_be_visible()

    page.get_by_label(f"Résultat de {second.code}").select_option(label="KO")
    page.get_by_label(f"Commentaire sur {second.code}").fill("Le courrier ne s'imprime pas")
    ui.follow(page.get_by_role("button", name=f"Enregistrer {second.code}", exact=True),
              context="KO recorded")
    expect(page.get_by_text("Le courrier ne s'imprime pas")).to_be_visible()
    expect(page.get_by_role("table", name="2 cas exécutés sur " + str(verified))).to_be_visible()

    ui.follow(page.get_by_role("navigation", name="Pages de la recette")
              .get_by_role("link", name="Couverture des besoins"), context="coverage")
    expect(page.get_by_text(f"Besoins vérifiés OK : 1 sur {verified}")).to_be_visible()
    failing = page.get_by_role("region", name="Besoins dont un cas est KO")
    expect(failing).to_contain_text(second.case.requirement.code)
    ui.follow(failing.get_by_role("link", name=second.case.requirement.code),
              context="traceability")
    expect(page.get_by_role("row", name=second.case.requirement.code)).to_contain_text("KO")
