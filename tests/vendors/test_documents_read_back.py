"""Every document of the demo MSP read back: French typography, PDF/A, fonts, metadata,
spreadsheets with numbers, and the content the method asks of the letters."""

from __future__ import annotations

import io
import re
from datetime import datetime
from typing import Any

from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from projects.choices import DocumentStatus
from projects.demo import seed as demo
from projects.documents.services import document_generate_now
from projects.models import Document, Project
from tests.typography import plain, typography_faults
from vendors.auditions.models import Audition
from vendors.consultation.models import ConsultedVendor
from vendors.votes.models import Vote

from .choice_helpers import close_demo_vote

PDF_KINDS = ("note_de_cadrage", "cahier_des_charges", "dossier_de_choix",
             "consultation_letter", "audition_letter", "vote_minutes")
XLSX_KINDS = ("cadre_de_reponse", "dossier_de_choix_grid", "vendor_cadre")


def _subjects(project: Project) -> dict[str, str]:
    consulted = ConsultedVendor.objects.filter(project=project).order_by("pk").first()
    audition = Audition.objects.filter(project=project, scheduled_at__isnull=False).first()
    vote = Vote.objects.get(project=project)
    assert consulted is not None
    assert audition is not None
    return {"consultation_letter": str(consulted.pk), "vendor_cadre": str(consulted.pk),
            "audition_letter": str(audition.consulted_id), "vote_minutes": str(vote.pk)}


def _generate_all(demo_msp: tuple[Project, dict[str, Any]]) -> dict[str, Document]:
    """The nine kinds of document of the demo MSP, its vote closed."""
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    close_demo_vote(project, lead)
    subjects = _subjects(project)
    generated = {}
    for kind in (*PDF_KINDS, *XLSX_KINDS):
        document = document_generate_now(project=project, kind=kind, by=lead,
                                         subject=subjects.get(kind, ""))
        assert document.status == DocumentStatus.DONE, (kind, document.error)
        generated[kind] = document
    return generated


def _content(document: Document) -> bytes:
    with document.file.open("rb") as handle:
        return handle.read()


def _fonts(reader: PdfReader) -> list[DictionaryObject]:
    """Every font dictionary the pages use (the CID font behind a Type0 one)."""
    fonts = []
    for page in reader.pages:
        resources = page["/Resources"].get_object()
        for font in resources.get("/Font", DictionaryObject()).get_object().values():
            font = font.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            fonts.append(font)
    return fonts


def _check_pdfs(documents: dict[str, Document]) -> None:
    """Every PDF: French typography, PDF/A-3u, embedded fonts, metadata."""
    project = documents["note_de_cadrage"].project
    for kind in PDF_KINDS:
        reader = PdfReader(io.BytesIO(_content(documents[kind])))
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert typography_faults(text) == [], kind
        xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
        assert re.search(r'pdfaid:part="3"', xmp), kind
        assert re.search(r'pdfaid:conformance="U"', xmp), kind
        fonts = _fonts(reader)
        assert fonts, kind
        for font in fonts:
            descriptor = font["/FontDescriptor"].get_object()
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor), (kind, font)
        info = reader.metadata
        assert info is not None
        assert documents[kind].kind_label in plain(info.title or ""), kind
        assert info.author == project.name, kind
        assert project.name in (info.subject or ""), kind
        assert reader.trailer["/Root"]["/Lang"] == "fr-FR", kind


def _check_dossier_attachment(documents: dict[str, Document]) -> None:
    """The archived dossier de choix carries its analysis grid (PDF/A-3 source data)."""
    reader = PdfReader(io.BytesIO(_content(documents["dossier_de_choix"])))
    text = plain(" ".join(" ".join(page.extract_text().split()) for page in reader.pages))
    # Step 11: the leading offer's gaps go into the contract, listed with their codes.
    contract = text.split("Points à régler dans le contrat")[-1]
    assert re.search(r"\b[A-Z]{3}-\d{3}\b", contract), contract[:300]
    attached = reader.attachments
    assert list(attached) == ["grille-analyse-offres.xlsx"]
    workbook = load_workbook(io.BytesIO(attached["grille-analyse-offres.xlsx"][0]))
    assert "Classement" in workbook.sheetnames


def _check_spreadsheets(documents: dict[str, Document]) -> None:
    """Amounts as numbers in a French currency format, Paris time, print titles."""
    grid = load_workbook(io.BytesIO(_content(documents["dossier_de_choix_grid"])))
    total = next(row for row in grid["Coût"].iter_rows(min_row=2)
                 if row[1].value == "Total")[-2]
    # A number (a whole amount reads back as an int: the demo's prices depend on the ids).
    assert isinstance(total.value, int | float)
    assert not isinstance(total.value, bool)
    assert total.value > 1000
    assert "[$€-40C]" in total.number_format
    bases = [row[-1].value for row in grid["Coût"].iter_rows(min_row=2) if row[-1].value]
    assert bases
    assert not [basis for basis in bases if re.search(r"\d\.\d", basis)]
    closed = grid["Vote"]["B2"]
    vote = Vote.objects.get(project=documents["vote_minutes"].project)
    assert isinstance(closed.value, datetime)
    assert vote.closed_at is not None
    assert closed.value == timezone.localtime(vote.closed_at).replace(
        tzinfo=None, second=0, microsecond=0)
    cadre = load_workbook(io.BytesIO(_content(documents["cadre_de_reponse"])))
    readme = {row[0].value: row[1].value for row in cadre["Mode d'emploi"].iter_rows()}
    assert typography_faults(str(readme["Généré le"])) == []
    # The clock is frozen at 10:00 in Paris (09:00 UTC): the workbook says Paris time.
    assert plain(str(readme["Généré le"])).endswith("à 10 h")
    for name in ("Grille", "Prix"):
        sheet = cadre[name]
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.print_title_rows == "$1:$1"


def _check_letters(documents: dict[str, Document]) -> None:
    """Sender, recipient's address, questions, validity, signature wording."""
    letter = plain(" ".join(PdfReader(io.BytesIO(_content(documents["consultation_letter"])))
                            .pages[0].extract_text().split()))
    assert "3 place des Trois-Rivières" in letter  # the MSP's address (sender)
    assert "projet-si@trois-rivieres.test" in letter
    assert "(fictif)" in letter.split("À l'attention de")[1]  # the vendor's postal address
    assert re.search(r"Questions : vos questions .* jusqu'au \w+ \d+(er)? \w+ \d{4} inclus",
                     letter)
    assert "rester valable 120 jours" in letter
    assert "La maison de santé pluri-professionnelle" not in letter
    convocation = plain(" ".join(
        " ".join(page.extract_text().split())
        for page in PdfReader(io.BytesIO(_content(documents["audition_letter"]))).pages))
    # The signature uses the attendee table's words for the chef de projet.
    assert "Claire Fontanel Cheffe de projet — Maison de santé des Trois Rivières" in convocation


def test_every_document_of_the_demo_reads_back_as_professional(demo_msp) -> None:
    # One generation of the nine kinds (the demo and nine renders are the slow part),
    # then each property checked on what was produced.
    documents = _generate_all(demo_msp)
    _check_pdfs(documents)
    _check_dossier_attachment(documents)
    _check_spreadsheets(documents)
    _check_letters(documents)
