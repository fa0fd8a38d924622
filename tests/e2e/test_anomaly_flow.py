"""On the phase-4 demo MSP, in a real browser: the contract page, the anomaly log and its
filters, a fiche anomalie filed and moved, and the vendor answering through its link."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from acceptance.choices import AnomalyStatus
from acceptance.demo.anomalies import seed
from acceptance.models import Anomaly, AnomalyComment
from projects.demo import seed as demo
from tests.vendors.choice_helpers import close_demo_vote, dossier_generate, dossier_validate
from vendors.decision import services as choice_services

from .conftest import UI


def _phase_4_demo():
    result = demo.demo_seed()
    project, people = result.project, {p.key: u for p, u in result.accounts}
    lead = people[demo.LEAD.key]
    close_demo_vote(project, lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    choice_services.solution_choose(project=project, by=lead)
    seed(project=project, people=people)
    return project


def _move(label: str) -> re.Pattern[str]:
    return re.compile(rf"^Passer à «\s{label}\s»$")


def test_contract_anomalies_and_the_vendor_link(new_ui) -> None:
    project = _phase_4_demo()
    lead_ui: UI = new_ui()
    page = lead_ui.page
    lead_ui.sign_in(demo.LEAD.email, demo.DEMO_PASSWORD)

    # 1. The contract: service levels and obligations; from step 12.
    lead_ui.goto(f"/projets/{project.pk}/etapes/12/", context="step 12")
    lead_ui.follow(page.get_by_role("link", name="Contrat et engagements du prestataire"),
                   context="contract page")
    expect(page.get_by_role("region", name="2. Niveaux de service")).to_contain_text(
        "1 hors délai contractuel")

    # 2. The log, filtered by htmx: the late blocking anomaly is flagged.
    lead_ui.follow(page.get_by_role("link", name="Registre des anomalies").first,
                   context="anomaly list")
    lead_ui.swap(lambda: page.get_by_label("Gravité").select_option("blocking"),
                 context="filtered on blocking")
    table = page.locator("#anomaly-table")
    expect(table).to_contain_text("Impossible d'enregistrer un pansement")
    expect(table).to_contain_text("hors délai")
    expect(table).not_to_contain_text("Libellé tronqué")

    # 3. The anomaly the vendor corrected through its link: the chef verifies and closes.
    answered = Anomaly.objects.get(project=project, status=AnomalyStatus.CORRECTED)
    lead_ui.goto(f"/projets/{project.pk}/mise-en-oeuvre/anomalies/{answered.number}/",
                 context="corrected anomaly")
    expect(page.get_by_text("Corrigé dans la version 4.2.1")).to_be_visible()
    lead_ui.follow(page.get_by_role("button", name=_move("Vérifiée")), context="verified")
    lead_ui.follow(page.get_by_role("button", name=_move("Close")), context="closed")
    answered.refresh_from_db()
    assert answered.status == AnomalyStatus.CLOSED

    # 4. A new anomaly, with its SLA due time.
    lead_ui.goto(f"/projets/{project.pk}/mise-en-oeuvre/anomalies/", context="list again")
    lead_ui.follow(page.get_by_role("link", name="Signaler une anomalie"), context="form")
    page.get_by_label("Titre").fill("Export comptable vide")
    page.get_by_label("Description").fill("Le fichier exporté ne contient rien.")
    page.get_by_label("Majeure").check()
    lead_ui.follow(page.get_by_role("button", name="Enregistrer l'anomalie"),
                   context="anomaly filed")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Export comptable vide")
    expect(page.get_by_text("Prise en compte attendue avant")).to_be_visible()
    filed = Anomaly.objects.get(project=project, title="Export comptable vide")
    page.get_by_role("textbox", name=re.compile(r"^Commentaire\W*$")).fill(
        "Pénalités possibles : à voir en COPIL")
    page.get_by_role("checkbox", name=re.compile("Commentaire interne")).last.check()
    lead_ui.follow(page.get_by_role("button", name="Ajouter le commentaire"),
                   context="internal comment")

    # 5. A fresh link for the vendor; it acknowledges the new anomaly without an account.
    lead_ui.goto(f"/projets/{project.pk}/mise-en-oeuvre/contrat/", context="contract")
    lead_ui.follow(page.get_by_role("button", name=re.compile("^Remplacer le lien")),
                   context="link shown once")
    link = page.get_by_role("textbox", name="Lien sécurisé du prestataire").input_value()
    vendor_ui: UI = new_ui()
    vendor = vendor_ui.page
    vendor_ui.goto(link, context="vendor portal")
    expect(vendor.get_by_text("Pénalités possibles")).to_have_count(0)
    number = f"{filed.number:03d}"
    vendor.get_by_label(f"Votre commentaire sur AN-{number} (facultatif)").fill(
        "Analyse en cours.")
    vendor_ui.follow(vendor.get_by_role("button", name=re.compile(
        rf"^AN-{number}\s:\s«\sPrise en compte\s»$")), context="vendor acknowledged")
    filed.refresh_from_db()
    assert filed.status == AnomalyStatus.ACKNOWLEDGED
    assert AnomalyComment.objects.filter(anomaly=filed, is_from_vendor=True).exists()

    vendor_ui.goto(link[:-5] + "xxxx/", status=404, context="wrong link")
    expect(vendor.get_by_role("heading", level=1)).to_have_text("Lien invalide ou expiré")
