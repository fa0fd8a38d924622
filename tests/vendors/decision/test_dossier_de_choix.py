"""The dossier de choix, PDF and XLSX, built from the demo MSP's analysis and read back."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from projects.demo import seed as demo
from tests.typography import plain
from vendors.choices import VendorsDocument
from vendors.decision import services as choice_services
from vendors.decision.selectors import DOSSIER_SECTIONS
from vendors.decision.xlsx import SHEETS
from vendors.demo.auditions import COMPLEMENT
from vendors.evaluation.models import EliminatoryCriterion, EliminatoryDecision
from vendors.evaluation.selectors import analysis

from ..choice_helpers import close_demo_vote, dossier_generate

pytestmark = pytest.mark.django_db


def pdf_text(document: Any) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", plain(text))


def test_the_pdf_carries_every_part_of_the_analysis_and_the_vote(demo_msp) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    choice_services.choice_synthesis_update(
        project=project, by=lead,
        text="Deux offres se détachent ; Confluence couvre mieux la coordination.")
    close_demo_vote(project, lead)
    text = pdf_text(dossier_generate(project, lead))

    for _anchor, title in DOSSIER_SECTIONS:
        assert title in text
    assert "Deux offres se détachent ; Confluence couvre mieux la coordination." in text
    # The eliminated offer, with the reasons the analysis gives.
    assert "Atelier Numérique Pluriel — Pluriel Santé : éliminée" in text
    assert "Hébergeur non certifié HDS" in text
    result = analysis(project=project, marks_visible=True)
    first, _second = result.ranking
    assert first.candidate.name == "Solutions Confluence Santé — Confluence MSP"
    # The ranking table and the 3-year cost show the same figures as the analysis page.
    score = f"{first.candidate.score:.2f}".replace(".", ",")
    assert score in text
    cost = f"{first.candidate.cost:,.2f}".replace(",", " ").replace(".", ",")
    assert cost.replace(" ", "") in text.replace(" ", "").replace("\u202f", "")
    assert "Coût total sur 3 ans" in text
    assert "Sensibilité aux poids (±10 %)" in text
    # The audition held in the demo: its synthesis and the complement sent afterwards.
    assert "Démonstration convaincante du dossier partagé et de la coordination" in text
    assert "Devis révisé : deux journées de formation offertes" in text
    assert "audition du" in text
    # The vote's result and digest, as in the procès-verbal.
    assert "« Solutions Confluence Santé — Confluence MSP » l'emporte" in text
    assert "Quorum atteint." in text
    assert "L'assemblée générale a désigné « Solutions Confluence Santé — Confluence MSP »" \
        in text


def test_before_the_vote_the_dossier_says_the_assembly_will_decide(demo_msp,
                                                                   client_for) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    text = pdf_text(dossier_generate(project, lead))
    assert "L'assemblée générale n'a pas encore voté sur les offres." in text
    assert "ce dossier lui est présenté avant son vote" in text
    # No synthesis yet: the page says « à rédiger », the PDF prints no sentence about it.
    assert "synthèse" not in text.split("1. Synthèse de l'analyse")[-1].split("En chiffres")[0]
    page = plain(
        client_for(lead).get(reverse("vendors:choice", args=[project.pk])).content.decode())
    assert "À rédiger" in page


def test_the_grid_workbook_matches_the_analysis_value_for_value(demo_msp) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    # A reason typed by a person that looks like a formula stays text in the workbook.
    criterion = EliminatoryCriterion.objects.get(project=project, kind="custom")
    EliminatoryDecision.objects.filter(criterion=criterion).update(
        reason="=HYPERLINK(\"http://exemple.test\")")
    close_demo_vote(project, lead)
    document = dossier_generate(project, lead, VendorsDocument.DOSSIER_DE_CHOIX_GRID)
    assert document.file.name.endswith(".xlsx")
    with document.file.open("rb") as handle:
        workbook = load_workbook(io.BytesIO(handle.read()))
    assert workbook.sheetnames == list(SHEETS)

    result = analysis(project=project, marks_visible=True)
    ranking = list(workbook["Classement"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in ranking[:2]] == [
        (r.position, r.candidate.name) for r in result.ranking]
    assert Decimal(str(ranking[0][2])).quantize(Decimal("0.01")) == \
        result.ranking[0].candidate.score.quantize(Decimal("0.01"))
    assert Decimal(str(ranking[0][3])) == result.ranking[0].candidate.cost
    assert ranking[2][1] == "Atelier Numérique Pluriel — Pluriel Santé"
    assert ranking[2][4].startswith("Éliminée\u202f: ")  # French spacing in the workbook too

    reasons = [row[4] for row in workbook["Éliminatoires"].iter_rows(min_row=2,
                                                                     values_only=True)]
    assert "=HYPERLINK(\"http://exemple.test\")" in reasons
    for row in workbook["Éliminatoires"].iter_rows(min_row=2):
        assert row[4].data_type == "s"

    cost_rows = [row for row in workbook["Coût"].iter_rows(min_row=2, values_only=True)
                 if row[1] == "Total"]
    totals = {row[0]: Decimal(str(row[5])) for row in cost_rows}
    for offer in result.offers:
        assert totals[str(offer.assessment.vendor)] == offer.cost.total

    auditions = list(workbook["Auditions"].iter_rows(min_row=2, values_only=True))
    held = [row for row in auditions if row[1]]
    assert len(held) == 1
    assert held[0][2].startswith("Démonstration convaincante")
    assert plain(held[0][3]).endswith(COMPLEMENT)

    votes = list(workbook["Vote"].iter_rows(min_row=2, values_only=True))
    assert {row[2] for row in votes} == {
        "Solutions Confluence Santé — Confluence MSP",
        "Éditions Médicales du Lisseron — Lisseron Coordination"}
    assert sum(row[3] for row in votes) == votes[0][5]  # every ballot counted once


def test_the_command_line_writes_the_dossier_de_choix(demo_msp, tmp_path: Path) -> None:
    project, _people = demo_msp
    output = tmp_path / "choix.pdf"
    out = io.StringIO()
    call_command("generate_document", str(project.pk), "dossier_de_choix", "-o", str(output),
                 stdout=out)
    assert "Dossier de choix v1 écrite" in out.getvalue()
    reader = PdfReader(str(output))
    assert "Dossier de choix" in reader.pages[0].extract_text()
