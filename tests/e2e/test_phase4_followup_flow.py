"""On the phase-4 demo MSP, in a real browser, as the chef de projet: training (groups,
a session, convocations with their .ics, attendance, a person without an account), an
evolution and its workbook, an intervention with its training session, its avis and its
announcement, the survey (a personal link answered without signing in) and its results,
the rapport de bilan, a bon de commande — every page checked by axe."""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from acceptance.choices import AcceptanceDocument, OrderStatus
from acceptance.orders.models import PurchaseOrder
from acceptance.training.models import Attendance
from projects.choices import DocumentStatus
from projects.demo import seed as demo
from projects.models import Document, Project
from vendors.decision import services as choice_services

from ..vendors.choice_helpers import close_demo_vote, dossier_generate, dossier_validate
from .conftest import UI

RENDER_TIMEOUT_MS = 90_000


def _phase4_demo() -> Project:
    result = demo.demo_seed()
    project = result.project
    lead = next(u for p, u in result.accounts if p.key == demo.LEAD.key)
    close_demo_vote(project, lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    choice_services.solution_choose(project=project, by=lead)
    return project


@pytest.mark.usefixtures("eager_documents")
def test_training_maintenance_bilan_and_order_as_the_chef(ui: UI) -> None:
    project = _phase4_demo()
    base = f"/projets/{project.pk}/etapes"
    page = ui.page
    ui.sign_in(demo.LEAD.email, demo.DEMO_PASSWORD)

    # Step 15: groups from the team, a session yesterday, convocations, attendance.
    ui.goto(f"{base}/15/formation/", context="training page")
    ui.follow(page.get_by_role("button", name="Former les groupes à partir de l'équipe"),
              context="groups built")
    expect(page.get_by_role("heading", name=re.compile("^Administrateurs"))).to_be_visible()
    yesterday = timezone.localdate() - timedelta(days=1)
    page.get_by_label("Intitulé").fill("Administration du logiciel")
    page.get_by_label("Date et heure").fill(f"{yesterday.isoformat()}T09:00")
    page.get_by_label("Lieu ou lien").fill("Salle de réunion du pôle")
    page.get_by_label("Administrateurs").check()
    ui.follow(page.get_by_role("button", name="Planifier la session"), context="session page")
    ui.follow(page.get_by_role("button", name=re.compile("^Envoyer les convocations")),
              context="convocations sent")
    assert mail.outbox, "no convocation e-mail"
    assert all(m.attachments[0][0] == "formation.ics" for m in mail.outbox)
    for radio in page.get_by_role("radio", name="Présent").all():
        radio.check()
    ui.follow(page.get_by_role("button", name="Enregistrer les présences"),
              context="attendance recorded")
    assert Attendance.objects.filter(project=project, status="present").count() >= 1
    # A secretary without an account: she answers the survey through a personal link.
    ui.goto(f"{base}/15/formation/", context="training page again")
    listed = page.locator("form[action$='/formation/personnes/']")
    listed.locator("select[name=group]").select_option(index=1)
    listed.get_by_label("Nom et prénom").fill("Inès Morel")
    ui.follow(page.get_by_role("button", name="Ajouter", exact=True),
              context="person without an account listed")

    # Step 16: an evolution request, an intervention announced to the members.
    ui.goto(f"{base}/16/maintenance/", context="maintenance page")
    page.get_by_label("Titre").fill("Modèle de courrier d'adressage")
    page.get_by_label("Description").fill("Un modèle commun pour les adressages.")
    ui.follow(page.get_by_role("button", name="Enregistrer la demande"),
              context="evolution logged")
    next_week = timezone.localdate() + timedelta(days=7)
    page.get_by_label("Intitulé").fill("Mise à jour 4.3")
    page.get_by_label("Date et heure").fill(f"{next_week.isoformat()}T20:00")
    page.get_by_label("Contenu (corrections, évolutions)").fill("Corrections de l'agenda.")
    ui.follow(page.get_by_role("button", name="Planifier l'intervention"),
              context="intervention planned")
    # The intervention changes what users do: a training session is planned from it.
    ui.follow(page.get_by_role("button", name="Planifier une session de formation"),
              context="training planned for the intervention")
    expect(page.get_by_role("link", name="Formation — Mise à jour 4.3")).to_be_visible()
    ui.follow(page.get_by_role("button", name=re.compile("^Produire l'avis d'intervention")),
              context="avis d'intervention requested")
    ui.follow(page.get_by_role("button", name="Produire la liste des évolutions (tableur)"),
              context="evolution list requested")
    done = Document.objects.filter(project=project, status=DocumentStatus.DONE)
    assert done.filter(kind=AcceptanceDocument.INTERVENTION_NOTICE).exists()
    assert done.filter(kind=AcceptanceDocument.EVOLUTION_LIST).exists()
    sent = len(mail.outbox)
    ui.follow(page.get_by_role("button", name=re.compile("^Annoncer aux membres")),
              context="intervention announced")
    assert len(mail.outbox) > sent
    assert "une formation est prévue, « Formation — Mise à jour 4.3 »" in mail.outbox[-1].body

    # Step 17: the survey opened and answered, the rapport de bilan produced.
    ui.goto(f"{base}/17/bilan/", context="bilan page")
    ui.follow(page.get_by_role("button", name="Ouvrir l'enquête à tous les membres"),
              context="survey open")
    ui.follow(page.get_by_role("button", name=re.compile("^Créer les liens de toutes")),
              context="personal links shown once")
    link = page.get_by_label("Lien de Inès Morel").input_value()
    ui.goto(urlsplit(link).path, context="survey through a personal link")
    for group in page.get_by_role("group").all():
        group.get_by_label("3", exact=True).check()
    ui.follow(page.get_by_role("button", name="Envoyer ma réponse"),
              context="answered through the link")
    expect(page.get_by_text("Une réponse a été enregistrée avec ce lien")).to_be_visible()
    ui.goto(f"{base}/17/bilan/", context="bilan page, link used")
    ui.follow(page.get_by_role("link", name="Répondre à l'enquête (anonyme)"),
              context="survey form")
    for group in page.get_by_role("group").all():
        group.get_by_label("4", exact=True).check()
    ui.follow(page.get_by_role("button", name="Envoyer ma réponse"), context="answered")
    expect(page.get_by_role("table", name=re.compile("^Résultats d'ensemble"))).to_contain_text(
        "Satisfaction globale")
    ui.follow(page.get_by_role("button", name="Produire le rapport de bilan (PDF)"),
              context="bilan report requested")
    assert Document.objects.filter(project=project, status=DocumentStatus.DONE,
                                   kind=AcceptanceDocument.BILAN_REPORT).exists()

    # Step 18: a bon de commande drafted, priced, approved and produced.
    ui.goto(f"{base}/18/commandes/", context="orders page")
    page.get_by_label("Objet").fill("Arrivée d'une orthophoniste")
    page.get_by_label("Périmètre détaillé").fill("Reprise de ses dossiers et paramétrage.")
    ui.follow(page.get_by_role("button", name="Créer le brouillon"), context="order draft")
    page.get_by_label("Quantité").fill("1")
    ui.follow(page.get_by_role("button", name="Ajouter la ligne"), context="line added")
    ui.follow(page.get_by_role("button", name="Passer à « Approuvé »"), context="approved")
    ui.follow(page.get_by_role("button", name="Produire le bon de commande"),
              context="order document requested")
    link = page.get_by_role("link", name=re.compile("^Télécharger le bon de commande"))
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    order = PurchaseOrder.objects.get(project=project)
    assert order.status == OrderStatus.APPROVED
    ui.assert_no_errors()
