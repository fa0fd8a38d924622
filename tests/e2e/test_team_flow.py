"""The team in a real browser: the chef invites a référent métier, who joins by the link."""

from __future__ import annotations

import re
from collections.abc import Callable

from django.core import mail
from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.models import Membership, Project

from .conftest import UI

INVITEE = "ines.durand@msp-tilleuls.test"
INVITEE_PASSWORD = "Camomille-et-tilleul-2026"


def test_chef_invites_a_referent_who_joins_by_the_link(
    new_ui: Callable[[], UI], chef: User, chef_project: Project
) -> None:
    chef_ui = new_ui()
    page = chef_ui.page
    chef_ui.sign_in(chef.email)
    chef_ui.follow(chef_ui.nav("Équipe"), context="team page")
    expect(page.get_by_role("heading", name="Équipe projet", level=1)).to_be_visible()

    invite = page.get_by_role("region", name="Inviter une personne")
    invite.get_by_label("Adresse e-mail").fill(INVITEE)
    invite.get_by_label("Rôle").select_option(label="Référent métier")
    invite.get_by_label("Profession").select_option(label="Infirmier·ère")
    chef_ui.follow(invite.get_by_role("button", name="Envoyer l'invitation"),
                   context="team page after invitation")
    expect(page.get_by_role("status")).to_contain_text(f"Invitation envoyée à {INVITEE}")
    pending = page.get_by_role("region", name="Invitations en attente")
    expect(pending.get_by_role("row", name=re.compile(re.escape(INVITEE)))).to_contain_text(
        "Référent métier")

    # The e-mail went through the locmem backend of this very process (the live server
    # is a thread of it).
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [INVITEE]
    link = re.search(r"https?://\S+/invitation/\S+/", message.body)
    assert link, message.body

    # The invitee, in a browser of their own, with no account yet.
    guest = new_ui()
    guest_page = guest.page
    guest.goto(link.group(0), context="invitation link")
    expect(guest_page.get_by_role("heading", level=1)).to_contain_text(
        "Rejoindre le projet MSP des Tilleuls")
    guest_page.get_by_label("Prénom").fill("Inès")
    guest_page.get_by_role("textbox", name="Nom", exact=True).fill("Durand")
    guest_page.get_by_label(re.compile("^Mot de passe")).fill(INVITEE_PASSWORD)
    guest_page.get_by_label("Confirmation du mot de passe").fill(INVITEE_PASSWORD)
    guest.follow(guest_page.get_by_role("button", name="Créer mon compte et rejoindre le projet"),
                 context="project home of the new member")
    assert guest.path() == f"/projets/{chef_project.pk}/"
    expect(guest_page.get_by_role("status")).to_contain_text("Votre compte est créé")
    expect(guest_page.get_by_role("heading", name="MSP des Tilleuls", level=1)).to_be_visible()

    membership = Membership.objects.get(project=chef_project, user__email=INVITEE)
    assert (membership.role, membership.profession) == ("profession_referent", "nurse")

    # The link is single-use: opened again, it is refused.
    guest.goto(link.group(0), status=410, context="used invitation link")
    expect(guest_page.get_by_role("heading", level=1)).to_have_text("Invitation inutilisable")
    # The chef sees the new member in the team table.
    chef_ui.goto(f"/projets/{chef_project.pk}/equipe/", context="team page with the new member")
    expect(page.get_by_role("row", name=re.compile("Inès Durand"))).to_contain_text(
        "Référent métier")
