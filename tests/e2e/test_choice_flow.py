"""On the demo MSP, in a real browser: a member votes, the chef de projet closes the vote,
generates the dossier de choix, has it validated and records the chosen solution."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from projects.choices import StepStatus
from projects.demo import seed as demo
from projects.models import Project, Step
from vendors.votes.models import Ballot, Vote

from .conftest import UI

RENDER_TIMEOUT_MS = 90_000
CONFLUENCE = "Solutions Confluence Santé — Confluence MSP"


@pytest.mark.usefixtures("eager_documents")
def test_from_the_vote_to_the_chosen_solution(new_ui) -> None:
    project: Project = demo.demo_seed().project
    home = f"/projets/{project.pk}/"

    # 1. Thomas, a member, votes from the project home.
    member_ui: UI = new_ui()
    member = member_ui.page
    member_ui.sign_in(demo.MEMBER.email, demo.DEMO_PASSWORD)
    member_ui.goto(home, context="member home")
    member_ui.follow(member.get_by_role("link", name="Votes de l'assemblée générale"),
                     context="vote list")
    member_ui.follow(member.get_by_role("link", name=re.compile("^Quel logiciel")),
                     context="voting page")
    member.get_by_label(CONFLUENCE).check()
    member_ui.follow(member.get_by_role("button", name="Voter", exact=True),
                     context="member voted")
    expect(member.get_by_text(f"Votre choix actuel : « {CONFLUENCE} »")).to_be_visible()
    vote = Vote.objects.get(project=project)
    assert Ballot.objects.filter(vote=vote).count() == 4

    # 2. The chef de projet closes the vote: Confluence wins.
    lead_ui: UI = new_ui()
    page = lead_ui.page
    lead_ui.sign_in(demo.LEAD.email, demo.DEMO_PASSWORD)
    lead_ui.goto(f"{home}votes/{vote.pk}/", context="vote before close")
    lead_ui.follow_confirmed(page.get_by_role("button", name="Clore le vote maintenant"),
                             question="Clore le vote maintenant ?", context="vote closed")
    expect(page.get_by_role("region", name="Résultat")).to_contain_text(
        f"« {CONFLUENCE} » l'emporte avec 3 voix sur 4 suffrages.")

    # 3. From step 11, the dossier de choix: a synthesis, then the PDF generated.
    lead_ui.goto(f"{home}etapes/11/", context="step 11")
    lead_ui.follow(page.get_by_role("link", name="Dossier de choix et décision"),
                   context="dossier de choix page")
    expect(page.get_by_text(f"« {CONFLUENCE} » l'emporte")).to_be_visible()
    expect(page.get_by_text("Faites d'abord valider le dossier de choix")).to_be_visible()
    page.get_by_role("textbox", name="Synthèse de l'analyse").fill(
        "Deux offres se détachent ; l'assemblée a retenu la mieux classée.")
    lead_ui.follow(page.get_by_role("button", name="Enregistrer la synthèse"),
                   context="synthesis saved")
    lead_ui.follow(page.get_by_role("button",
                                    name="Générer une nouvelle version (Dossier de choix)"),
                   context="dossier requested")
    assert lead_ui.path() == f"{home}etapes/11/dossier-de-choix/"
    link = page.get_by_role("link", name="Télécharger la version 1 (PDF)")
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    lead_ui.check(context="dossier ready")
    with page.expect_download() as download_info:
        link.click()
    content = download_info.value.path().read_bytes()
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    text = text.replace("\u2019", "'")  # typographic apostrophes in the PDF
    text = re.sub(r"\s+", " ", text)
    assert "Deux offres se détachent ; l'assemblée a retenu la mieux classée." in text
    assert f"« {CONFLUENCE} » l'emporte avec 3 voix sur 4 suffrages." in text

    # 4. Step 11 (in progress in the demo: the vote was open) finished, then validated in
    # meeting with that version.
    lead_ui.goto(f"{home}etapes/11/", context="step 11 again")
    status = page.locator("#step-status")
    expect(page.locator("#step-status .status")).to_have_text("En cours")
    lead_ui.swap(lambda: status.get_by_role("button", name="Marquer terminée").click(),
                 context="step 11: Marquer terminée")
    expect(page.locator("#step-status .status")).to_have_text("Terminée")
    lead_ui.goto(f"{home}etapes/11/", context="step 11 finished")
    lead_ui.follow(page.get_by_role("button", name="Enregistrer la décision collégiale"),
                   context="validation form")
    page.get_by_label("Date de la réunion").fill(timezone.localdate().isoformat())
    page.get_by_label("Validé", exact=True).check()
    page.get_by_label(re.compile("Claire Fontanel —")).check()
    page.get_by_label(re.compile("Thomas Garnier —")).check()
    page.get_by_label("Version du document validée").select_option(index=1)
    lead_ui.follow(page.get_by_role("button", name="Enregistrer la décision"),
                   context="validation recorded")
    assert Step.objects.get(project=project, number=11).status == StepStatus.VALIDATED

    # 5. The choice is recorded: the project enters phase 4.
    lead_ui.goto(f"{home}etapes/11/dossier-de-choix/", context="ready to choose")
    lead_ui.follow_confirmed(
        page.get_by_role("button", name=f"Enregistrer le choix : {CONFLUENCE}"),
        question="Le projet passera en phase 4", context="choice recorded")
    expect(page.get_by_text(f"Solution retenue : « {CONFLUENCE} »")).to_be_visible()
    lead_ui.goto(home, context="home in phase 4")
    expect(page.get_by_text("Le projet est en phase 4, mise en œuvre")).to_be_visible()
    project.refresh_from_db()
    assert project.chosen_solution == CONFLUENCE
    assert Step.objects.get(project=project, number=12).status == StepStatus.IN_PROGRESS
