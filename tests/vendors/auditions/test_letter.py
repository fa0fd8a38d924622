"""The convocation to an audition, rendered by WeasyPrint and read back from the PDF."""

from __future__ import annotations

import io
import re

import pytest
from django.utils import timezone
from pypdf import PdfReader

from msp_si.common.typography import french_datetime
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from projects.models import Document
from tests.typography import plain
from vendors.auditions import services
from vendors.choices import VendorsDocument

from ..audition_fixtures import soon

pytestmark = pytest.mark.django_db

QUESTIONS = (
    "Comment se passe la reprise des dossiers depuis nos deux logiciels actuels ?",
    "Quel délai pour ouvrir les comptes des trois infirmières libérales ?",
    "Que comprend exactement la maintenance annuelle proposée ?",
)


def pdf_text(document: Document) -> str:
    with document.file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    # Lines wrap inside long sentences: compare with single spaces.
    return " ".join(" ".join(plain(page.extract_text()).split()) for page in reader.pages)


def test_the_convocation_carries_time_place_questions_and_signatory(
        audition, lead, make_user) -> None:
    lead.first_name, lead.last_name = "Claire", "Fontanel"
    lead.save()
    vendor = audition.vendor
    vendor.contact_name = "Bastien Leroux"
    vendor.save()
    at = soon(days=10)
    services.audition_schedule(audition=audition, scheduled_at=at, duration_minutes=120,
                               location="Pôle santé, salle du premier étage",
                               attendees="Claire Fontanel, cheffe de projet")
    for text in QUESTIONS:
        services.audition_question_add(audition=audition, text=text, by=lead)
    services.audition_question_move(question=audition.questions.get(text=QUESTIONS[2]),
                                    direction="up")

    document = document_generate_now(project=audition.project,
                                     kind=VendorsDocument.AUDITION_LETTER, by=lead,
                                     subject=str(audition.consulted_id),
                                     subject_label=str(vendor))
    assert document.status == DocumentStatus.DONE, document.error
    assert document.file.name.endswith(".pdf")
    text = pdf_text(document)

    assert "Convocation à l'audition" in text
    assert "À l'attention de Bastien Leroux" in text
    assert vendor.contact_email in text
    local = timezone.localtime(at)
    assert plain(french_datetime(local)) in text
    assert "120 minutes" in text
    assert "Pôle santé, salle du premier étage" in text
    assert "Claire Fontanel, cheffe de projet" in text
    # The questions in the order set by the chef de projet (the third moved up).
    positions = [text.index(q) for q in (QUESTIONS[0], QUESTIONS[2], QUESTIONS[1])]
    assert positions == sorted(positions)
    assert "situation réelle de notre maison de santé" in text
    assert "non d'une démonstration générale" in text
    # The signature takes the attendee table's words (« cheffe de projet »).
    assert re.search(r"Claire Fontanel Cheffe de projet — " + re.escape(audition.project.name),
                     text)


def test_a_convocation_whose_questions_were_removed_fails_with_a_reason(audition,
                                                                        lead) -> None:
    services.audition_schedule(audition=audition, scheduled_at=soon(), duration_minutes=60,
                               location="Visio", attendees="")
    document = document_generate_now(project=audition.project,
                                     kind=VendorsDocument.AUDITION_LETTER, by=lead,
                                     subject=str(audition.consulted_id))
    assert document.status == DocumentStatus.FAILED
    assert "question" in document.error
