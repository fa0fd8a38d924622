"""Rules of step 10, hand-computed cases: shortlist, schedule, record, letter, files, order."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from vendors.auditions import rules

NOW = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)


def test_only_a_vendor_whose_offer_is_in_can_be_shortlisted() -> None:
    assert rules.shortlist_refusal(has_answer=True) is None
    assert "réponse confirmée" in rules.shortlist_refusal(has_answer=False)


@pytest.mark.parametrize(("shortlisted", "answered", "expected"), [
    (2, 3, []),
    (3, 3, []),
    (0, 3, []),  # nothing chosen yet: no nagging
    (1, 3, ["deux à trois"]),
    (4, 5, ["trois au plus"]),
    (1, 1, ["Une seule offre"]),
    (0, 0, ["Aucune offre"]),
])
def test_the_method_advises_two_or_three_candidates(shortlisted: int, answered: int,
                                                   expected: list[str]) -> None:
    warnings = rules.shortlist_warnings(shortlisted=shortlisted, answered=answered)
    assert len(warnings) == len(expected)
    for warning, words in zip(warnings, expected, strict=True):
        assert words in warning


def test_four_candidates_warning_names_the_number() -> None:
    (warning,) = rules.shortlist_warnings(shortlisted=4, answered=4)
    assert warning.startswith("4 candidats")


@pytest.mark.parametrize(("has_record", "complements", "refused"), [
    (False, 0, False), (True, 0, True), (False, 1, True), (True, 2, True)])
def test_an_audition_with_a_record_stays_on_the_list(has_record: bool, complements: int,
                                                     refused: bool) -> None:
    refusal = rules.unshortlist_refusal(has_record=has_record, complement_count=complements)
    assert (refusal is not None) is refused


@pytest.mark.parametrize(("at", "previous", "minutes", "errors"), [
    (NOW + timedelta(days=3), None, 90, 0),
    (None, None, 90, 0),  # not scheduled yet: the duration alone is checked
    (NOW - timedelta(minutes=1), None, 90, 1),
    (NOW, None, 90, 1),  # now is not « to come »
    (NOW - timedelta(days=2), NOW - timedelta(days=2), 90, 0),  # unchanged past time
    (NOW - timedelta(days=1), NOW - timedelta(days=2), 90, 1),  # moved into the past
    (NOW + timedelta(days=1), None, 14, 1),
    (NOW + timedelta(days=1), None, 15, 0),
    (NOW + timedelta(days=1), None, 480, 0),
    (NOW + timedelta(days=1), None, 481, 1),
    (NOW - timedelta(days=1), None, None, 2),
])
def test_schedule_checks(at: datetime | None, previous: datetime | None, minutes: int | None,
                         errors: int) -> None:
    found = rules.schedule_errors(scheduled_at=at, previous_at=previous,
                                  duration_minutes=minutes, now=NOW)
    assert len(found) == errors


def test_schedule_messages_are_french() -> None:
    found = rules.schedule_errors(scheduled_at=NOW - timedelta(hours=1), previous_at=None,
                                  duration_minutes=5, now=NOW)
    assert found == ["L'audition doit être programmée à une date et une heure à venir.",
                     "La durée de l'audition doit être comprise entre 15 minutes et 8 heures."]


@pytest.mark.parametrize(("held_on", "has_content", "errors"), [
    (None, False, 0), (None, True, 1), (date(2026, 10, 5), True, 0),
    (date(2026, 10, 6), False, 1), (date(2026, 9, 1), False, 0)])
def test_a_record_needs_a_past_audition_day(held_on: date | None, has_content: bool,
                                            errors: int) -> None:
    found = rules.record_errors(held_on=held_on, has_content=has_content,
                                today=date(2026, 10, 5))
    assert len(found) == errors


def test_the_convocation_needs_a_time_and_a_question() -> None:
    assert "Programmez" in rules.letter_refusal(scheduled_at=None, question_count=3)
    assert "question" in rules.letter_refusal(scheduled_at=NOW, question_count=0)
    assert rules.letter_refusal(scheduled_at=NOW, question_count=1) is None


@pytest.mark.parametrize(("size", "head", "refused"), [
    (1000, b"%PDF-1.7", None),
    (10 * 1024 * 1024, b"%PDF-1.4", None),
    (10 * 1024 * 1024 + 1, b"%PDF-1.4", "10 Mo"),
    (1000, b"PK\x03\x04", "pas un PDF"),
    (1000, b"%PDF", "pas un PDF"),  # the magic is five bytes
    (0, b"", "pas un PDF"),
])
def test_a_complement_file_is_a_pdf_of_at_most_10_mb(size: int, head: bytes,
                                                    refused: str | None) -> None:
    refusal = rules.complement_file_refusal(size=size, head=head)
    assert refusal is None if refused is None else refused in refusal


@pytest.mark.parametrize(("moved", "direction", "expected"), [
    (20, "up", [20, 10, 30]),
    (20, "down", [10, 30, 20]),
    (10, "up", [10, 20, 30]),  # already first
    (30, "down", [10, 20, 30]),  # already last
    (99, "up", [10, 20, 30]),  # not in the list
    (20, "sideways", [10, 20, 30]),
])
def test_reordered(moved: int, direction: str, expected: list[int]) -> None:
    assert rules.reordered([10, 20, 30], moved, direction) == expected


def test_excerpt_cuts_at_a_word() -> None:
    assert rules.excerpt("court  texte\n") == "court texte"
    assert rules.excerpt("un deux trois quatre", limit=10) == "un deux…"
