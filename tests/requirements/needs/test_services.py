"""Services of the needs grid: initialisation, edits, permissions, conflicts, freeze, merge."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied

from msp_si.common.errors import DomainError
from projects.choices import Profession
from projects.models import Project
from requirements.models import (
    GridDomain,
    GridSubDomain,
    NeedsGrid,
    Priority,
    ProfessionPriority,
    Requirement,
)
from requirements.needs import services
from requirements.needs.catalogue import catalogue_size
from requirements.needs.rules import Editor

from ..conftest import CONSOLIDATOR, NURSE_EDITOR

pytestmark = pytest.mark.django_db


def test_initialise_copies_the_catalogue_for_the_professions_present(grid: NeedsGrid) -> None:
    rows = Requirement.objects.filter(project=grid.project)
    professions = set(rows.exclude(profession="").values_list("profession", flat=True))
    # The project has GPs, nurses and physiotherapists (tests/conftest.py).
    assert professions == {Profession.GP, Profession.NURSE, Profession.PHYSIOTHERAPIST}
    assert 80 <= rows.count() < catalogue_size()
    assert rows.filter(code="DOS-001").exists()
    assert grid.version == 1
    assert not grid.is_frozen
    # Empty sub-domains (professions absent from the MSP) are not created.
    assert not GridSubDomain.objects.filter(project=grid.project, title="Maïeutique").exists()


def test_initialise_is_idempotent(grid: NeedsGrid) -> None:
    count = Requirement.objects.filter(project=grid.project).count()
    again = services.grid_initialise(project=grid.project)
    assert again.pk == grid.pk
    assert Requirement.objects.filter(project=grid.project).count() == count


def test_a_referent_edits_a_need_of_their_profession(need: Callable[..., Requirement],
                                                     nurse_referent, grid) -> None:
    requirement = need(Profession.NURSE)
    saved = services.requirement_update(
        requirement=requirement, editor=NURSE_EDITOR, text="Transmissions ciblées à domicile",
        priority=Priority.ESSENTIAL, revision=requirement.revision, by=nurse_referent.user)
    assert saved.text == "Transmissions ciblées à domicile"
    assert saved.revision == 2
    assert saved.updated_by == nurse_referent.user
    last = saved.history.order_by("-history_id").first()
    assert last.history_type == "~"
    assert last.history_user == nurse_referent.user


def test_a_referent_posting_on_another_profession_gets_403_and_nothing_changes(
    need: Callable[..., Requirement], nurse_referent, grid,
) -> None:
    requirement = need(Profession.GP)
    with pytest.raises(PermissionDenied):
        services.requirement_update(
            requirement=requirement, editor=NURSE_EDITOR, text="Forcé", priority=Priority.
            DESIRABLE, revision=requirement.revision, by=nurse_referent.user)
    fresh = Requirement.objects.get(pk=requirement.pk)
    assert (fresh.text, fresh.priority, fresh.revision) == (
        requirement.text, requirement.priority, requirement.revision)


def test_a_profession_referent_cannot_edit_transversal_needs(
    need: Callable[..., Requirement], nurse_referent, grid,
) -> None:
    requirement = need("")
    with pytest.raises(PermissionDenied):
        services.requirement_remove(requirement=requirement, editor=NURSE_EDITOR,
                                    by=nurse_referent.user)
    assert Requirement.objects.get(pk=requirement.pk).is_active


def test_a_domain_referent_edits_transversal_needs_of_their_domain_only(
    need: Callable[..., Requirement], security_referent, grid,
) -> None:
    par = GridDomain.objects.get(grid=grid, code="PAR")
    editor = Editor(can_edit_needs=True, domain_ids=frozenset({par.pk}))
    mine, other = need("", domain="PAR"), need("", domain="DOS")
    services.requirement_update(requirement=mine, editor=editor, text="Profils d'accès",
                                priority=Priority.ESSENTIAL, revision=mine.revision,
                                by=security_referent.user)
    with pytest.raises(PermissionDenied):
        services.requirement_update(requirement=other, editor=editor, text="Forcé",
                                    priority=Priority.ESSENTIAL, revision=other.revision,
                                    by=security_referent.user)
    assert Requirement.objects.get(pk=other.pk).text == other.text


def test_a_stale_revision_is_refused_and_the_first_change_kept(
    need: Callable[..., Requirement], nurse_referent, lead, grid,
) -> None:
    requirement = need(Profession.NURSE)
    shown_revision = requirement.revision  # both people opened the page at this revision
    services.requirement_update(requirement=requirement, editor=CONSOLIDATOR,
                                text="Version du chef de projet", priority=Priority.IMPORTANT,
                                revision=shown_revision, by=lead)
    stale = Requirement.objects.get(pk=requirement.pk)
    with pytest.raises(services.RevisionConflict) as caught:
        services.requirement_update(requirement=stale, editor=NURSE_EDITOR,
                                    text="Version de l'infirmière", priority=Priority.DESIRABLE,
                                    revision=shown_revision, by=nurse_referent.user)
    conflict = caught.value
    assert conflict.changed_by == lead.display_name
    assert "Version du chef de projet" in {c.new for c in conflict.changes}
    assert conflict.requirement.text == "Version du chef de projet"
    assert lead.display_name in conflict.message
    fresh = Requirement.objects.get(pk=requirement.pk)
    assert (fresh.text, fresh.priority, fresh.updated_by) == (
        "Version du chef de projet", Priority.IMPORTANT, lead)


def test_an_unchanged_save_makes_no_new_revision(need: Callable[..., Requirement],
                                                 lead, grid) -> None:
    requirement = need("")
    services.requirement_update(requirement=requirement, editor=CONSOLIDATOR,
                                text=requirement.text, priority=requirement.priority,
                                revision=requirement.revision, by=lead)
    assert Requirement.objects.get(pk=requirement.pk).revision == 1
    assert requirement.history.count() == 1  # only the version copied from the catalogue


def test_a_frozen_grid_refuses_edits(need: Callable[..., Requirement], lead,
                                     grid: NeedsGrid) -> None:
    services.grid_freeze(grid=grid, by=lead)
    requirement = need("")
    with pytest.raises(DomainError, match="figée"):
        services.requirement_update(requirement=requirement, editor=CONSOLIDATOR,
                                    text="Après gel", priority=Priority.ESSENTIAL,
                                    revision=requirement.revision, by=lead)
    with pytest.raises(DomainError, match="figée"):
        services.requirement_create(subdomain=requirement.subdomain, editor=CONSOLIDATOR,
                                    text="Nouveau", priority=Priority.ESSENTIAL,
                                    profession="", by=lead)
    assert Requirement.objects.get(pk=requirement.pk).text == requirement.text


def test_unfreezing_bumps_the_version(lead, grid: NeedsGrid) -> None:
    frozen = services.grid_freeze(grid=grid, by=lead)
    assert (frozen.is_frozen, frozen.frozen_by, frozen.version) == (True, lead, 1)
    with pytest.raises(DomainError):
        services.grid_freeze(grid=grid, by=lead)
    reopened = services.grid_unfreeze(grid=grid, by=lead)
    assert (reopened.is_frozen, reopened.frozen_at, reopened.version) == (False, None, 2)


def test_codes_stay_stable_after_a_removal(need: Callable[..., Requirement], lead,
                                           grid: NeedsGrid) -> None:
    subdomain = need("", domain="MSG").subdomain
    first = services.requirement_create(subdomain=subdomain, editor=CONSOLIDATOR,
                                        text="Statut de lecture des messages",
                                        priority=Priority.DESIRABLE, profession="", by=lead)
    services.requirement_remove(requirement=first, editor=CONSOLIDATOR, by=lead)
    second = services.requirement_create(subdomain=subdomain, editor=CONSOLIDATOR,
                                         text="Accusé de réception", priority=Priority.IMPORTANT,
                                         profession="", by=lead)
    assert first.code == "MSG-005"  # the catalogue gives the domain four requirements
    assert second.code == "MSG-006"
    removed = Requirement.objects.get(pk=first.pk)
    assert removed.is_removed
    assert removed.code == "MSG-005"


def test_a_referent_adds_needs_of_their_profession_only(
    need: Callable[..., Requirement], nurse_referent, grid,
) -> None:
    subdomain = need(Profession.NURSE).subdomain
    created = services.requirement_create(
        subdomain=subdomain, editor=NURSE_EDITOR, text="Photos de plaies datées",
        priority=Priority.IMPORTANT, profession=Profession.NURSE, by=nurse_referent.user)
    assert created.profession == Profession.NURSE
    assert created.code.startswith("MET-")
    for profession in ("", Profession.GP):
        with pytest.raises(PermissionDenied):
            services.requirement_create(subdomain=subdomain, editor=NURSE_EDITOR,
                                        text="Forcé", priority=Priority.IMPORTANT,
                                        profession=profession, by=nurse_referent.user)


def test_move_swaps_positions_within_the_sub_domain(need: Callable[..., Requirement], lead,
                                                    grid) -> None:
    first = need("", domain="DOS")
    rows = list(Requirement.objects.filter(subdomain=first.subdomain).order_by("position"))
    services.requirement_move(requirement=rows[1], editor=CONSOLIDATOR, direction="up", by=lead)
    order = list(Requirement.objects.filter(subdomain=first.subdomain)
                 .order_by("position").values_list("pk", flat=True))
    assert order[:2] == [rows[1].pk, rows[0].pk]
    with pytest.raises(DomainError):
        services.requirement_move(requirement=rows[1], editor=CONSOLIDATOR,
                                  direction="sideways", by=lead)


def test_profession_priority_by_the_referent_of_that_profession(
    need: Callable[..., Requirement], nurse_referent, grid,
) -> None:
    requirement = need("")
    row = services.profession_priority_set(
        requirement=requirement, editor=NURSE_EDITOR, profession=Profession.NURSE,
        priority=Priority.ESSENTIAL, comment="Indispensable à domicile", by=nurse_referent.user)
    assert (row.profession, row.priority) == (Profession.NURSE, Priority.ESSENTIAL)
    with pytest.raises(PermissionDenied):
        services.profession_priority_set(
            requirement=requirement, editor=NURSE_EDITOR, profession=Profession.GP,
            priority=Priority.DESIRABLE, comment="", by=nurse_referent.user)
    with pytest.raises(PermissionDenied):  # a profession's own need has no such priority
        services.profession_priority_set(
            requirement=need(Profession.NURSE), editor=NURSE_EDITOR,
            profession=Profession.NURSE, priority=Priority.DESIRABLE, comment="",
            by=nurse_referent.user)
    assert ProfessionPriority.objects.filter(requirement__project=grid.project).count() == 1


def test_arbitration_needs_consolidation_and_a_reason(need: Callable[..., Requirement],
                                                      lead, nurse_referent, grid) -> None:
    requirement = need("")
    with pytest.raises(PermissionDenied):
        services.requirement_arbitrate(requirement=requirement, editor=NURSE_EDITOR,
                                       priority=Priority.DESIRABLE, reason="x",
                                       revision=requirement.revision, by=nurse_referent.user)
    with pytest.raises(DomainError, match="motif"):
        services.requirement_arbitrate(requirement=requirement, editor=CONSOLIDATOR,
                                       priority=Priority.DESIRABLE, reason="  ",
                                       revision=requirement.revision, by=lead)
    saved = services.requirement_arbitrate(
        requirement=requirement, editor=CONSOLIDATOR, priority=Priority.DESIRABLE,
        reason="Couvert par le logiciel actuel", revision=requirement.revision, by=lead)
    assert (saved.priority, saved.arbitration_reason) == (
        Priority.DESIRABLE, "Couvert par le logiciel actuel")


def test_merge_hides_the_duplicate_links_it_and_moves_priorities(
    need: Callable[..., Requirement], lead, nurse_referent, grid,
) -> None:
    keep = need("", domain="MSG")
    drop = services.requirement_create(
        subdomain=keep.subdomain, editor=CONSOLIDATOR, text="Messagerie entre collègues",
        priority=Priority.IMPORTANT, profession="", by=lead)
    services.profession_priority_set(requirement=drop, editor=NURSE_EDITOR,
                                     profession=Profession.NURSE, priority=Priority.ESSENTIAL,
                                     comment="", by=nurse_referent.user)
    earlier = services.requirement_create(
        subdomain=keep.subdomain, editor=CONSOLIDATOR, text="Chat interne",
        priority=Priority.DESIRABLE, profession="", by=lead)
    services.requirement_merge(keep=drop, drop=earlier, editor=CONSOLIDATOR, by=lead)

    services.requirement_merge(keep=keep, drop=drop, editor=CONSOLIDATOR, by=lead)

    drop.refresh_from_db()
    earlier.refresh_from_db()
    assert drop.merged_into == keep
    assert not drop.is_active
    assert earlier.merged_into == keep  # no chain of merges
    assert ProfessionPriority.objects.get(requirement=keep).priority == Priority.ESSENTIAL
    assert [h.history_type for h in drop.history.order_by("history_id")] == ["+", "~"]
    with pytest.raises(DomainError):
        services.requirement_merge(keep=keep, drop=drop, editor=CONSOLIDATOR, by=lead)
    with pytest.raises(DomainError):
        services.requirement_merge(keep=keep, drop=keep, editor=CONSOLIDATOR, by=lead)
    with pytest.raises(DomainError):  # merged requirements can no longer be edited
        services.requirement_update(requirement=drop, editor=CONSOLIDATOR, text="x",
                                    priority=Priority.ESSENTIAL, revision=drop.revision,
                                    by=lead)


def test_merge_is_for_consolidators_only(need: Callable[..., Requirement],
                                         nurse_referent, grid) -> None:
    keep, drop = need(Profession.NURSE), need("")
    with pytest.raises(PermissionDenied):
        services.requirement_merge(keep=keep, drop=drop, editor=NURSE_EDITOR,
                                   by=nurse_referent.user)
    assert Requirement.objects.get(pk=drop.pk).merged_into is None


def test_merge_across_projects_is_refused(need: Callable[..., Requirement], lead, grid,
                                          make_project: Callable[..., Project]) -> None:
    other_grid = services.grid_initialise(project=make_project(name="Autre MSP"))
    foreign = Requirement.objects.filter(project=other_grid.project).first()
    with pytest.raises(PermissionDenied):
        services.requirement_merge(keep=need(""), drop=foreign, editor=CONSOLIDATOR, by=lead)


def test_domain_assignment_takes_a_domain_referent_of_the_project(
    grid: NeedsGrid, security_referent, nurse_referent,
) -> None:
    domain = GridDomain.objects.get(grid=grid, code="FAC")
    services.grid_domain_assign(domain=domain, editor=CONSOLIDATOR, referent=security_referent)
    assert GridDomain.objects.get(pk=domain.pk).referent == security_referent
    with pytest.raises(DomainError):
        services.grid_domain_assign(domain=domain, editor=CONSOLIDATOR,
                                    referent=nurse_referent)
    with pytest.raises(PermissionDenied):
        services.grid_domain_assign(domain=domain, editor=NURSE_EDITOR, referent=None)
    services.grid_domain_assign(domain=domain, editor=CONSOLIDATOR, referent=None)
    assert GridDomain.objects.get(pk=domain.pk).referent is None


def test_a_removed_requirement_can_be_restored_with_its_code(
    need: Callable[..., Requirement], lead, nurse_referent, grid,
) -> None:
    requirement = need(Profession.NURSE)
    services.requirement_remove(requirement=requirement, editor=NURSE_EDITOR,
                                by=nurse_referent.user)
    with pytest.raises(PermissionDenied):
        services.requirement_restore(requirement=Requirement.objects.get(pk=requirement.pk),
                                     editor=Editor(can_edit_needs=True,
                                                   profession=Profession.GP),
                                     by=lead)
    restored = services.requirement_restore(
        requirement=Requirement.objects.get(pk=requirement.pk), editor=NURSE_EDITOR,
        by=nurse_referent.user)
    assert restored.is_active
    assert restored.code == requirement.code
    with pytest.raises(DomainError):  # already in the grid
        services.requirement_restore(requirement=restored, editor=NURSE_EDITOR,
                                     by=nurse_referent.user)
