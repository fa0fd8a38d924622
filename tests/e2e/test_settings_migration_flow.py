"""On the phase-4 demo MSP, in a real browser with axe on every page: the chef de projet
reopens the validated habilitation matrix and changes a right through htmx, then records
a sample check of the migration; a member reads both pages without any action."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from acceptance.demo.settings import seed
from acceptance.models import HabilitationProfile, MigrationLine
from projects.demo import seed as demo
from vendors.decision import services as choice_services

from ..vendors.choice_helpers import close_demo_vote, dossier_generate, dossier_validate
from .conftest import UI


@pytest.mark.usefixtures("eager_documents")
def test_matrix_cell_and_sample_check(new_ui) -> None:
    result = demo.demo_seed()
    project, people = result.project, {p.key: u for p, u in result.accounts}
    lead = people[demo.LEAD.key]
    close_demo_vote(project, lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    choice_services.solution_choose(project=project, by=lead)
    seed(project=project, people=people)
    home = f"/projets/{project.pk}/"

    ui: UI = new_ui()
    page = ui.page
    ui.sign_in(demo.LEAD.email, demo.DEMO_PASSWORD)
    ui.goto(f"{home}etapes/12/", context="step 12")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="settings page")
    expect(page.get_by_role("heading", name="Définir et réaliser les paramétrages")).to_be_visible()
    expect(page.get_by_text("Matrice validée collégialement : version 1")).to_be_visible()
    ui.follow(page.get_by_role("link", name="Ouvrir la matrice d'habilitation"),
              context="matrix, validated")
    ui.follow(page.get_by_role("button", name="Rouvrir la matrice pour une nouvelle version"),
              context="matrix reopened")

    locum = HabilitationProfile.objects.get(project=project, status="locum")
    cell = page.get_by_label(f"{locum} — Facturation", exact=True)
    ui.swap(lambda: cell.select_option("read"), context="cell saved")
    expect(page.get_by_text(f"Enregistré ({locum}, Facturation)")).to_be_visible()
    locum.refresh_from_db()
    assert locum.billing == "read"

    ui.goto(f"{home}etapes/13/reprise/", context="migration page")
    records = MigrationLine.objects.filter(project=project).first()
    page.get_by_text(f"Enregistrer un contrôle : {records.data}").click()
    form = page.locator(f"form[action$='/reprise/{records.pk}/controle/']")
    form.get_by_label("Contrôlé le").fill("2026-11-23")
    form.get_by_label("Professionnel dont les dossiers sont contrôlés").fill(
        "Dr Paul Desmarais (fictif)")
    form.get_by_label("Dossiers contrôlés").fill("25")
    form.get_by_label("Dossiers en écart").fill("0")
    ui.follow(form.get_by_role("button", name="Enregistrer le contrôle"), context="rechecked")
    expect(page.get_by_text("Contrôle sans écart enregistré.")).to_be_visible()
    assert not records.checks.order_by("-id").first().is_failed

    member_ui: UI = new_ui()
    member_ui.sign_in(demo.MEMBER.email, demo.DEMO_PASSWORD)
    member_ui.goto(f"{home}etapes/12/parametrage/", context="settings as member")
    expect(member_ui.page.get_by_role("button", name="Modifier")).to_have_count(0)
    member_ui.goto(f"{home}etapes/12/habilitations/", context="matrix as member")
    expect(member_ui.page.get_by_role("combobox")).to_have_count(0)
    member_ui.goto(f"{home}etapes/13/reprise/", context="migration as member")
    expect(member_ui.page.get_by_role("button", name="Enregistrer le contrôle")).to_have_count(0)
