"""Services of step 10: shortlist, schedule, questions, record, complements, syntheses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from msp_si.common.errors import DomainError
from projects.documents import services as document_services
from projects.models import Document
from vendors.auditions import services
from vendors.auditions.models import Audition, AuditionComplement, AuditionQuestion
from vendors.auditions.selectors import audition_syntheses, auditions_page
from vendors.choices import VendorsDocument

from ..audition_fixtures import soon

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def enqueued(monkeypatch) -> list[int]:  # type: ignore[no-untyped-def]
    sent: list[int] = []
    monkeypatch.setattr(document_services, "_enqueue", sent.append)
    return sent


def test_a_vendor_without_confirmed_answers_cannot_be_shortlisted(project, lead,
                                                                  make_consulted) -> None:
    consulted = make_consulted(project, answered=False)
    with pytest.raises(DomainError, match="réponse confirmée"):
        services.audition_shortlist(project=project, consulted=consulted, by=lead)
    assert not Audition.objects.exists()


def test_shortlisting_twice_keeps_one_audition(project, lead, make_consulted) -> None:
    consulted = make_consulted(project)
    first = services.audition_shortlist(project=project, consulted=consulted, by=lead)
    second = services.audition_shortlist(project=project, consulted=consulted, by=lead)
    assert first == second
    assert Audition.objects.count() == 1
    assert first.vendor == consulted.vendor


def test_a_vendor_of_another_project_is_refused(project, lead, make_project,
                                                make_consulted) -> None:
    elsewhere = make_consulted(make_project(name="MSP voisine"))
    with pytest.raises(DomainError):
        services.audition_shortlist(project=project, consulted=elsewhere, by=lead)


def test_page_warns_about_one_candidate_then_not_about_two(project, lead,
                                                           make_consulted) -> None:
    first, second, _third = (make_consulted(project) for _ in range(3))
    services.audition_shortlist(project=project, consulted=first, by=lead)
    page = auditions_page(project=project)
    assert page.answered_count == 3
    assert len(page.shortlisted) == 1
    assert any("deux à trois" in w for w in page.warnings)
    services.audition_shortlist(project=project, consulted=second, by=lead)
    assert auditions_page(project=project).warnings == []


def test_unshortlist_deletes_an_audition_with_only_questions(audition, lead) -> None:
    services.audition_question_add(audition=audition, text="Reprise des données ?", by=lead)
    services.audition_unshortlist(audition=audition)
    assert not Audition.objects.exists()
    assert not AuditionQuestion.objects.exists()


@pytest.mark.parametrize("what", ["notes", "answer", "complement"])
def test_unshortlist_is_refused_once_something_is_recorded(audition, lead, what) -> None:
    question = services.audition_question_add(audition=audition, text="Délai ?", by=lead)
    today = timezone.localdate()
    if what == "notes":
        services.audition_record(audition=audition, notes="Bonne écoute.", synthesis="",
                                 held_on=today)
    elif what == "answer":
        services.audition_record(audition=audition, notes="", synthesis="", held_on=today,
                                 answers={question.pk: "Trois mois."})
    else:
        services.audition_complement_add(audition=audition, received_on=today,
                                         summary="Prix révisé.", by=lead)
    with pytest.raises(DomainError, match="reste dans la liste"):
        services.audition_unshortlist(audition=audition)
    assert Audition.objects.filter(pk=audition.pk).exists()


def test_schedule_in_the_past_is_refused_and_changes_nothing(audition) -> None:
    with pytest.raises(DomainError, match="à venir"):
        services.audition_schedule(audition=audition,
                                   scheduled_at=timezone.now() - timedelta(hours=2),
                                   duration_minutes=60, location="Salle", attendees="")
    audition.refresh_from_db()
    assert audition.scheduled_at is None
    assert audition.location == ""


def test_schedule_then_fix_the_place_after_the_time_has_passed(audition) -> None:
    at = soon()
    services.audition_schedule(audition=audition, scheduled_at=at, duration_minutes=120,
                               location="  Salle de réunion du Confluent ",
                               attendees="Cheffe de projet")
    audition.refresh_from_db()
    assert (audition.scheduled_at, audition.duration_minutes, audition.location) == (
        at, 120, "Salle de réunion du Confluent")
    # A week later the time is past; keeping it while changing the place is fine.
    services.audition_schedule(audition=audition, scheduled_at=at, duration_minutes=120,
                               location="Visioconférence", attendees="",
                               now=at + timedelta(days=1))
    audition.refresh_from_db()
    assert audition.location == "Visioconférence"


def test_questions_are_added_in_order_moved_and_deleted(audition, lead) -> None:
    q1, q2, q3 = (services.audition_question_add(audition=audition, text=t, by=lead)
                  for t in ("Un ?", "Deux ?", "Trois ?"))
    services.audition_question_move(question=q3, direction="up")
    assert [q.text for q in audition.questions.all()] == ["Un ?", "Trois ?", "Deux ?"]
    services.audition_question_move(question=q1, direction="up")  # already first
    assert [q.text for q in audition.questions.all()] == ["Un ?", "Trois ?", "Deux ?"]
    services.audition_question_update(question=q2, text="Deux, reformulée ?")
    services.audition_question_delete(question=q1)
    services.audition_question_delete(question=q1)  # twice: harmless
    assert [q.text for q in audition.questions.all()] == ["Trois ?", "Deux, reformulée ?"]


def test_a_question_posted_twice_is_kept_once(audition, lead) -> None:
    services.audition_question_add(audition=audition, text="Hébergement HDS ?", by=lead)
    services.audition_question_add(audition=audition, text=" Hébergement HDS ? ", by=lead)
    assert audition.questions.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_an_empty_or_too_long_question_is_refused(audition, lead, text) -> None:
    with pytest.raises(DomainError):
        services.audition_question_add(audition=audition, text=text, by=lead)
    assert not audition.questions.exists()


def test_record_needs_the_day_held(audition) -> None:
    with pytest.raises(DomainError, match="date"):
        services.audition_record(audition=audition, notes="Des notes", synthesis="",
                                 held_on=None)
    with pytest.raises(DomainError, match="futur"):
        services.audition_record(audition=audition, notes="Des notes", synthesis="",
                                 held_on=timezone.localdate() + timedelta(days=1))
    audition.refresh_from_db()
    assert audition.notes == ""


def test_record_keeps_notes_synthesis_and_only_this_audition_answers(
        audition, lead, project, make_consulted) -> None:
    question = services.audition_question_add(audition=audition, text="Délai ?", by=lead)
    other = services.audition_shortlist(project=project, consulted=make_consulted(project))
    foreign = services.audition_question_add(audition=other, text="Autre ?", by=lead)
    today = timezone.localdate()
    services.audition_record(audition=audition, notes="Notes", synthesis="Solide.",
                             held_on=today,
                             answers={question.pk: "Trois mois.", foreign.pk: "Forgé"})
    audition.refresh_from_db()
    question.refresh_from_db()
    foreign.refresh_from_db()
    assert (audition.notes, audition.synthesis, audition.held_on) == ("Notes", "Solide.",
                                                                      today)
    assert question.answer == "Trois mois."
    assert foreign.answer == ""


def test_a_pdf_complement_is_stored_and_deleted_with_its_file(audition, lead,
                                                              media_root: Path,
                                                              django_capture_on_commit_callbacks
                                                              ) -> None:
    complement = services.audition_complement_add(
        audition=audition, received_on=timezone.localdate(), summary="Prix révisé à la baisse.",
        content=PDF, file_name="devis-revise.pdf", by=lead)
    stored = media_root / complement.file.name
    assert stored.read_bytes() == PDF
    assert complement.file_name == "devis-revise.pdf"
    assert "devis" not in complement.file.name  # the vendor's name is not used on disk
    with django_capture_on_commit_callbacks(execute=True):
        services.audition_complement_delete(complement=complement)
    assert not AuditionComplement.objects.exists()
    assert not stored.exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"PK\x03\x04 un classeur", "pas un PDF"),
    (b"%PDF-" + b"0" * (10 * 1024 * 1024), "10 Mo"),
])
def test_a_refused_file_stores_nothing(audition, lead, media_root: Path, content,
                                       message) -> None:
    with pytest.raises(DomainError, match=message):
        services.audition_complement_add(audition=audition,
                                         received_on=timezone.localdate(),
                                         summary="Clause de réversibilité", content=content,
                                         file_name="faux.pdf", by=lead)
    assert not AuditionComplement.objects.exists()
    assert not (media_root / "auditions").exists()


def test_a_complement_received_in_the_future_is_refused(audition, lead) -> None:
    with pytest.raises(DomainError, match="futur"):
        services.audition_complement_add(
            audition=audition, received_on=timezone.localdate() + timedelta(days=2),
            summary="Prix", by=lead)


def test_the_letter_is_refused_without_time_or_question(audition, lead, enqueued) -> None:
    with pytest.raises(DomainError, match="Programmez"):
        services.audition_letter_request(audition=audition, by=lead)
    services.audition_schedule(audition=audition, scheduled_at=soon(), duration_minutes=90,
                               location="Salle", attendees="")
    with pytest.raises(DomainError, match="question"):
        services.audition_letter_request(audition=audition, by=lead)
    assert not Document.objects.exists()
    services.audition_question_add(audition=audition, text="Formation ?", by=lead)
    document = services.audition_letter_request(audition=audition, by=lead)
    assert (document.kind, document.subject) == (VendorsDocument.AUDITION_LETTER,
                                                 str(audition.consulted_id))
    assert document.subject_label == str(audition.vendor)
    assert enqueued == [document.pk]


def test_syntheses_for_the_dossier_de_choix(project, lead, make_consulted) -> None:
    held = services.audition_shortlist(project=project, consulted=make_consulted(
        project, name="Alpha Santé"))
    services.audition_shortlist(project=project, consulted=make_consulted(
        project, name="Bêta Logiciels"))
    services.audition_question_add(audition=held, text="Q1", by=lead)
    services.audition_question_add(audition=held, text="Q2", by=lead)
    day = timezone.localdate() - timedelta(days=3)
    services.audition_record(audition=held, notes="n", synthesis="Offre solide.", held_on=day)
    services.audition_complement_add(audition=held, received_on=day + timedelta(days=2),
                                     summary="Remise de 5 %.", by=lead)
    services.audition_complement_add(audition=held, received_on=day + timedelta(days=1),
                                     summary="Clause de réversibilité.", by=lead)
    alpha, beta = audition_syntheses(project=project)
    assert alpha.vendor_label.startswith("Alpha Santé — ")
    assert (alpha.held_on, alpha.synthesis, alpha.question_count) == (day, "Offre solide.", 2)
    assert alpha.complements == [(day + timedelta(days=1), "Clause de réversibilité."),
                                 (day + timedelta(days=2), "Remise de 5 %.")]
    assert (beta.held_on, beta.synthesis, beta.complements, beta.question_count) == (
        None, "", [], 0)


def test_syntheses_read_in_a_fixed_number_of_queries(project, lead, make_consulted,
                                                     django_assert_max_num_queries) -> None:
    for _ in range(3):
        audition = services.audition_shortlist(project=project,
                                               consulted=make_consulted(project))
        services.audition_complement_add(audition=audition,
                                         received_on=timezone.localdate(), summary="x",
                                         by=lead)
    with django_assert_max_num_queries(2):
        assert len(audition_syntheses(project=project)) == 3
