"""The note de cadrage in a real browser: generate, follow the job, download the PDF."""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from playwright.sync_api import Route, expect
from pypdf import PdfReader

from msp_si.accounts.models import User
from projects.choices import Role
from projects.documents import services as document_services
from projects.models import Document, Project
from projects.tasks import document_generate

from .conftest import UI

# The first WeasyPrint render of a session loads fonts: leave it time on a busy 2-core box.
RENDER_TIMEOUT_MS = 90_000


@pytest.mark.usefixtures("eager_documents")
def test_chef_generates_and_downloads_the_note_de_cadrage(
    ui: UI, chef: User, chef_project: Project
) -> None:
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(ui.nav("Documents"), context="documents page")
    note = page.get_by_role("region", name="Note de cadrage")
    expect(note).to_contain_text("Aucune version générée")

    ui.follow(note.get_by_role("button", name=re.compile("^Générer")),
              context="documents page after « Générer »")
    expect(page.get_by_role("status").first).to_contain_text("Génération de la version 1")
    # The row polls its job (htmx) until the file is ready, then offers the download.
    link = note.get_by_role("link", name="Télécharger la version 1 (PDF)")
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    ui.check(context="documents page with the finished version")

    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename == "note-de-cadrage-v1.pdf"
    content = download.path().read_bytes()
    assert content.startswith(b"%PDF")

    document = Document.objects.get(project=chef_project, kind="note_de_cadrage")
    assert (document.version, document.status) == (1, "done")
    assert document.checksum == hashlib.sha256(content).hexdigest()
    text = "\n".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(content)).pages)
    assert "MSP des Tilleuls" in text
    assert "Note de cadrage" in text or "NOTE DE CADRAGE" in text.upper()

    # Relecture: a comment on one section of the version just generated.
    ui.follow(note.get_by_role("link", name="Relecture de la version 1 (commentaires : 0)"),
              context="review page")
    page.get_by_role("combobox", name="Section").select_option(label="3. Périmètre fonctionnel")
    remark = "Ajouter la télé-expertise dans la vague 2."
    page.get_by_role("textbox", name="Commentaire").fill(remark)
    ui.follow(page.get_by_role("button", name="Enregistrer le commentaire"),
              context="review page after a comment")
    scope = page.get_by_role("article", name="3. Périmètre fonctionnel")
    expect(scope).to_contain_text(remark)


def test_document_row_shows_the_job_live_until_the_download(
    ui: UI, chef: User, chef_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No eager run here: the job waits, as it does for a busy worker, and the row polls."""
    queued: list[int] = []
    monkeypatch.setattr(document_services, "_enqueue", queued.append)
    page = ui.page
    ui.sign_in(chef.email)
    ui.follow(ui.nav("Documents"), context="documents page")
    note = page.get_by_role("region", name="Note de cadrage")
    ui.follow(note.get_by_role("button", name=re.compile("^Générer")),
              context="documents page, job pending")
    row = note.get_by_role("row", name=re.compile("^v1"))
    expect(row).to_contain_text("En attente")
    expect(row.get_by_role("progressbar", name="Avancement de la version 1")).to_be_visible()
    assert len(queued) == 1

    # Hold the row's polling while the "worker" renders in this thread: the live server
    # shares this thread's in-memory SQLite connection, so the two must not overlap.
    status_url = re.compile(r"/documents/\d+/etat/$")
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    loads_before = list(ui.loads)
    page.route(status_url, hold)
    while not held:
        page.wait_for_timeout(100)
    document_generate(queued[0])  # the Celery task's body, as a worker runs it
    for route in held:
        route.continue_()
    page.unroute(status_url, hold)

    link = row.get_by_role("link", name="Télécharger la version 1 (PDF)")
    expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
    expect(row).to_contain_text("Prêt")
    # The row was replaced by htmx polling, not by a reload: its settle event fires
    # shortly after the new row is in place (htmx's settle delay).
    page.wait_for_function("() => (window.__e2eSwaps || 0) >= 1")
    assert ui.loads == loads_before, "the page was reloaded instead of updated in place"
    ui.check(context="documents page after the live update")
    with page.expect_download() as download_info:
        link.click()
    assert download_info.value.path().read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER])
def test_member_cannot_generate_a_document(
    ui: UI, role: str, chef_project: Project, add_member: Callable[..., Any], client: Client
) -> None:
    membership = add_member(chef_project, role=role)
    page = ui.page
    ui.sign_in(membership.user.email)
    ui.follow(ui.nav("Documents"), context=f"documents page seen by {role}")
    expect(page.get_by_role("heading", name="Note de cadrage")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Générer"))).to_have_count(0)

    # A forged POST (the button is not there, the URL is guessable) is refused too.
    client.force_login(membership.user)
    response = client.post(
        f"/projets/{chef_project.pk}/documents/note_de_cadrage/generer/")
    assert response.status_code == 403
    assert not Document.objects.filter(project=chef_project).exists()


@pytest.mark.usefixtures("eager_documents")
def test_amoa_generates_and_downloads_the_cahier_des_charges_and_its_grid(
    ui: UI, chef_project: Project, add_member: Callable[..., Any]
) -> None:
    from openpyxl import load_workbook

    from requirements.needs.services import grid_initialise

    grid_initialise(project=chef_project)
    amoa = add_member(chef_project, role=Role.AMOA).user
    page = ui.page
    ui.sign_in(amoa.email)
    ui.follow(ui.nav("Documents"), context="documents page (AMOA)")
    downloads = {}
    for label, region, link_name in (
        ("Cahier des charges", "Cahier des charges", "Télécharger la version 1 (PDF)"),
        ("Grille des besoins et cadre de réponse", "Grille des besoins et cadre de réponse",
         "Télécharger la version 1 (XLSX)"),
    ):
        section = page.get_by_role("region", name=region, exact=True)
        ui.follow(section.get_by_role("button", name=f"Générer une nouvelle version ({label})"),
                  context=f"documents page after generating {label}")
        link = section.get_by_role("link", name=link_name)
        expect(link).to_be_visible(timeout=RENDER_TIMEOUT_MS)
        with page.expect_download() as download_info:
            link.click()
        downloads[label] = download_info.value.path().read_bytes()
    ui.check(context="documents page with both documents")

    cdc = downloads["Cahier des charges"]
    text = " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(cdc)).pages)
    assert "Spécifications fonctionnelles" in text
    assert "Clauses administratives" in text
    workbook = load_workbook(io.BytesIO(downloads["Grille des besoins et cadre de réponse"]))
    assert workbook.sheetnames[:3] == ["Mode d'emploi", "Grille", "Prix"]
    assert workbook["Grille"].max_row > 50
