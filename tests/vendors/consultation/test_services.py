"""Services of step 9: consulting, the secret link, preview → confirm, history, late flag."""

from __future__ import annotations

import io
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash
from msp_si.common.typography import french_date
from projects.choices import DocumentStatus
from projects.documents.services import document_generate_now
from requirements.models import NeedsGrid
from requirements.rfp.cadre import META_SHEET
from vendors.choices import AssessmentDecision, VendorsDocument
from vendors.consultation import services
from vendors.consultation.models import AnswerSet, AnswerSetStatus
from vendors.consultation.rules import consulted_count_warning
from vendors.consultation.selectors import consultation_page, vendor_answers

from ..cadre_files import (
    blank_cadre,
    fill,
    part_of,
    rezip,
    shared_strings_bomb,
    sheet_part,
    with_part,
    with_sheet,
)
from ..consultation_fixtures import filled_for


def with_formula(content: bytes) -> bytes:
    """The same answers with a cost computed by a formula."""
    workbook = load_workbook(io.BytesIO(content))
    workbook["Grille"]["I2"] = "=SUM(1,2)"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_only_kept_vendors_of_the_project_are_consulted(project, make_project, grid, kept,
                                                        make_assessment) -> None:
    with pytest.raises(DomainError, match="retenus"):
        services.consulted_add(project=project, assessment=make_assessment(project))
    other = kept(make_project(name="Autre MSP"))
    with pytest.raises(DomainError, match="étude de marché du projet"):
        services.consulted_add(project=project, assessment=other)
    assessment = kept(project)
    services.consulted_add(project=project, assessment=assessment)
    with pytest.raises(DomainError, match="déjà consulté"):
        services.consulted_add(project=project, assessment=assessment)


def test_more_than_five_consulted_vendors_gives_a_warning() -> None:
    assert consulted_count_warning(3) is None
    assert consulted_count_warning(5) is None
    assert "5 au plus" in consulted_count_warning(6)


def test_a_good_file_is_previewed_then_confirmed(consulted, lead) -> None:
    pending = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="reponse.xlsx", by=lead)
    assert pending.status == AnswerSetStatus.PENDING
    assert not pending.is_current
    assert consultation_page(project=consulted.project).lines[0].current is None
    confirmed = services.answers_confirm(answer_set=pending, by=lead)
    assert (confirmed.status, confirmed.is_current, confirmed.is_late) == (
        AnswerSetStatus.CONFIRMED, True, False)
    line = consultation_page(project=consulted.project).lines[0]
    assert line.status == "on_time"
    assert line.summary.missing == 0
    assert line.summary.by_answer["Standard"] == len(confirmed.answers)
    assert line.summary.price_total == Decimal(5900)


def test_confirming_twice_creates_one_current_set(consulted, lead) -> None:
    pending = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="r.xlsx", by=lead)
    first = services.answers_confirm(answer_set=pending, by=lead)
    second = services.answers_confirm(answer_set=pending, by=lead)
    assert first.pk == second.pk
    assert AnswerSet.objects.filter(consulted=consulted).count() == 1
    assert AnswerSet.objects.filter(consulted=consulted, is_current=True).count() == 1


def test_a_re_import_replaces_the_answers_and_keeps_the_previous_ones(consulted, lead) -> None:
    first = services.answers_confirm(answer_set=services.answers_preview(
        consulted=consulted, content=filled_for(consulted), file_name="v1.xlsx", by=lead),
        by=lead)
    second = services.answers_confirm(answer_set=services.answers_preview(
        consulted=consulted, content=filled_for(consulted, answer="Non couvert"),
        file_name="v2.xlsx", by=lead), by=lead)
    first.refresh_from_db()
    assert (first.status, first.is_current) == (AnswerSetStatus.CONFIRMED, False)
    assert second.is_current
    line = consultation_page(project=consulted.project).lines[0]
    assert [s.file_name for s in line.history] == ["v2.xlsx", "v1.xlsx"]
    assert line.summary.by_answer["Non couvert"] == len(second.answers)
    [answers] = vendor_answers(project=consulted.project)
    assert set(answers.answers.values()) == {"Non couvert"}


def test_a_new_upload_supersedes_an_unconfirmed_one(consulted, lead) -> None:
    services.answers_preview(consulted=consulted, content=filled_for(consulted),
                             file_name="a.xlsx", by=lead)
    services.answers_preview(consulted=consulted, content=filled_for(consulted),
                             file_name="b.xlsx", by=lead)
    assert list(AnswerSet.objects.values_list("file_name", flat=True)) == ["b.xlsx"]


def test_a_file_received_after_the_deadline_is_flagged_late(consulted, lead) -> None:
    deadline = consulted.project.consultation.response_deadline
    after = timezone.make_aware(timezone.datetime.combine(deadline + timedelta(days=1),
                                                          timezone.datetime.min.time()))
    late = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                    file_name="r.xlsx", by=lead, now=after)
    assert late.is_late
    on_time = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                       file_name="r.xlsx", by=lead,
                                       now=after - timedelta(seconds=1))
    assert not on_time.is_late
    services.answers_confirm(answer_set=on_time, by=lead)
    assert consultation_page(project=consulted.project).lines[0].status == "on_time"


@pytest.mark.parametrize("damage", [
    lambda c, good: b"not a spreadsheet",
    lambda c, good: good[: len(good) // 3],
    lambda c, good: rezip(good, add={"xl/vbaProject.bin": b"\0"}),
    lambda c, good: rezip(good, add={"xl/media/x.bin": b"\0" * (8 * 1024 * 1024)}),
    lambda c, good: filled_for(c, answer="Peut-être"),
    lambda c, good: rezip(good, add={"xl/externalLinks/externalLink1.xml": b"<x/>"}),
    lambda c, good: with_formula(good),
    lambda c, good: fill(
        blank_cadre(project_id=c.project_id, vendor_id=c.vendor_id, grid_version=1)),
    lambda c, good: shared_strings_bomb(good, megabytes=55),
    lambda c, good: with_part(
        good, "xl/media/image1.png", b"\xd0\xcf\x11\xe0" + b"\0" * 508,
        relationship="http://schemas.microsoft.com/office/2006/relationships/vbaProject"),
    lambda c, good: with_sheet(with_formula(good), "Grille",
                               part_of(good, sheet_part(good, "Grille"))),
], ids=["not-xlsx", "truncated", "macros", "zip-bomb", "answer-outside-list",
        "external-links", "formula", "rows-of-another-grid", "millions-of-strings",
        "macros-under-another-name", "two-sheets-of-one-name"])
def test_a_bad_file_records_nothing(consulted, lead, damage) -> None:
    good = filled_for(consulted)
    with pytest.raises(services.AnswerFileRefused) as caught:
        services.answers_preview(consulted=consulted, content=damage(consulted, good),
                                 file_name="r.xlsx", by=lead)
    assert caught.value.messages
    assert not AnswerSet.objects.exists()


def test_a_bad_file_keeps_the_pending_preview_of_a_good_one(consulted, lead) -> None:
    services.answers_preview(consulted=consulted, content=filled_for(consulted),
                             file_name="good.xlsx", by=lead)
    with pytest.raises(services.AnswerFileRefused):
        services.answers_preview(consulted=consulted, content=b"junk", file_name="bad.xlsx",
                                 by=lead)
    assert list(AnswerSet.objects.values_list("file_name", flat=True)) == ["good.xlsx"]


def test_a_cadre_of_another_vendor_is_refused(project, consulted, kept, lead) -> None:
    other = services.consulted_add(project=project, assessment=kept(project))
    with pytest.raises(services.AnswerFileRefused, match="autre prestataire"):
        services.answers_preview(consulted=other, content=filled_for(consulted),
                                 file_name="r.xlsx", by=lead)
    assert not AnswerSet.objects.exists()


def test_a_cadre_sent_before_the_grid_changed_is_refused(consulted, lead) -> None:
    content = filled_for(consulted)
    NeedsGrid.objects.filter(project=consulted.project).update(version=2)
    with pytest.raises(services.AnswerFileRefused, match="version 1"):
        services.answers_preview(consulted=consulted, content=content, file_name="r.xlsx",
                                 by=lead)


def test_the_secret_link_is_stored_hashed_and_works_until_the_deadline(consulted) -> None:
    token = services.consulted_link_issue(consulted=consulted)
    consulted.refresh_from_db()
    assert consulted.token_hash == token_hash(token)
    assert token not in consulted.token_hash
    assert services.consulted_for_token(token) == consulted
    assert services.consulted_for_token(token + "x") is None
    deadline = consulted.project.consultation.response_deadline
    after = timezone.make_aware(timezone.datetime.combine(deadline + timedelta(days=1),
                                                          timezone.datetime.min.time()))
    assert services.consulted_for_token(token, now=after) is None
    assert services.consulted_for_token(token, now=after - timedelta(minutes=1)) == consulted
    again = services.consulted_link_issue(consulted=consulted)
    assert services.consulted_for_token(token) is None
    assert services.consulted_for_token(again) == consulted


def test_a_vendor_with_answers_cannot_be_withdrawn(consulted, lead) -> None:
    services.answers_confirm(answer_set=services.answers_preview(
        consulted=consulted, content=filled_for(consulted), file_name="r.xlsx", by=lead),
        by=lead)
    with pytest.raises(DomainError, match="déjà importées"):
        services.consulted_remove(consulted=consulted)


def test_a_sent_date_in_the_future_is_refused(consulted) -> None:
    with pytest.raises(DomainError, match="futur"):
        services.consulted_mark_sent(consulted=consulted,
                                     sent_on=timezone.localdate() + timedelta(days=1))
    services.consulted_mark_sent(consulted=consulted, sent_on=timezone.localdate())
    consulted.refresh_from_db()
    assert consulted.sent_on == timezone.localdate()


def test_the_vendor_cadre_document_names_its_vendor_in_the_hidden_sheet(consulted,
                                                                        lead) -> None:
    document = document_generate_now(project=consulted.project,
                                     kind=VendorsDocument.VENDOR_CADRE, by=lead,
                                     subject=str(consulted.pk),
                                     subject_label=str(consulted.vendor))
    assert document.status == DocumentStatus.DONE
    assert document.file.name.endswith(".xlsx")
    workbook = load_workbook(io.BytesIO(document.file.read()))
    meta = {r[0]: r[1] for r in workbook[META_SHEET].iter_rows(max_row=8, values_only=True)}
    assert meta["vendor_id"] == str(consulted.vendor_id)
    assert meta["project_id"] == str(consulted.project_id)
    # The generated cadre is the one the import expects back.
    services.answers_preview(consulted=consulted,
                             content=filled_for(consulted), file_name="r.xlsx", by=lead)


def test_the_letter_names_the_vendor_and_the_deadline(consulted, lead) -> None:
    document = document_generate_now(project=consulted.project,
                                     kind=VendorsDocument.CONSULTATION_LETTER, by=lead,
                                     subject=str(consulted.pk),
                                     subject_label=str(consulted.vendor))
    assert document.status == DocumentStatus.DONE, document.error
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(document.file.read())).pages)
    text = " ".join(text.split())
    assert consulted.vendor.name in text
    deadline = consulted.project.consultation.response_deadline
    assert french_date(deadline).replace("\u00a0", " ") in text
    assert "Date limite de réponse" in text


def test_the_assessment_decision_is_not_changed_by_consulting(consulted) -> None:
    consulted.assessment.refresh_from_db()
    assert consulted.assessment.decision == AssessmentDecision.KEPT


def test_confirming_a_superseded_upload_is_refused(consulted, lead) -> None:
    first = services.answers_preview(consulted=consulted, content=filled_for(consulted),
                                     file_name="a.xlsx", by=lead)
    services.answers_preview(consulted=consulted, content=filled_for(consulted),
                             file_name="b.xlsx", by=lead)
    with pytest.raises(DomainError, match="remplacé"):
        services.answers_confirm(answer_set=first, by=lead)
    assert not AnswerSet.objects.filter(is_current=True).exists()


def test_withdrawing_a_vendor_takes_its_unconfirmed_upload_only(consulted, lead) -> None:
    services.answers_preview(consulted=consulted, content=filled_for(consulted),
                             file_name="brouillon.xlsx", by=lead)
    services.consulted_remove(consulted=consulted)
    assert not AnswerSet.objects.exists()
    # The history keeps the trace of the file the team had checked.
    assert [r.history_type for r in AnswerSet.history.order_by("history_id")] == ["+", "-"]


def test_every_change_of_an_answer_set_is_in_its_history(consulted, lead) -> None:
    first = services.answers_confirm(answer_set=services.answers_preview(
        consulted=consulted, content=filled_for(consulted), file_name="v1.xlsx", by=lead),
        by=lead)
    services.answers_confirm(answer_set=services.answers_preview(
        consulted=consulted, content=filled_for(consulted), file_name="v2.xlsx", by=lead),
        by=lead)
    steps = [(r.history_type, r.status, r.is_current)
             for r in first.history.order_by("history_id")]
    assert steps == [("+", "pending", False), ("~", "confirmed", True),
                     ("~", "confirmed", False)]
