"""Step 10 in a real browser: shortlist, schedule, questions, convocation, record."""

from __future__ import annotations

import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from msp_si.accounts.models import User
from projects.models import Project
from tests.vendors.audition_fixtures import offer_in
from tests.vendors.conftest import vendor_values
from vendors.auditions.models import Audition
from vendors.choices import AssessmentDecision
from vendors.consultation.services import consulted_add
from vendors.market import services as vendor_services

from .conftest import UI

QUESTION_1 = "Comment reprenez-vous les dossiers de notre logiciel actuel ?"
QUESTION_2 = "Quel délai pour former les trois secrétaires ?"


@pytest.fixture
def answered_vendor(chef: User, chef_project: Project) -> Any:
    """A vendor consulted at step 9 whose answers are confirmed."""
    vendor = vendor_services.vendor_create(by=chef, values=vendor_values(
        name="Solutions Confluence Santé", product="Confluence MSP"))
    assessment = vendor_services.assessment_update(
        assessment=vendor_services.assessment_start(project=chef_project, vendor=vendor),
        values={"decision": AssessmentDecision.KEPT})
    consulted = consulted_add(project=chef_project, assessment=assessment)
    offer_in(consulted)
    return consulted


@pytest.mark.usefixtures("eager_documents")
def test_chef_shortlists_schedules_prepares_convokes_and_records(
        ui: UI, chef: User, chef_project: Project, answered_vendor: Any, tmp_path: Path,
        settings: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    page = ui.page
    name = answered_vendor.vendor.name
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/10/", context="step 10 page")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="auditions page")
    expect(page.get_by_role("heading", name="Auditionner les candidats", level=1)
           ).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("Offre reçue")

    # 1. Shortlist; with a single offer in, the method's remark on a useless step shows.
    ui.follow(page.get_by_role("button", name=f"Retenir pour une audition — {name}"),
              context="shortlisted")
    expect(page.get_by_text("est retenu pour une audition")).to_be_visible()
    expect(page.get_by_text("Une seule offre est reçue")).to_be_visible()
    ui.follow(page.get_by_role("link", name=f"Retenu pour une audition — {name}"),
              context="audition page")

    # 2. Schedule it.
    at = (timezone.localtime() + timedelta(days=8)).replace(hour=14, minute=30)
    page.get_by_label("Date et heure de l'audition").fill(at.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Durée (minutes)").fill("120")
    page.get_by_label("Lieu ou lien de visioconférence").fill("Salle de réunion, 1er étage")
    page.get_by_label("Participants de la maison de santé").fill("Claire Martin, cheffe")
    ui.follow(page.get_by_role("button", name="Enregistrer le rendez-vous"),
              context="scheduled")
    expect(page.get_by_text("Le rendez-vous de l'audition est enregistré.")).to_be_visible()
    # No question yet: the convocation waits, with the reason.
    expect(page.locator("#convocation")).to_contain_text("Préparez au moins une question")

    # 3. Two questions through htmx, then the second moved first.
    for text in (QUESTION_1, QUESTION_2):
        page.get_by_label("Nouvelle question").fill(text)
        ui.swap(lambda: page.get_by_role("button", name="Ajouter la question").click(),
                context="question added")
    expect(page.get_by_label("Question 2")).to_have_value(QUESTION_2)
    ui.swap(lambda: page.get_by_role("button", name="Monter — question 2").click(),
            context="question moved")
    expect(page.get_by_label("Question 1")).to_have_value(QUESTION_2)

    # 4. The convocation, rendered and read back.
    page.reload()
    ui.check(context="reloaded with questions")
    ui.follow(page.get_by_role("button", name="Générer la convocation"),
              context="convocation requested")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Télécharger la convocation, version 1").click()
    reader = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "Salle de réunion, 1er étage" in text
    assert text.index(QUESTION_2) < text.index(QUESTION_1)

    # 5. After the audition: answers, notes and synthesis.
    page.get_by_label("Audition tenue le").fill(timezone.localdate().isoformat())
    page.get_by_label("Réponse à la question 1").fill("Deux journées, sur site.")
    page.get_by_label("Notes prises pendant l'audition").fill("Démonstration sur nos cas.")
    page.get_by_label("Synthèse de l'audition").fill("Offre solide, formation sérieuse.")
    ui.follow(page.get_by_role("button", name="Enregistrer le compte rendu"),
              context="record saved")
    expect(page.get_by_text("Le compte rendu de l'audition est enregistré.")).to_be_visible()
    audition = Audition.objects.get()
    assert audition.synthesis == "Offre solide, formation sérieuse."
    assert audition.questions.first().answer == "Deux journées, sur site."

    ui.follow(page.get_by_role("link", name="Étape 10 — Auditions"), context="back to list")
    auditions = page.get_by_role("article")
    expect(auditions).to_contain_text("Audition tenue")
    expect(auditions).to_contain_text("Offre solide, formation sérieuse.")
    expect(auditions.get_by_role("link", name=re.compile("Télécharger la version 1"))
           ).to_be_visible()
