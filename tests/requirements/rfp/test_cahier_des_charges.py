"""Step 8 documents from live data: the cahier des charges (PDF) and the cadre (XLSX)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from requirements.choices import RequirementsDocument
from requirements.existing.services import existing_set_it
from requirements.expected.services import service_expectations_save
from requirements.models import Priority, Requirement
from requirements.needs.services import grid_freeze, requirement_remove, requirement_update
from requirements.rfp.cadre import GRID_SHEET, META_SHEET
from requirements.rfp.documents import CDC_SECTIONS
from tests.requirements.conftest import CONSOLIDATOR
from tests.typography import document_pdf_text, plain

FORMULA = "=SOMME(A1:A9) dans le texte du besoin"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", plain(text))


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def edited_grid(grid, need, lead):
    """An essential need rewritten with a formula-like text, and one need removed."""
    first = need()
    requirement_update(requirement=first, editor=CONSOLIDATOR, text=FORMULA,
                       priority=Priority.ESSENTIAL, revision=first.revision, by=lead)
    # An essential need: were it kept, the cahier des charges would print it in full.
    removed = Requirement.objects.filter(project=grid.project, priority=Priority.ESSENTIAL,
                                         is_removed=False).exclude(pk=first.pk).first()
    requirement_remove(requirement=removed, editor=CONSOLIDATOR, by=lead)
    return grid, first.code, removed.code


def _generate(project, lead, kind):
    document = document_generate_now(project=project, kind=kind, by=lead)
    assert document.status == DocumentStatus.DONE, document.error
    return document


@pytest.mark.usefixtures("media_root")
def test_the_pdf_has_every_section_of_step_8_in_order(project, lead, edited_grid) -> None:
    _grid, code, removed_code = edited_grid
    document = _generate(project, lead, RequirementsDocument.CAHIER_DES_CHARGES)
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # After the cover and the contents (which share their page with chapter 1).
    body = _flat(" ".join(page.extract_text() or "" for page in reader.pages[1:]))
    body = body.split(CDC_SECTIONS[-1][1], 1)[1]
    positions = [body.find(title) for _anchor, title in CDC_SECTIONS]
    assert -1 not in positions, positions
    assert positions == sorted(positions)
    # The essential needs are printed in full, the removed one is not.
    assert code in body
    assert FORMULA in body
    assert removed_code not in body
    essentials = Requirement.objects.filter(project=project, priority=Priority.ESSENTIAL,
                                            is_removed=False, merged_into__isnull=True)
    assert all(r.code in body for r in essentials)
    assert document.file.name.endswith(".pdf")


@pytest.mark.usefixtures("media_root")
def test_the_cadre_has_one_row_per_active_need_and_the_grid_version(project, lead,
                                                                   edited_grid) -> None:
    grid, code, removed_code = edited_grid
    grid_freeze(grid=grid, by=lead)
    document = _generate(project, lead, RequirementsDocument.CADRE_DE_REPONSE)
    with document.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    codes = [row[0] for row in workbook[GRID_SHEET].iter_rows(min_row=2, values_only=True)]
    active = Requirement.objects.filter(project=project, is_removed=False,
                                        merged_into__isnull=True)
    assert sorted(codes) == sorted(active.values_list("code", flat=True))
    assert removed_code not in codes
    meta = {r[0]: r[1] for r in workbook[META_SHEET].iter_rows(max_row=8, values_only=True)}
    assert (meta["project_id"], meta["grid_version"]) == (str(project.pk), str(grid.version))
    cell = workbook[GRID_SHEET].cell(row=codes.index(code) + 2, column=4)
    assert (cell.value, cell.data_type) == (FORMULA, "s")
    assert document.file_format == "XLSX"


def test_the_documents_page_offers_both_and_serves_the_xlsx(project, lead, client_for,
                                                             media_root, grid) -> None:
    client = client_for(lead)
    page = plain(client.get(reverse("projects:document-list", args=[project.pk])).content.decode())
    assert "Générer une nouvelle version (Cahier des charges)" in page
    assert "Générer une nouvelle version (Grille des besoins et cadre de réponse)" in page
    document = _generate(project, lead, RequirementsDocument.CADRE_DE_REPONSE)
    response = client.get(reverse("projects:document-download",
                                  args=[project.pk, document.pk]))
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument."
                                        "spreadsheetml.sheet")
    assert 'filename="cadre-de-reponse-v1.xlsx"' in response["Content-Disposition"]


def test_an_empty_project_still_gets_a_readable_cahier(project, lead, media_root) -> None:
    document = _generate(project, lead, RequirementsDocument.CAHIER_DES_CHARGES)
    text = document_pdf_text(document, flat=True)
    assert "La grille des besoins n'est pas encore remplie." in text
    # Step 6 asks for them « impérativement »: missing, they are visibly to be written.
    assert "Processus de partage d'informations entre professionnels à compléter" in text
    # Generated before the grid is frozen: a visible draft watermark.
    # (read without blanks: the rotated watermark comes back from the PDF in pieces)
    assert "projet—grilleencoursdeconsolidation" in "".join(text.split())


def test_the_cahier_gives_the_contract_duration_and_the_sharing_processes(
        project, lead, media_root) -> None:
    """Issue 15: the contract's duration (step 8) and how professionals share information
    today (step 6) are in the cahier des charges."""
    service_expectations_save(project=project, values={"commitment_years": 7})
    existing_set_it(project=project, values={
        "sharing_processes": "Alerte de l'infirmière au médecin par téléphone, puis note "
                             "sur le cahier de liaison."})
    document = _generate(project, lead, RequirementsDocument.CAHIER_DES_CHARGES)
    text = document_pdf_text(document, flat=True)
    assert "Durée du contrat 7 ans à compter de la mise en service" in text
    assert ("Processus de partage d'informations entre professionnels Alerte de "
            "l'infirmière au médecin par téléphone, puis note sur le cahier de liaison.") in text


def test_validating_step_8_freezes_the_cahier_version(project, lead, media_root) -> None:
    """The chef de projet's collegial validation of step 8 freezes the version reviewed."""
    from datetime import date

    from msp_si.common.errors import DomainError
    from projects.choices import StepStatus, ValidationDecision
    from projects.documents.services import document_comment_add
    from projects.models import Membership, Step
    from projects.steps.services import step_validation_record

    document = _generate(project, lead, RequirementsDocument.CAHIER_DES_CHARGES)
    Step.objects.filter(project=project, number=8).update(status=StepStatus.DONE)
    step_validation_record(
        step=Step.objects.get(project=project, number=8), held_on=date(2026, 12, 1),
        decision=ValidationDecision.APPROVED, notes="", document=document, by=lead,
        attendees=Membership.objects.filter(project=project),
    )
    document.refresh_from_db()
    assert document.is_frozen is True
    with pytest.raises(DomainError, match="figée"):
        document_comment_add(document=document, section="fonctionnel", author=lead,
                             body="Trop tard")
