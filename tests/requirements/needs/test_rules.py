"""Pure rules of the needs grid: no database."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from requirements.needs import rules
from requirements.needs.catalogue import CATALOGUE, catalogue_size
from requirements.needs.rules import Editor, MergeSide

NURSE_REFERENT = Editor(can_edit_needs=True, profession="nurse")
SECURITY_REFERENT = Editor(can_edit_needs=True, domain_ids=frozenset({7}))
CONSOLIDATOR = Editor(can_edit_needs=True, can_consolidate=True)
MEMBER = Editor()


@pytest.mark.parametrize(("editor", "profession", "domain_id", "expected"), [
    (NURSE_REFERENT, "nurse", 1, True),
    (NURSE_REFERENT, "gp", 1, False),
    (NURSE_REFERENT, "", 1, False),
    (SECURITY_REFERENT, "", 7, True),
    (SECURITY_REFERENT, "", 8, False),
    (SECURITY_REFERENT, "nurse", 7, False),
    (CONSOLIDATOR, "gp", 1, True),
    (CONSOLIDATOR, "", 9, True),
    (MEMBER, "", 7, False),
    (MEMBER, "nurse", 7, False),
])
def test_who_may_edit_which_requirement(editor: Editor, profession: str, domain_id: int,
                                        expected: bool) -> None:
    assert rules.may_edit(editor, profession=profession, domain_id=domain_id) is expected


def test_a_profession_referent_without_the_edit_permission_edits_nothing() -> None:
    editor = Editor(can_edit_needs=False, profession="nurse")
    assert not rules.may_edit(editor, profession="nurse", domain_id=1)


@pytest.mark.parametrize(("editor", "profession", "requirement_profession", "expected"), [
    (NURSE_REFERENT, "nurse", "", True),
    (NURSE_REFERENT, "gp", "", False),
    (NURSE_REFERENT, "nurse", "nurse", False),
    (CONSOLIDATOR, "", "", False),
    (SECURITY_REFERENT, "", "", False),
])
def test_profession_priority_on_transversal_needs_only(
    editor: Editor, profession: str, requirement_profession: str, expected: bool,
) -> None:
    assert rules.may_give_profession_priority(
        editor, profession=profession, requirement_profession=requirement_profession,
    ) is expected


def test_addable_professions() -> None:
    present = ["gp", "nurse"]
    assert rules.addable_professions(CONSOLIDATOR, domain_id=1, professions=present) == [
        "", "gp", "nurse"]
    assert rules.addable_professions(NURSE_REFERENT, domain_id=1, professions=present) == [
        "nurse"]
    assert rules.addable_professions(SECURITY_REFERENT, domain_id=7, professions=present) == [
        ""]
    assert rules.addable_professions(SECURITY_REFERENT, domain_id=8, professions=present) == []
    assert rules.addable_professions(MEMBER, domain_id=7, professions=present) == []


def test_codes_come_from_a_counter_that_only_grows() -> None:
    assert rules.next_code("DOS", 0) == ("DOS-001", 1)
    assert rules.next_code("DOS", 41) == ("DOS-042", 42)
    assert rules.format_code("EXT", 1234) == "EXT-1234"


@given(st.lists(st.integers(min_value=0, max_value=5), max_size=30))
def test_codes_are_never_reused_whatever_is_removed(removals: list[int]) -> None:
    # Allocate, remove some (which must not matter), allocate again: all codes distinct.
    counter, issued = 0, []
    for remove in removals:
        code, counter = rules.next_code("PAR", counter)
        issued.append(code)
        del issued[max(0, len(issued) - remove):]  # removed codes leave the grid…
        code, counter = rules.next_code("PAR", counter)
        assert code not in issued  # …and are never handed out again
        issued.append(code)


def test_moves_swap_with_the_neighbour_and_stop_at_the_ends() -> None:
    assert rules.moved([1, 2, 3], 2, "up") == [2, 1, 3]
    assert rules.moved([1, 2, 3], 2, "down") == [1, 3, 2]
    assert rules.moved([1, 2, 3], 1, "up") == [1, 2, 3]
    assert rules.moved([1, 2, 3], 3, "down") == [1, 2, 3]
    with pytest.raises(ValueError, match="sideways"):
        rules.moved([1, 2], 1, "sideways")


def test_renumbered_returns_only_the_positions_that_change() -> None:
    assert rules.renumbered([2, 1, 3], {1: 1, 2: 2, 3: 3}) == {2: 1, 1: 2}
    # Gaps left by removals are closed.
    assert rules.renumbered([5, 9], {5: 1, 9: 4}) == {9: 2}


@pytest.mark.parametrize(("keep", "drop", "refusal"), [
    (MergeSide(1, "", True), MergeSide(2, "", True), ""),
    (MergeSide(1, "", True), MergeSide(2, "nurse", True), ""),
    (MergeSide(1, "nurse", True), MergeSide(2, "nurse", True), ""),
    (MergeSide(1, "", True), MergeSide(1, "", True), "same"),
    (MergeSide(1, "", True), MergeSide(2, "", False), "inactive"),
    (MergeSide(1, "", False), MergeSide(2, "", True), "inactive"),
    (MergeSide(1, "nurse", True), MergeSide(2, "", True), "profession"),
    (MergeSide(1, "nurse", True), MergeSide(2, "gp", True), "profession"),
])
def test_merge_rules(keep: MergeSide, drop: MergeSide, refusal: str) -> None:
    assert rules.merge_refusal(keep, drop) == refusal


def test_merge_keeps_the_priorities_of_the_kept_requirement() -> None:
    assert rules.merged_priorities(
        {"gp": "essential"}, {"gp": "desirable", "nurse": "important"},
    ) == {"nurse": "important"}


def test_divergence_and_highest_priority() -> None:
    assert not rules.is_divergent([])
    assert not rules.is_divergent(["important", "important"])
    assert rules.is_divergent(["important", "essential"])
    assert rules.highest(["desirable", "important"]) == "important"
    assert rules.highest([]) == ""


def test_catalogue_covers_the_transversal_needs_of_step_6() -> None:
    assert 80 <= catalogue_size() <= 150
    codes = [d.code for d in CATALOGUE]
    assert len(codes) == len(set(codes))
    titles = " ".join(d.title + " " + " ".join(s.title for s in d.subdomains)
                      for d in CATALOGUE).lower()
    for topic in ("dossier patient", "coordination", "paramétrage", "habilitations",
                  "alertes", "indicateurs", "facturation", "consentement", "messagerie",
                  "télémédecine", "dossier médical partagé"):
        assert topic in titles, topic
    needs = [n for d in CATALOGUE for s in d.subdomains for n in s.needs]
    assert {n.priority for n in needs} == set(rules.PRIORITY_ORDER)
    assert len({n.profession for n in needs if n.profession}) >= 8
