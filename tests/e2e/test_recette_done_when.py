"""Issue 11's « done when », in a real browser on the phase-4 demo MSP (« Pôle de santé des
Hauts-Tilleuls »): as its chef de projet, a campaign result, the coverage, an anomaly filed
with its SLA due time; the vendor marks it corrected through its link; the chef verifies
and closes it; the PV de recette generated, read back and validated at step 14; the
contract shows the warranty start. axe runs on every page."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect
from pypdf import PdfReader

from acceptance.choices import AnomalyStatus, Severity
from acceptance.demo.phase4 import P4_LEAD, P4_NURSE, PHASE4_PROJECT_NAME, demo_projects
from acceptance.models import Anomaly
from acceptance.recette.documents import PV_SECTIONS
from acceptance.recette.models import Campaign, CampaignCase
from acceptance.recette.selectors import coverage_of
from msp_si.common import clock
from msp_si.common.typography import french_date, french_datetime
from projects.choices import StepStatus
from projects.demo.seed import DEMO_PASSWORD
from projects.models import Step

from .conftest import UI

RENDER_TIMEOUT_MS = 90_000


def _move(label: str) -> re.Pattern[str]:
    return re.compile(rf"^Passer à «\s{label}\s»$")


def _pdf_text(content: bytes) -> str:
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    return re.sub(r"\s+", " ", text.replace("\u2019", "'"))


@pytest.mark.usefixtures("eager_documents")
def test_the_recette_from_a_result_to_the_warranty_start(new_ui) -> None:
    [result] = demo_projects(reset=False)
    project = result.project
    assert project.name == PHASE4_PROJECT_NAME
    pk = project.pk
    lead_ui: UI = new_ui()
    page = lead_ui.page
    lead_ui.sign_in(P4_LEAD.email, DEMO_PASSWORD)

    # 1. A campaign result: the demo's campaign is half executed; the chef records one more.
    campaign = Campaign.objects.filter(project=project).order_by("starts_on", "id").first()
    item = CampaignCase.objects.filter(campaign=campaign, result="").order_by(
        "position", "id").first()
    lead_ui.goto(reverse("acceptance:recette", args=[pk]), context="recette page")
    lead_ui.follow(page.get_by_role("link", name=campaign.name, exact=True),
                   context="campaign page")
    page.get_by_label(f"Résultat de {item.code}").select_option(label="OK")
    lead_ui.follow(page.get_by_role("button", name=f"Enregistrer {item.code}", exact=True),
                   context="result recorded")
    expect(page.get_by_text(f"Résultat enregistré pour {item.code}.")).to_be_visible()
    item.refresh_from_db()
    assert item.result == "ok"

    # 2. The coverage, as the rules compute it after that result.
    coverage = coverage_of(project=project)
    lead_ui.follow(page.get_by_role("navigation", name="Pages de la recette")
                   .get_by_role("link", name="Couverture des besoins"), context="coverage")
    expect(page.get_by_text(
        f"Besoins vérifiés OK : {coverage.total.ok} sur {coverage.total.total}")).to_be_visible()

    # 3. An anomaly filed, with its due time from the contract's service levels.
    lead_ui.goto(reverse("acceptance:anomaly-list", args=[pk]), context="anomaly log")
    lead_ui.follow(page.get_by_role("link", name="Signaler une anomalie"), context="form")
    page.get_by_label("Titre").fill("Ordonnance non imprimée depuis la consultation")
    page.get_by_label("Description").fill("L'impression part en erreur sur le poste 2.")
    page.get_by_label("Majeure").check()
    lead_ui.follow(page.get_by_role("button", name="Enregistrer l'anomalie"),
                   context="anomaly filed")
    filed = Anomaly.objects.get(project=project,
                                title="Ordonnance non imprimée depuis la consultation")
    assert filed.severity == Severity.MAJOR
    assert filed.due_at is not None
    assert filed.due_at > filed.reported_at
    expect(page.get_by_role("row", name=re.compile("^Prise en compte attendue avant"))
           ).to_contain_text(french_datetime(filed.due_at))

    # 4. The vendor's link: it marks the new anomaly and the demo's blocking one corrected.
    blocking = Anomaly.objects.get(project=project, severity=Severity.BLOCKING,
                                   status=AnomalyStatus.OPEN)
    lead_ui.goto(reverse("acceptance:contract", args=[pk]), context="contract page")
    lead_ui.follow(page.get_by_role("button", name=re.compile(
        "^(Créer le lien du prestataire|Remplacer le lien)")), context="link shown once")
    link = page.get_by_role("textbox", name="Lien sécurisé du prestataire").input_value()
    vendor_ui: UI = new_ui()
    vendor = vendor_ui.page
    vendor_ui.goto(link, context="vendor portal")
    for anomaly in (filed, blocking):
        number = f"{anomaly.number:03d}"
        vendor.get_by_label(f"Votre commentaire sur AN-{number} (facultatif)").fill(
            "Corrigé dans la version 4.3.0, livrée sur l'environnement de recette.")
        vendor_ui.follow(vendor.get_by_role("button", name=re.compile(
            rf"^AN-{number}\s:\s«\sCorrigée\s»$")), context=f"AN-{number} corrected")
        anomaly.refresh_from_db()
        assert anomaly.status == AnomalyStatus.CORRECTED

    # 5. The chef verifies and closes both.
    for anomaly in (filed, blocking):
        lead_ui.goto(reverse("acceptance:anomaly-detail", args=[pk, anomaly.number]),
                     context=f"AN-{anomaly.number} corrected by the vendor")
        expect(page.get_by_text("Corrigé dans la version 4.3.0").first).to_be_visible()
        lead_ui.follow(page.get_by_role("button", name=_move("Vérifiée")), context="verified")
        lead_ui.follow(page.get_by_role("button", name=_move("Close")), context="closed")
        anomaly.refresh_from_db()
        assert anomaly.status == AnomalyStatus.CLOSED

    # 6. The decision (no blocking anomaly is open any more), then the PV, read back.
    today = clock.today()
    lead_ui.goto(reverse("acceptance:recette", args=[pk]), context="recette page again")
    decision = page.locator("#decision")
    expect(decision).not_to_contain_text("anomalie bloquante est ouverte")
    decision.get_by_role("combobox", name=re.compile("^Décision")).select_option(
        label="Recette prononcée avec réserves")
    decision.get_by_label("Date de la décision").fill(today.isoformat())
    decision.get_by_label("Motif ou observations").fill(
        "Deux réserves mineures à lever avant la fin de la période de réactivité.")
    lead_ui.follow(decision.get_by_role("button", name="Enregistrer la décision"),
                   context="decision recorded")
    lead_ui.follow(page.get_by_role(
        "button", name="Générer une nouvelle version (Procès-verbal de recette)"),
        context="PV requested")
    versions = page.get_by_role("table", name="Procès-verbal de recette : dernières versions")
    download = versions.get_by_role("link", name=re.compile(r"^Télécharger la version \d+"))
    expect(download.first).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    lead_ui.check(context="PV ready")
    with page.expect_download() as download_info:
        download.first.click()
    text = _pdf_text(download_info.value.path().read_bytes())
    for _anchor, title in PV_SECTIONS:
        assert title in text, title
    assert campaign.name in text  # 1. campaigns
    assert "Infirmier" in text  # 2. results per profession
    assert (f"Besoins indispensables et importants vérifiés OK : {coverage.total.ok} sur "
            f"{coverage.total.total}") in text  # 3. coverage
    assert "Libellé tronqué dans l'agenda partagé" in text  # 4. a reserve (minor, open)
    assert filed.title not in text  # closed: no longer a reserve
    assert blocking.title not in text
    assert "Recette prononcée avec réserves" in text  # 5. decision
    assert "Deux réserves mineures à lever" in text
    assert "Date et signature" in text  # 6. signatures

    # 7. Step 14 finished, then validated collegially with that PV.
    step_url = reverse("projects:step-detail", args=[pk, 14])
    lead_ui.goto(step_url, context="step 14")
    status = page.locator("#step-status")
    if Step.objects.get(project=project, number=14).status == StepStatus.TODO:
        lead_ui.swap(lambda: status.get_by_role("button", name="Démarrer l'étape").click(),
                     context="step 14 started")
    lead_ui.swap(lambda: status.get_by_role("button", name="Marquer terminée").click(),
                 context="step 14 finished")
    expect(page.locator("#step-status .status")).to_have_text("Terminée")
    lead_ui.goto(step_url, context="step 14 finished")
    lead_ui.follow(page.get_by_role("button", name="Enregistrer la décision collégiale"),
                   context="validation form")
    page.get_by_label("Date de la réunion").fill(today.isoformat())
    page.get_by_label("Validé", exact=True).check()
    page.get_by_label(re.compile(f"{P4_LEAD.first_name} {P4_LEAD.last_name} —")).check()
    page.get_by_label(re.compile(f"{P4_NURSE.first_name} {P4_NURSE.last_name} —")).check()
    page.get_by_label("Version du document validée").select_option(index=1)
    lead_ui.follow(page.get_by_role("button", name="Enregistrer la décision"),
                   context="step 14 validated")
    assert Step.objects.get(project=project, number=14).status == StepStatus.VALIDATED

    # 8. The contract: the warranty and the two months of heightened responsiveness run.
    lead_ui.goto(reverse("acceptance:contract", args=[pk]), context="contract, warranty")
    expect(page.get_by_text(
        f"{french_date(today)} (validation du procès-verbal de recette)")).to_be_visible()
