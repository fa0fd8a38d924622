"""Step 5 « étude de marché » in a real browser: the AMOA adds, assesses and eliminates."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.choices import Role
from projects.models import Project
from vendors.choices import AssessmentDecision
from vendors.market import services
from vendors.models import VendorAssessment

from .conftest import UI


def test_amoa_runs_the_market_study(ui: UI, chef_project: Project, make_user: Callable[..., User],
                                    add_member: Callable[..., Any]) -> None:
    amoa = make_user("amoa@conseil.test", first_name="Marc", last_name="Lefort")
    add_member(chef_project, Role.AMOA, user=amoa)
    horizon = services.vendor_create(by=amoa, values={
        "name": "Cabinet Logiciel Horizon Vert", "product": "HorizonDoc",
        "label_level": "none"})
    services.assessment_start(project=chef_project, vendor=horizon)
    page = ui.page
    ui.sign_in(amoa.email)

    # From the step 5 page to its working page.
    ui.goto(f"/projets/{chef_project.pk}/etapes/5/", context="step 5")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="market study")
    expect(page.get_by_role("heading", name="Étude de marché", level=1)).to_be_visible()

    # 1. A new vendor in the shared catalogue, and at once in the project's study.
    ui.follow(page.get_by_role("button", name="Ajouter un éditeur au catalogue"),
              context="vendor form")
    page.get_by_label("Éditeur").fill("Solutions Confluence Santé")
    page.get_by_label("Produit").fill("Confluence MSP")
    page.get_by_label("Label e-santé").select_option(label="Label avancé")
    page.get_by_label("Compatible DMP").check()
    page.get_by_label("E-mail du contact").fill("contact@confluence.test")
    ui.follow(page.get_by_role("button", name="Ajouter au catalogue et à l'étude"),
              context="new assessment")
    expect(page.get_by_role("status").first).to_contain_text("ajouté au catalogue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Solutions Confluence Santé — Confluence MSP")

    # 2. Its assessment: covered domains, strengths, kept.
    page.get_by_label("Couvert — Agenda partagé", exact=True).check()
    page.get_by_label("Couvert — Fiche de synthèse partagée du dossier patient", exact=True).check()
    page.get_by_label("Non couvert — Télétransmission de données (télémédecine)").check()
    page.get_by_label("Points forts", exact=True).fill("Synthèse très lisible, agenda complet")
    page.get_by_role("combobox", name="Décision").select_option(label="Retenu pour la consultation")
    ui.follow(page.get_by_role("button", name="Enregistrer l'évaluation"),
              context="assessment saved")
    expect(page.get_by_role("status").first).to_contain_text("est enregistrée")
    expect(page.get_by_label("Couvert — Agenda partagé", exact=True)).to_be_checked()

    # 3. Eliminate the other vendor: refused without a reason, then recorded.
    ui.follow(page.get_by_role("link", name="Étape 5 — Étude de marché"), context="study")
    ui.follow(page.get_by_role("link", name="Cabinet Logiciel Horizon Vert — HorizonDoc"),
              context="other assessment")
    page.get_by_role("combobox", name="Décision").select_option(label="Écarté")
    ui.follow(page.get_by_role("button", name="Enregistrer l'évaluation"),
              context="elimination refused")
    expect(page.get_by_role("alert").first).to_contain_text("pas été enregistrée")
    expect(page.get_by_text("Indiquez le motif pour lequel cet éditeur est écarté.")
           ).to_be_visible()
    page.get_by_label("Motif de la décision").fill("Pas de label e-santé ni DMP")
    ui.follow(page.get_by_role("button", name="Enregistrer l'évaluation"),
              context="elimination recorded")

    # 4. The summary shows both decisions and the coverage, readable without colour.
    ui.follow(page.get_by_role("link", name="Étape 5 — Étude de marché"), context="summary")
    expect(page.get_by_text("1 retenu, 1 écarté, 0 à l'étude.")).to_be_visible()
    vendors = page.get_by_role("region", name="Éditeurs évalués")
    expect(vendors.get_by_role("row", name=re.compile("Horizon Vert"))).to_contain_text(
        "Pas de label e-santé ni DMP")
    coverage = page.get_by_role("region", name="Couverture des modules fonctionnels")
    expect(coverage.get_by_role("row", name=re.compile("^Agenda partagé"))).to_contain_text(
        "Couvert")
    expect(coverage.get_by_role("row", name=re.compile("^Télétransmission"))).to_contain_text(
        "Non couvert")

    decisions = dict(VendorAssessment.objects.filter(project=chef_project)
                     .values_list("vendor__product", "decision"))
    assert decisions == {"Confluence MSP": AssessmentDecision.KEPT,
                         "HorizonDoc": AssessmentDecision.ELIMINATED}


def test_observer_reads_and_chef_meets_a_duplicate(
    new_ui: Callable[[], UI], chef: User, chef_project: Project,
    make_user: Callable[..., User], add_member: Callable[..., Any],
) -> None:
    observer = make_user("ars@region.test", first_name="Hélène", last_name="Vasseur")
    add_member(chef_project, Role.OBSERVER, user=observer)
    lisseron = services.vendor_create(by=chef, values={
        "name": "Éditions Médicales du Lisseron", "product": "Lisseron Coordination",
        "label_level": "standard", "is_hds_certified": True})
    assessment = services.assessment_start(project=chef_project, vendor=lisseron)
    services.assessment_update(assessment=assessment, values={
        "covered_modules": ["shared_agenda"], "strengths": "Tâches partagées",
        "decision": AssessmentDecision.KEPT})
    services.vendor_create(by=chef, values={"name": "Kerandel Informatique Santé",
                                            "product": "Kerandel Parcours"})

    # The observer reads the study and the assessment, with no form to change them.
    reader = new_ui()
    reader.sign_in(observer.email)
    reader.goto(f"/projets/{chef_project.pk}/etapes/5/etude-de-marche/", context="read study")
    expect(reader.page.get_by_text("Lecture seule")).to_be_visible()
    expect(reader.page.get_by_text("Kerandel")).to_have_count(0)
    reader.follow(reader.page.get_by_role("link", name=re.compile("Lisseron Coordination")),
                  context="read assessment")
    expect(reader.page.get_by_text("Tâches partagées")).to_be_visible()
    expect(reader.page.get_by_role("button", name="Enregistrer l'évaluation")).to_have_count(0)

    # The chef de projet types an entry that exists: a link leads to it instead.
    ui = new_ui()
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/5/catalogue/ajouter/", context="vendor form")
    page.get_by_label("Éditeur").fill("KERANDEL informatique sante")
    page.get_by_label("Produit").fill("Kerandel-Parcours")
    ui.follow(page.get_by_role("button", name="Ajouter au catalogue et à l'étude"),
              context="duplicate refused")
    expect(page.get_by_role("alert").first).to_contain_text("figure déjà dans le catalogue")
    ui.follow(page.get_by_role("link", name="Ouvrir la fiche existante"),
              context="existing entry")
    ui.follow(page.get_by_role("button",
                               name="Ajouter cet éditeur à l'étude de marché du projet"),
              context="entry assessed")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kerandel Informatique Santé — Kerandel Parcours")
    assert VendorAssessment.objects.filter(project=chef_project).count() == 2
