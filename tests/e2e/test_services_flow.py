"""Steps 7 and 6 §2 in a real browser: the chef adapts the services, picks the hosting."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Project
from requirements.models import MigrationItem, ServiceExpectations, TechnicalPreference

from .conftest import UI


def test_chef_adapts_services_and_chooses_hosting(ui: UI, chef: User,
                                                  chef_project: Project) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/7/", context="step 7")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="step 7 working page")
    expect(page.get_by_role("heading", name="Prestations attendues", level=1)).to_be_visible()
    expect(page.get_by_text("valeurs par défaut")).to_be_visible()

    # Service levels: an availability above 100 % is refused, a sensible one is kept.
    maintenance = page.get_by_role("region", name=re.compile("Maintenance, support"))
    maintenance.get_by_label("Disponibilité (%)").fill("150")
    ui.follow(maintenance.get_by_role("button", name=re.compile("^Enregistrer")),
              context="step 7 refused SLA")
    maintenance = page.get_by_role("region", name=re.compile("Maintenance, support"))
    expect(maintenance).to_contain_text("entre 90 % et 100 %")
    maintenance.get_by_label("Disponibilité (%)").fill("99.9")
    ui.follow(maintenance.get_by_role("button", name=re.compile("^Enregistrer")),
              context="step 7 after saving the SLA")
    expect(page.get_by_role("status").first).to_contain_text("est enregistrée")

    # Data to migrate: one structured line.
    migration = page.get_by_role("region", name=re.compile("Reprise des données"))
    migration.get_by_label("Données à reprendre").fill("Dossiers des médecins")
    migration.get_by_label("Logiciel ou base source").fill("Logiciel médical A")
    migration.get_by_label("Format d'échange").fill("XML")
    ui.follow(migration.get_by_role("button", name="Ajouter", exact=True),
              context="step 7 after adding data to migrate")
    expect(page.get_by_role("table", name=re.compile("Données à reprendre"))).to_contain_text(
        "Logiciel médical A")

    # The technical preferences, linked from the page.
    ui.follow(page.get_by_role("link", name="les préférences techniques (étape 6)"),
              context="technical preferences")
    expect(page.get_by_role("table", name=re.compile("Avantages et inconvénients"))
           ).to_contain_text("Aucun serveur à administrer")
    page.get_by_label(re.compile("Hébergement externalisé chez un hébergeur certifié")).check()
    page.get_by_label("Justification du choix d'hébergement").fill("Deux sites, fibre")
    page.get_by_label(re.compile("Abonnement par utilisateur")).check()
    ui.follow(page.get_by_role("button", name="Enregistrer les préférences techniques"),
              context="technical preferences saved")
    expect(page.get_by_role("status").first).to_contain_text("sont enregistrées")

    row = ServiceExpectations.objects.get(project=chef_project)
    assert str(row.availability_percent) == "99.90"
    assert MigrationItem.objects.filter(project=chef_project).count() == 1
    preference = TechnicalPreference.objects.get(project=chef_project)
    assert (preference.hosting, preference.purchase_model) == ("certified_host",
                                                               "subscription")
