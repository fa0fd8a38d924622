"""Pure rules of step 4: who fills which profession, completion, totals, consistency."""

from __future__ import annotations

from decimal import Decimal

import pytest

from projects.choices import Profession, Role
from projects.policy import permissions_for
from requirements.existing.rules import (
    ProfessionFigures,
    bandwidth_problems,
    consolidate,
    editable_professions,
    figures_problems,
    may_edit_shared_sections,
    organisation_problems,
    profession_completion,
)

PRESENT = [Profession.GP, Profession.NURSE, Profession.PHYSIOTHERAPIST]


@pytest.mark.parametrize(("role", "own", "expected"), [
    (Role.PROJECT_LEAD, Profession.GP, set(PRESENT)),
    (Role.AMOA, "", set(PRESENT)),
    (Role.PROFESSION_REFERENT, Profession.NURSE, {Profession.NURSE}),
    # A référent whose profession is not present in the MSP fills nothing.
    (Role.PROFESSION_REFERENT, Profession.MIDWIFE, set()),
    (Role.DOMAIN_REFERENT, Profession.COORDINATOR, set()),
    (Role.MEMBER, Profession.GP, set()),
    (Role.OBSERVER, "", set()),
])
def test_editable_professions_by_role(role: str, own: str, expected: set[str]) -> None:
    assert editable_professions(role=role, own_profession=own, granted=permissions_for(role),
                                present=PRESENT) == expected


@pytest.mark.parametrize(("role", "expected"), [
    (Role.PROJECT_LEAD, True), (Role.AMOA, True), (Role.PROFESSION_REFERENT, False),
    (Role.DOMAIN_REFERENT, False), (Role.MEMBER, False), (Role.OBSERVER, False),
])
def test_shared_sections_are_for_chef_and_amoa(role: str, expected: bool) -> None:
    assert may_edit_shared_sections(role=role, granted=permissions_for(role)) is expected


def test_a_lead_without_the_permission_edits_nothing() -> None:
    assert editable_professions(role=Role.PROJECT_LEAD, own_profession="", granted=set(),
                                present=PRESENT) == frozenset()


def test_consistent_figures_have_no_problem() -> None:
    figures = ProfessionFigures(Profession.NURSE, count_today=4, count_in_five_years=5,
                                active_patients_per_professional=600, computerised_count=4,
                                site_counts={"1": 3, "2": 1})
    assert figures_problems(figures) == {}


@pytest.mark.parametrize(("changes", "field"), [
    ({"count_today": -1}, "count_today"),
    ({"count_in_five_years": 501}, "count_in_five_years"),
    ({"active_patients_per_professional": -10}, "active_patients_per_professional"),
    ({"computerised_count": 5}, "computerised_count"),
    ({"site_counts": {"7": 9}}, "site_7"),
    ({"site_counts": {"7": -1}}, "site_7"),
    ({"site_counts": {"7": 1, "8": 2}}, "sites"),
])
def test_inconsistent_figures(changes: dict, field: str) -> None:
    base = {"count_today": 4, "count_in_five_years": 4, "computerised_count": 2}
    problems = figures_problems(ProfessionFigures(Profession.NURSE, **{**base, **changes}))
    assert list(problems) == [field]


def test_a_professional_on_two_sites_counts_on_both() -> None:
    figures = ProfessionFigures(Profession.GP, count_today=3,
                                site_counts={"1": 3, "2": 1})
    partial = ProfessionFigures(Profession.GP, count_today=3, site_counts={"1": 1, "2": None})
    assert figures_problems(figures) == {}
    assert figures_problems(partial) == {}


def test_completion_counts_the_filled_parts() -> None:
    empty = profession_completion(ProfessionFigures(Profession.GP), site_keys=["1"])
    partial = profession_completion(
        ProfessionFigures(Profession.GP, count_today=3, computerised_count=3),
        site_keys=["1"])
    full = profession_completion(
        ProfessionFigures(Profession.GP, count_today=3, count_in_five_years=4,
                          active_patients_per_professional=900, computerised_count=0),
        site_keys=["1"])
    assert (empty.filled, empty.total, empty.is_complete) == (0, 4, False)
    # Computerised but no software named: the computerisation part is not done.
    assert partial.parts == {"headcount": True, "outlook": False, "patients": False,
                             "computerisation": False}
    assert full.is_complete


def test_completion_asks_for_the_site_split_of_a_multi_site_msp() -> None:
    figures = ProfessionFigures(Profession.GP, count_today=3, count_in_five_years=3,
                                active_patients_per_professional=900, computerised_count=3,
                                software="Logiciel A", site_counts={"1": 2})
    missing = profession_completion(figures, site_keys=["1", "2"])
    assert missing.parts["sites"] is False
    assert [label for label, _filled in missing.ordered] == [
        "Effectifs", "Perspective à cinq ans", "Répartition par site", "File active",
        "Informatisation"]
    done = profession_completion(
        ProfessionFigures(**{**figures.__dict__, "site_counts": {"1": 2, "2": 1}}),
        site_keys=["1", "2"])
    assert done.is_complete


def test_consolidate_sums_the_professions() -> None:
    totals = consolidate([
        ProfessionFigures(Profession.GP, count_today=4, count_in_five_years=5,
                          active_patients_per_professional=1000, computerised_count=4),
        ProfessionFigures(Profession.NURSE, count_today=3, count_in_five_years=3,
                          active_patients_per_professional=200, computerised_count=1),
        ProfessionFigures(Profession.PHYSIOTHERAPIST, count_in_five_years=2),
    ])
    assert (totals.count_today, totals.count_in_five_years) == (7, 10)
    assert totals.estimated_patient_files == 4600
    assert totals.computerised == 5
    assert totals.computerised_share == Decimal(71)


def test_consolidate_without_answers() -> None:
    totals = consolidate([ProfessionFigures(Profession.GP)])
    assert (totals.count_today, totals.computerised_share) == (0, None)


@pytest.mark.parametrize(("kwargs", "fields"), [
    ({"secretariat_count": 2, "workstations_to_equip": 10, "total_active_patients": 5000},
     []),
    ({"secretariat_count": 3, "workstations_to_equip": 2, "total_active_patients": None},
     ["workstations_to_equip"]),
    ({"secretariat_count": -1, "workstations_to_equip": None, "total_active_patients": -5},
     ["secretariat_count", "total_active_patients"]),
])
def test_organisation_problems(kwargs: dict, fields: list[str]) -> None:
    assert list(organisation_problems(**kwargs)) == fields


@pytest.mark.parametrize(("down", "up", "guaranteed", "fields"), [
    (Decimal(100), Decimal(20), True, []),
    (None, None, False, []),
    (Decimal(0), Decimal(20), False, ["bandwidth_down_mbps"]),
    (Decimal(100), Decimal(-1), False, ["bandwidth_up_mbps"]),
    (Decimal(100), None, True, ["bandwidth_up_mbps"]),
    (Decimal(20000), Decimal(20), False, ["bandwidth_down_mbps"]),
])
def test_bandwidth_problems(down, up, guaranteed: bool, fields: list[str]) -> None:
    assert list(bandwidth_problems(down=down, up=up, is_guaranteed=guaranteed)) == fields


def test_staff_are_not_asked_for_an_active_patient_file() -> None:
    secretary = profession_completion(
        ProfessionFigures(Profession.SECRETARY, count_today=2, count_in_five_years=2,
                          computerised_count=2, software="Logiciel de secrétariat"),
        site_keys=["1"])
    assert "patients" not in secretary.parts
    assert secretary.is_complete
