"""A COPIL in a real browser: the chef writes the minutes of a meeting held two days ago
(attendees, decisions, an action, a risk reviewed), finds a decision by searching, and
downloads the « Compte rendu de COPIL » PDF; every page passes axe-core."""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import ProjectBody, RiskNature
from projects.models import Meeting, MeetingDecision, Project, Task
from projects.risks.services import risk_create
from tests.typography import pdf_text

from .conftest import UI


@pytest.mark.usefixtures("eager_documents")
def test_chef_holds_a_copil_and_gets_its_minutes(ui: UI, chef: User,
                                                 chef_project: Project) -> None:
    held_on = clock.today() - timedelta(days=2)
    Meeting.objects.create(project=chef_project, body=ProjectBody.STEERING_COMMITTEE,
                           held_on=held_on, topic="Revue d'avancement du cadrage")
    risk_create(project=chef_project, by=chef, title="Disponibilité des professionnels",
                nature=RiskNature.HUMAN, probability=3, impact=3)
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/copil/", context="COPIL list")
    ui.follow(page.get_by_role("link", name="Revue d'avancement du cadrage"),
              context="meeting without minutes")
    expect(page.get_by_text("Le compte rendu n'est pas encore enregistré.")).to_be_visible()
    ui.follow(page.get_by_role("button", name="Rédiger le compte rendu"), context="minutes form")

    page.get_by_label("Claire Martin").check()
    page.get_by_label("Ordre du jour").fill("Avancement du cadrage ; risques")
    page.get_by_label("Décisions (une par ligne)").fill(
        "Lancer l'état des lieux en janvier\nDemander une subvention à l'ARS")
    first_action = page.get_by_role("group", name="Action 1 (facultative)")
    first_action.get_by_label("Action").fill("Préparer le dossier de subvention")
    first_action.get_by_label("Responsable").select_option(label="Claire Martin")
    first_action.get_by_label("Échéance").fill((clock.today() + timedelta(days=14)).isoformat())
    page.get_by_label("R1 — Disponibilité des professionnels").check()
    ui.follow(page.get_by_role("button", name="Enregistrer le compte rendu"),
              context="minutes recorded")

    decisions = page.get_by_role("region", name="Décisions")
    expect(decisions).to_contain_text("D1 — Lancer l'état des lieux en janvier")
    expect(decisions).to_contain_text("D2 — Demander une subvention à l'ARS")
    expect(page.get_by_role("region", name="Actions")).to_contain_text(
        "Préparer le dossier de subvention — Claire Martin")
    expect(page.get_by_role("region", name="Risques revus")).to_contain_text(
        "Disponibilité des professionnels")
    assert Task.objects.filter(project=chef_project,
                               title__contains="Préparer le dossier de subvention").exists()

    ui.follow(page.get_by_role("button", name="Générer le compte rendu en PDF"),
              context="minutes PDF generated")
    link = page.get_by_role("link", name="Télécharger la version 1")
    with page.expect_download() as download_info:
        link.click()
    text = pdf_text(download_info.value.path().read_bytes(), flat=True)
    for expected in ("Compte rendu", "Claire Martin", "D1", "Lancer l'état des lieux en janvier",
                     "Préparer le dossier de subvention", "Disponibilité des professionnels"):
        assert expected in text, expected

    ui.goto(f"/projets/{chef_project.pk}/copil/?q=subvention", context="decisions searched")
    found = page.get_by_role("region", name="Décisions").get_by_role("table")
    expect(found).to_contain_text("Demander une subvention à l'ARS")
    expect(found).not_to_contain_text("Lancer l'état des lieux")
    assert MeetingDecision.objects.filter(minutes__meeting__project=chef_project).count() == 2
