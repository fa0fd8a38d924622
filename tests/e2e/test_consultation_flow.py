"""Step 9 in a real browser: consult a vendor, generate its cadre, upload it filled, confirm."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Project
from requirements.models import Requirement
from requirements.needs.services import grid_initialise
from requirements.rfp.cadre import cadre_de_reponse_xlsx
from tests.vendors.cadre_files import fill
from tests.vendors.conftest import vendor_values
from vendors.choices import AssessmentDecision
from vendors.consultation.models import AnswerSet
from vendors.consultation.selectors import vendor_cadre_data
from vendors.consultation.services import consultation_settle, consulted_add
from vendors.market import services as vendor_services

from .conftest import UI


@pytest.fixture
def kept_vendor(chef: User, chef_project: Project) -> Any:
    grid_initialise(project=chef_project)
    vendor = vendor_services.vendor_create(by=chef, values=vendor_values())
    assessment = vendor_services.assessment_start(project=chef_project, vendor=vendor)
    return vendor_services.assessment_update(
        assessment=assessment, values={"decision": AssessmentDecision.KEPT})


@pytest.mark.usefixtures("eager_documents")
def test_chef_consults_a_vendor_and_imports_its_answers(ui: UI, chef: User,
                                                        chef_project: Project, kept_vendor,
                                                        tmp_path: Path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    page = ui.page
    vendor = kept_vendor.vendor
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/9/", context="step 9 page")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="consultation page")
    expect(page.get_by_role("heading", name="Consultation des prestataires",
                            level=1)).to_be_visible()

    # 1. The deadline, then the vendor kept by the market study is consulted.
    deadline = timezone.localdate() + timedelta(days=15)
    page.get_by_role("textbox", name="Date limite de réponse").fill(deadline.isoformat())
    ui.follow(page.get_by_role("button", name="Enregistrer la date limite"),
              context="deadline saved")
    page.get_by_label("Consulter un prestataire retenu par l'étude de marché").select_option(
        label=f"{vendor.name} — {vendor.product}")
    ui.follow(page.get_by_role("button", name="Consulter", exact=True),
              context="vendor consulted")
    section = page.get_by_role("region", name=re.compile("^" + re.escape(vendor.name) + " — "))
    expect(section).to_contain_text("Réponse attendue")

    # 2. Its own cadre de réponse, generated through the document pipeline.
    ui.follow(section.get_by_role("button", name=re.compile("Générer — Cadre de réponse")),
              context="cadre requested")
    section = page.get_by_role("region", name=re.compile("^" + re.escape(vendor.name) + " — "))
    with page.expect_download() as download_info:
        section.get_by_role("link", name="Télécharger la version 1").click()
    blank = download_info.value.path().read_bytes()

    # 3. The vendor fills it; the chef de projet uploads it, checks the preview, confirms.
    codes = Requirement.objects.filter(project=chef_project).values_list("code", flat=True)
    answers = {code: ("Standard" if n % 3 else "Non couvert",) for n, code in enumerate(codes)}
    filled = tmp_path / "reponse.xlsx"
    filled.write_bytes(fill(blank, answers=answers,
                            prices={"licence": (1, 4200, "Licence"),
                                    "maintenance_year": (1, 800, "")}))
    ui.follow(section.get_by_role("button", name=f"Déposer la réponse de {vendor.name}"),
              context="upload page")
    page.get_by_label("Cadre de réponse rempli (.xlsx)").set_input_files(str(filled))
    ui.follow(page.get_by_role("button", name="Vérifier le fichier"), context="preview")
    expect(page.get_by_role("heading", name="Réponses par priorité")).to_be_visible()
    expect(page.get_by_role("table", name="Prix proposés, hors taxes")).to_contain_text(
        "Licences du logiciel")
    assert not AnswerSet.objects.filter(is_current=True).exists()
    ui.follow(page.get_by_role("button", name="Confirmer l'import"), context="confirmed")
    expect(page.get_by_role("status").first).to_contain_text("sont enregistrées")
    section = page.get_by_role("region", name=re.compile("^" + re.escape(vendor.name) + " — "))
    expect(section).to_contain_text("Réponse reçue dans les délais")
    expect(section).to_contain_text("5\u202f000,00")
    assert AnswerSet.objects.get(is_current=True).consulted.vendor == vendor


def test_the_vendor_answers_through_its_secret_link(new_ui, chef: User, chef_project: Project,
                                                     kept_vendor, tmp_path: Path) -> None:
    consultation_settle(project=chef_project,
                        response_deadline=timezone.localdate() + timedelta(days=5))
    consulted = consulted_add(project=chef_project, assessment=kept_vendor)
    lead_ui = new_ui()
    lead_ui.sign_in(chef.email)
    lead_ui.goto(f"/projets/{chef_project.pk}/etapes/9/consultation/", context="consultation")
    section = lead_ui.page.get_by_role("region", name=re.compile(
        "^" + re.escape(kept_vendor.vendor.name) + " — "))
    lead_ui.follow(section.get_by_role("button", name=re.compile("Créer le lien de dépôt")),
                   context="secret link shown once")
    link = lead_ui.page.get_by_role("textbox", name="Lien de dépôt sécurisé").input_value()
    assert "/consultation/reponse/" in link

    vendor_ui = new_ui()  # no account, no session
    vendor_ui.goto(link, context="vendor upload page")
    broken = tmp_path / "casse.xlsx"
    broken.write_bytes(b"PK\x03\x04 pas un classeur")
    page = vendor_ui.page
    page.get_by_label("Cadre de réponse rempli (.xlsx)").set_input_files(str(broken))
    vendor_ui.follow(page.get_by_role("button", name="Vérifier le fichier"),
                     context="broken file refused")
    expect(page.get_by_role("alert")).to_contain_text("rien n'a été enregistré")
    assert not AnswerSet.objects.exists()

    codes = Requirement.objects.filter(project=chef_project).values_list("code", flat=True)
    filled = tmp_path / "reponse.xlsx"
    filled.write_bytes(fill(cadre_de_reponse_xlsx(
        vendor_cadre_data(chef_project, str(consulted.pk)), generated_at=timezone.now()),
        answers=dict.fromkeys(codes, ("Paramétrage",))))
    page.get_by_label("Cadre de réponse rempli (.xlsx)").set_input_files(str(filled))
    vendor_ui.follow(page.get_by_role("button", name="Vérifier le fichier"),
                     context="vendor preview")
    vendor_ui.follow(page.get_by_role("button", name="Transmettre ma réponse"),
                     context="vendor done")
    expect(page.get_by_role("heading", level=1)).to_have_text("Réponse transmise")
    assert AnswerSet.objects.get(is_current=True).consulted == consulted

    vendor_ui.goto(link[:-5] + "xxxx/", status=404, context="wrong link")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Lien de dépôt invalide ou expiré")
