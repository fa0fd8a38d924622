"""The pure rules of step 12: profiles, validation refusal, moves, who edits what."""

from __future__ import annotations

import pytest

from acceptance.settings import rules
from acceptance.settings.choices import ProfileStatus, SettingState

CATALOGUE_NEED = ("Profils d'accès définis par profession et par statut (titulaire, "
                  "remplaçant, vacataire, stagiaire, secrétariat).")


def test_profiles_come_from_professions_and_the_statuses_the_needs_name() -> None:
    keys = rules.profiles_from(
        professions=["gp", "nurse", "secretary", "coordinator", "locum"],
        need_texts=[CATALOGUE_NEED])
    assert [(k.profession, k.status) for k in keys] == [
        ("gp", ProfileStatus.HOLDER), ("nurse", ProfileStatus.HOLDER),
        ("locum", ProfileStatus.REPLACEMENT), ("locum", ProfileStatus.LOCUM),
        ("locum", ProfileStatus.TRAINEE),
        ("secretary", ProfileStatus.SECRETARIAT), ("coordinator", ProfileStatus.COORDINATION),
    ]


def test_without_such_needs_only_titulaires_and_the_locums_present() -> None:
    keys = rules.profiles_from(professions=["physio", "locum"], need_texts=["Agenda."])
    assert [(k.profession, k.status) for k in keys] == [
        ("physio", ProfileStatus.HOLDER), ("locum", ProfileStatus.LOCUM)]


def test_a_secretariat_named_by_the_needs_gets_a_profile_even_without_secretaries() -> None:
    keys = rules.profiles_from(professions=["gp"], need_texts=["Accès du secrétariat."])
    assert ("secretary", ProfileStatus.SECRETARIAT) in {(k.profession, k.status)
                                                        for k in keys}


def test_validation_is_refused_while_a_profile_lacks_a_right() -> None:
    full = dict.fromkeys(("administrative", "synthesis", "medical_record", "personal_notes",
                          "billing", "agenda"), "read")
    partial = {**full, "billing": ""}
    refusal = rules.validation_refusal(
        profiles={"Médecin — titulaire": full, "Secrétariat": partial}, is_validated=False)
    assert refusal is not None
    assert "Secrétariat" in refusal
    assert "Médecin" not in refusal
    assert rules.validation_refusal(profiles={"Médecin": full}, is_validated=False) is None
    assert rules.validation_refusal(profiles={"Médecin": full}, is_validated=True)
    assert rules.validation_refusal(profiles={}, is_validated=False)


@pytest.mark.parametrize(("start", "to", "allowed"), [
    (SettingState.TO_DOCUMENT, SettingState.DOCUMENTED, True),
    (SettingState.TO_DOCUMENT, SettingState.CONFIGURED, False),
    (SettingState.DOCUMENTED, SettingState.TABLE_RECEIVED, True),
    (SettingState.TABLE_RECEIVED, SettingState.CONFIGURED, True),
    (SettingState.CONFIGURED, SettingState.VERIFIED, True),
    (SettingState.VERIFIED, SettingState.CONFIGURED, True),
    (SettingState.VERIFIED, SettingState.TO_DOCUMENT, False),
])
def test_setting_moves_follow_the_table(start: str, to: str, allowed: bool) -> None:
    assert (rules.setting_move_refusal(from_state=start, to_state=to) is None) is allowed


@pytest.mark.parametrize(("kwargs", "expected"), [
    ({"manages_all": True, "member_id": 1, "profession": "", "owner_id": None,
      "domain_referent_id": None, "item_profession": ""}, True),
    ({"manages_all": False, "member_id": 7, "profession": "", "owner_id": None,
      "domain_referent_id": 7, "item_profession": ""}, True),
    ({"manages_all": False, "member_id": 7, "profession": "", "owner_id": 7,
      "domain_referent_id": 3, "item_profession": ""}, True),
    ({"manages_all": False, "member_id": 7, "profession": "", "owner_id": 3,
      "domain_referent_id": 3, "item_profession": ""}, False),
    ({"manages_all": False, "member_id": 7, "profession": "nurse", "owner_id": None,
      "domain_referent_id": None, "item_profession": "nurse"}, True),
    ({"manages_all": False, "member_id": 7, "profession": "nurse", "owner_id": None,
      "domain_referent_id": None, "item_profession": "gp"}, False),
])
def test_a_referent_edits_only_the_items_of_its_domain_or_profession(
        kwargs: dict[str, object], expected: bool) -> None:
    assert rules.can_edit_item(**kwargs) is expected  # type: ignore[arg-type]


def test_a_vacataire_case_checks_the_day_restriction() -> None:
    assert "liste du jour" in rules.day_restriction(ProfileStatus.LOCUM)
    assert rules.day_restriction(ProfileStatus.HOLDER) == ""
