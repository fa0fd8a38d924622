"""The vote of the assemblée générale in a real browser: open, vote, close, procès-verbal."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from msp_si.accounts.models import User
from projects.choices import Role
from projects.models import Project
from vendors.market import services as vendor_services
from vendors.votes.models import Ballot, Vote

from .conftest import UI

RENDER_TIMEOUT_MS = 90_000


@pytest.mark.usefixtures("eager_documents")
def test_a_member_votes_and_the_chef_closes_the_vote(
        new_ui: Callable[[], UI], chef: User, chef_project: Project,
        make_user: Callable[..., User], add_member: Callable[..., Any]) -> None:
    thomas = make_user("thomas@msp-tilleuls.test", first_name="Thomas", last_name="Garnier")
    add_member(chef_project, Role.MEMBER, user=thomas)
    for name, product in (("Solutions Confluence Santé", "Confluence MSP"),
                          ("Éditions Médicales du Lisseron", "Lisseron Coordination")):
        vendor = vendor_services.vendor_create(by=chef, values={
            "name": name, "product": product, "label_level": "standard",
            "is_dmp_compatible": True, "is_hds_certified": True})
        assessment = vendor_services.assessment_start(project=chef_project, vendor=vendor)
        vendor_services.assessment_update(assessment=assessment, values={"decision": "kept"})

    # 1. The chef de projet opens the vote from step 11.
    lead_ui = new_ui()
    page = lead_ui.page
    lead_ui.sign_in(chef.email)
    lead_ui.goto(f"/projets/{chef_project.pk}/etapes/11/", context="step 11")
    lead_ui.follow(page.get_by_role("link", name="Votes de l'assemblée générale"),
                   context="vote list")
    expect(page.get_by_text("Aucun vote n'a encore été ouvert")).to_be_visible()
    lead_ui.follow(page.get_by_role("button", name="Ouvrir un vote"), context="vote form")
    page.get_by_label("Question posée").fill("Quel logiciel retenir ?")
    page.get_by_label("Solutions Confluence Santé — Confluence MSP").check()
    page.get_by_label("Éditions Médicales du Lisseron — Lisseron Coordination").check()
    now = timezone.localtime()
    page.get_by_label("Ouverture du vote").fill(
        (now - timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M"))
    # Closing before opening is refused with a clear message.
    page.get_by_label("Clôture du vote").fill(
        (now - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("spinbutton", name="Quorum", exact=True).fill("50")
    # Refused with HTTP 400: not ``follow``, which expects a successful response.
    with page.expect_navigation() as refused:
        page.get_by_role("button", name="Programmer le vote").click()
    assert refused.value is not None
    assert refused.value.status == 400
    # Chromium logs the 400 of the document itself: expected here, as in ``UI.goto``.
    lead_ui.errors = [e for e in lead_ui.errors if "status of 400" not in e]
    lead_ui.check(context="vote form refused")
    expect(page.get_by_text("La clôture doit être postérieure à l'ouverture du vote.")
           ).to_be_visible()
    assert not Vote.objects.exists()
    page.get_by_label("Clôture du vote").fill(
        (now + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"))
    lead_ui.follow(page.get_by_role("button", name="Programmer le vote"),
                   context="vote opened")
    expect(page.get_by_role("heading", level=1)).to_have_text("Quel logiciel retenir ?")
    vote_path = lead_ui.path()

    # 2. Thomas votes, sees his receipt once, and changes his mind.
    member_ui = new_ui()
    member_page = member_ui.page
    member_ui.sign_in(thomas.email)
    member_ui.goto(vote_path, context="voting page")
    expect(member_page.get_by_text("Les résultats restent cachés jusqu'à la clôture du vote.")
           ).to_be_visible()
    member_page.get_by_label("Éditions Médicales du Lisseron — Lisseron Coordination").check()
    member_ui.follow(member_page.get_by_role("button", name="Voter", exact=True),
                     context="after voting")
    receipt = member_page.locator(".receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", receipt)
    expect(member_page.get_by_text("Votre choix actuel : « Éditions Médicales du Lisseron"
                                   " — Lisseron Coordination »")).to_be_visible()
    member_page.get_by_label("Solutions Confluence Santé — Confluence MSP").check()
    member_ui.follow(member_page.get_by_role("button", name="Changer mon vote"),
                     context="after changing")
    new_receipt = member_page.locator(".receipt-code").inner_text()
    assert new_receipt != receipt
    ballot = Ballot.objects.get(voter=thomas)
    assert (ballot.voter, ballot.receipt) == (thomas, new_receipt)
    # No count is shown to the chef before the close.
    lead_ui.goto(vote_path, context="chef before the close")
    expect(page.get_by_role("region", name="Résultat")).to_have_count(0)

    # 2b. A professional without an account votes in the room: the chef lists her and
    # records her paper ballot, once.
    room = page.get_by_role("region", name="Votants dans la salle")
    room.get_by_label("Prénom et nom").fill("Lucie Marchal")
    room.get_by_label("Profession").fill("Orthophoniste")
    lead_ui.follow(room.get_by_role("button", name="Inscrire ce votant"),
                   context="room voter listed")
    lucie = page.get_by_role("article", name="Lucie Marchal (Orthophoniste)")
    lucie.get_by_label("Solutions Confluence Santé — Confluence MSP").check()
    lucie.get_by_label("Bulletin papier").check()
    lead_ui.follow(lucie.get_by_role("button", name="Enregistrer le bulletin de Lucie Marchal"),
                   context="room ballot recorded")
    expect(page.get_by_text("Le bulletin de Lucie Marchal est enregistré.")).to_be_visible()
    expect(lucie).to_contain_text("Bulletin enregistré (bulletin papier) par")
    expect(lucie.get_by_role("button")).to_have_count(0)
    room_ballot = Ballot.objects.get(room_voter__name="Lucie Marchal")
    assert (room_ballot.voter, room_ballot.cast_by) == (None, chef)

    # 3. The chef closes the vote and sees the result, then generates the PV.
    lead_ui.follow_confirmed(page.get_by_role("button", name="Clore le vote maintenant"),
                             question="Clore le vote maintenant ?", context="vote closed")
    results = page.get_by_role("region", name="Résultat")
    expect(results).to_contain_text("Participation : 2 votants sur 3 membres")
    expect(results).to_contain_text("Quorum atteint")
    expect(results).to_contain_text(
        "« Solutions Confluence Santé — Confluence MSP » l'emporte avec 2 voix sur 2 suffrages.")
    lead_ui.follow(page.get_by_role("button", name="Générer le procès-verbal"),
                   context="minutes requested")
    link = page.get_by_role("link", name="Télécharger la version 1 (PDF)")
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    lead_ui.check(context="minutes ready")
    with page.expect_download() as download_info:
        link.click()
    content = download_info.value.path().read_bytes()
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    assert "Thomas Garnier" in text
    flat = " ".join(text.split())
    assert "Lucie Marchal (Orthophoniste)" in flat
    assert "dans la salle, bulletin papier, enregistré par" in flat
    assert new_receipt in text
    assert receipt not in text
