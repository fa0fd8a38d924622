"""Step 12 writes: the matrix built, edited, validated (cases HAB-…), reopened; setting
items proposed and moved; the patient information checklist."""

from __future__ import annotations

from datetime import date

import pytest

from acceptance.choices import CaseSource
from acceptance.models import AcceptanceCase, HabilitationProfile, SettingItem
from acceptance.settings import services
from acceptance.settings.choices import DataCategory, ProfileStatus, SettingArea
from acceptance.settings.selectors import consent_checklist, matrix_state
from msp_si.common.errors import DomainError
from projects.choices import Role
from projects.models import Membership
from requirements.models import GridDomain
from requirements.needs.services import grid_initialise
from requirements.technical.models import Hosting, PurchaseModel
from requirements.technical.services import technical_preference_save

pytestmark = pytest.mark.django_db


def _fill(project, right: str = "read") -> None:
    for profile in HabilitationProfile.objects.filter(project=project):
        for category in DataCategory.values:
            services.habilitation_right_set(profile=profile, category=category, right=right)


def _members(project) -> list[Membership]:
    return list(Membership.objects.filter(project=project))


def test_the_matrix_has_a_profile_per_profession_and_named_status(project) -> None:
    grid_initialise(project=project)
    profiles = services.habilitation_matrix_build(project=project)
    keys = [(p.profession, p.status) for p in profiles]
    assert keys == [("gp", ProfileStatus.HOLDER), ("nurse", ProfileStatus.HOLDER),
                    ("physio", ProfileStatus.HOLDER), ("locum", ProfileStatus.REPLACEMENT),
                    ("locum", ProfileStatus.LOCUM), ("locum", ProfileStatus.TRAINEE),
                    ("secretary", ProfileStatus.SECRETARIAT)]
    services.habilitation_right_set(profile=profiles[0], category="billing", right="write")
    # A second build adds nothing and keeps what was decided.
    assert len(services.habilitation_matrix_build(project=project)) == len(keys)
    assert HabilitationProfile.objects.get(pk=profiles[0].pk).billing == "write"


def test_validation_is_refused_while_rights_are_missing_then_freezes_and_makes_cases(
        project, lead, make_project) -> None:
    grid_initialise(project=project)
    services.habilitation_matrix_build(project=project)
    with pytest.raises(DomainError, match="Des droits manquent"):
        services.habilitation_matrix_validate(project=project, by=lead,
                                              held_on=date(2026, 11, 20),
                                              attendees=_members(project))
    assert not AcceptanceCase.objects.filter(project=project).exists()

    _fill(project)
    with pytest.raises(DomainError, match="pas membre"):
        services.habilitation_matrix_validate(
            project=project, by=lead, held_on=date(2026, 11, 20),
            attendees=[*_members(project), *_members(make_project(name="MSP voisine"))])
    validation = services.habilitation_matrix_validate(
        project=project, by=lead, held_on=date(2026, 11, 20), attendees=_members(project),
        notes="Relu en réunion pluriprofessionnelle.")
    assert validation.version == 1
    assert len(validation.rows) == 7
    assert validation.rows[0]["rights"]["medical_record"] == "read"
    cases = list(AcceptanceCase.objects.filter(project=project).order_by("code"))
    assert [c.code for c in cases] == [f"HAB-{n:03d}" for n in range(1, 8)]
    assert {c.source for c in cases} == {CaseSource.HABILITATION}
    locum_case = HabilitationProfile.objects.get(project=project, status="locum").case
    assert "liste du jour" in locum_case.steps
    assert locum_case.requirement is not None
    assert locum_case.requirement.code.startswith("PAR")

    # Frozen: no edit, no second validation, and the cases are not made twice.
    profile = HabilitationProfile.objects.filter(project=project).first()
    with pytest.raises(DomainError, match="validée"):
        services.habilitation_right_set(profile=profile, category="billing", right="none")
    with pytest.raises(DomainError, match="déjà validée"):
        services.habilitation_matrix_validate(project=project, by=lead,
                                              held_on=date(2026, 11, 21),
                                              attendees=_members(project))
    assert services.habilitation_cases_sync(project=project, by=lead) == 0

    # Reopened for a nurse vacataire: version 2, and only the new profile gets a case.
    services.habilitation_matrix_reopen(project=project)
    added = services.habilitation_profile_add(project=project, profession="nurse",
                                              status=ProfileStatus.LOCUM)
    for category in DataCategory.values:
        services.habilitation_right_set(profile=added, category=category, right="none")
    again = services.habilitation_matrix_validate(project=project, by=lead,
                                                  held_on=date(2026, 11, 22),
                                                  attendees=_members(project)[:1])
    assert again.version == 2
    assert HabilitationProfile.objects.get(pk=added.pk).case.code == "HAB-008"
    assert AcceptanceCase.objects.filter(project=project).count() == 8
    assert matrix_state(project=project).is_validated


def test_a_profile_is_not_added_twice(project) -> None:
    services.habilitation_profile_add(project=project, profession="gp", status="holder")
    with pytest.raises(DomainError, match="existe déjà"):
        services.habilitation_profile_add(project=project, profession="gp", status="holder")


def test_items_are_proposed_from_the_grid_with_their_referent_and_needs(
        project, lead, add_member) -> None:
    grid = grid_initialise(project=project)
    referent = add_member(project, Role.DOMAIN_REFERENT)
    nurse = add_member(project, Role.PROFESSION_REFERENT)
    GridDomain.objects.filter(grid=grid, code="PAR").update(referent=referent)
    created = services.setting_items_propose(project=project, by=lead)
    assert created == SettingItem.objects.filter(project=project).count()
    access = SettingItem.objects.get(project=project, title="PAR — Accès et habilitations")
    assert access.area == SettingArea.USERS_RIGHTS
    assert access.owner == referent
    assert list(access.requirements.order_by("code").values_list("code", flat=True))[:2] == [
        "PAR-001", "PAR-002"]
    assert SettingItem.objects.get(project=project,
                                   title="PAR — Indicateurs").area == SettingArea.INDICATORS
    assert SettingItem.objects.get(project=project, title__startswith="PAR — Présentation"
                                   ).area == SettingArea.FORMS_LETTERS
    assert SettingItem.objects.filter(project=project, area=SettingArea.INDICATORS,
                                      title__startswith="PIL").exists()
    letters = SettingItem.objects.get(project=project, profession="nurse")
    assert letters.owner == nurse
    assert services.setting_items_propose(project=project, by=lead) == 0


def test_unknown_codes_refuse_the_save_and_moves_follow_the_table(project, lead) -> None:
    grid_initialise(project=project)
    item = services.setting_item_save(project=project, by=lead, codes="PAR-001, par-003",
                                      values={"area": SettingArea.USERS_RIGHTS,
                                              "title": "Profils et droits"})
    assert sorted(item.requirements.values_list("code", flat=True)) == ["PAR-001", "PAR-003"]
    with pytest.raises(DomainError, match="ZZZ-999"):
        services.setting_item_save(project=project, by=lead, codes="PAR-001 ZZZ-999",
                                   values={"title": "Autre titre"}, item=item)
    item.refresh_from_db()
    assert item.title == "Profils et droits"
    with pytest.raises(DomainError):
        services.setting_item_move(item=item, to_state="configured", by=lead)
    moved = services.setting_item_move(item=item, to_state="documented", by=lead)
    assert moved.state == "documented"


def test_the_checklist_asks_for_the_hds_mention_when_hosting_is_external(project, lead) -> None:
    assert len(consent_checklist(project=project).items) == 4
    technical_preference_save(project=project, hosting=Hosting.CERTIFIED_HOST,
                              hosting_justification="Deux sites à relier.",
                              purchase_model=PurchaseModel.SUBSCRIPTION,
                              purchase_justification="Abonnement.", other_requirements="")
    checklist = consent_checklist(project=project)
    assert checklist.is_hosting_external
    assert "HDS" in checklist.items[-1][0]
    assert checklist.items[-1][1] is False
    services.patient_information_save(project=project, by=lead, values={
        "poster_displayed_on": date(2026, 11, 2), "leaflet_version": "v1 — novembre 2026",
        "consent_method": "recorded", "mentions_host": True, "is_register_updated": True})
    assert consent_checklist(project=project).done_count == 5
