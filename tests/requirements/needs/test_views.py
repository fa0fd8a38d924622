"""Views of the needs grid: guards, inline saves, forged posts, other projects' ids."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.urls import reverse

from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.models import GridDomain, NeedsGrid, Priority, ProfessionPriority, Requirement
from requirements.needs import services
from tests.typography import plain

from ..conftest import CONSOLIDATOR

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def url(name: str, project: Project, **kwargs: int) -> str:
    return reverse(f"requirements:{name}", kwargs={"project_pk": project.pk, **kwargs})


def row_post(requirement: Requirement, **values: str) -> dict[str, str]:
    data = {f"r{requirement.pk}-text": requirement.text,
            f"r{requirement.pk}-priority": requirement.priority,
            f"r{requirement.pk}-revision": str(requirement.revision)}
    data.update({f"r{requirement.pk}-{k}": v for k, v in values.items()})
    return data


@pytest.mark.parametrize("role", [Role.PROJECT_LEAD, Role.AMOA, Role.PROFESSION_REFERENT,
                                  Role.DOMAIN_REFERENT, Role.MEMBER, Role.OBSERVER])
def test_every_member_reads_the_grid(project: Project, add_member, client_for,
                                     role: str) -> None:
    member = add_member(project, role)
    response = client_for(member.user).get(url("grid", project))
    assert response.status_code == 200
    assert "DOS-001" in plain(response.content.decode())


def test_a_stranger_gets_404(project: Project, make_user, client_for) -> None:
    assert client_for(make_user()).get(url("grid", project)).status_code == 404


def test_the_step_page_links_to_the_grid(project: Project, lead, client_for) -> None:
    response = client_for(lead).get(reverse("projects:step-detail", args=[project.pk, 6]))
    assert url("grid", project) in plain(response.content.decode())


def test_grid_filter_by_profession(project: Project, grid, lead, client_for) -> None:
    client = client_for(lead)
    nurse_codes = set(Requirement.objects.filter(project=project, profession=Profession.NURSE)
                      .values_list("code", flat=True))
    page = plain(client.get(url("grid", project), {"vue": Profession.NURSE}).content.decode())
    assert all(code in page for code in nurse_codes)
    assert "DOS-001" not in page
    page = plain(client.get(url("grid", project), {"vue": "transversal"}).content.decode())
    assert "DOS-001" in page
    assert not any(code in page for code in nurse_codes)
    # An unknown filter shows everything rather than failing.
    assert "DOS-001" in plain(client.get(url("grid", project), {"vue": "<x>"}).content.decode())


def test_referent_saves_their_row_inline(project: Project, need, nurse_referent,
                                         client_for) -> None:
    requirement = need(Profession.NURSE)
    response = client_for(nurse_referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Transmissions ciblées", priority=Priority.DESIRABLE),
        **HTMX)
    assert response.status_code == 200
    body = plain(response.content.decode())
    assert body.lstrip().startswith("<tr")
    assert "Enregistré" in body
    assert "gridSaved" in response["HX-Trigger"]
    saved = Requirement.objects.get(pk=requirement.pk)
    assert (saved.text, saved.priority, saved.revision) == (
        "Transmissions ciblées", Priority.DESIRABLE, 2)


def test_referent_posting_on_another_professions_row_gets_403(
    project: Project, need, nurse_referent, client_for,
) -> None:
    requirement = need(Profession.GP)
    response = client_for(nurse_referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Forcé"), **HTMX)
    assert response.status_code == 403
    assert Requirement.objects.get(pk=requirement.pk).text == requirement.text


@pytest.mark.parametrize("role", [Role.MEMBER, Role.OBSERVER])
def test_members_without_edit_needs_get_403(project: Project, need, add_member, client_for,
                                            role: str) -> None:
    requirement = need("")
    member = add_member(project, role)
    response = client_for(member.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Forcé"))
    assert response.status_code == 403
    assert Requirement.objects.get(pk=requirement.pk).text == requirement.text


def test_referent_gives_their_professions_priority_on_a_transversal_row(
    project: Project, need, nurse_referent, client_for,
) -> None:
    requirement = need("")
    response = client_for(nurse_referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        # The text is posted too (forged): a référent métier cannot change it.
        {f"r{requirement.pk}-my_priority": Priority.ESSENTIAL,
         f"r{requirement.pk}-my_comment": "Tous les jours à domicile",
         f"r{requirement.pk}-text": "Forcé"}, **HTMX)
    assert response.status_code == 200
    assert 'value="Tous les jours à domicile"' in plain(response.content.decode())
    given = ProfessionPriority.objects.get(requirement=requirement, profession=Profession.NURSE)
    assert (given.priority, given.comment) == ("essential", "Tous les jours à domicile")
    assert Requirement.objects.get(pk=requirement.pk).text == requirement.text


def test_stale_revision_shows_the_other_persons_change(project: Project, need, lead,
                                                       nurse_referent, client_for) -> None:
    requirement = need(Profession.NURSE)
    stale = row_post(requirement, text="Ma version")
    services.requirement_update(requirement=requirement, editor=CONSOLIDATOR,
                                text="Version du chef", priority=Priority.ESSENTIAL,
                                revision=requirement.revision, by=lead)
    response = client_for(nurse_referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk), stale, **HTMX)
    body = plain(response.content.decode())
    assert response.status_code == 200
    assert "modifié entre-temps par" in body
    assert lead.display_name in body
    assert "Version du chef" in body  # what they changed, and the row shows their version
    assert "Ma version" in body  # what was typed, not lost from sight
    assert Requirement.objects.get(pk=requirement.pk).text == "Version du chef"


@pytest.mark.parametrize("values", [
    {"priority": "urgentissime"},
    {"text": ""},
    {"text": "x" * 1001},
    {"revision": "abc"},
])
def test_bad_input_is_refused_with_a_message(project: Project, need, lead, client_for,
                                             values: dict[str, str]) -> None:
    requirement = need("")
    response = client_for(lead).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, **values), **HTMX)
    assert response.status_code == 200
    assert 'role="alert"' in plain(response.content.decode())
    fresh = Requirement.objects.get(pk=requirement.pk)
    assert (fresh.text, fresh.priority, fresh.revision) == (
        requirement.text, requirement.priority, 1)


def test_without_htmx_a_save_redirects_with_a_message(project: Project, need, lead,
                                                      client_for) -> None:
    requirement = need("")
    response = client_for(lead).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Nouvelle rédaction"), follow=True)
    assert f"Besoin {requirement.code} enregistré." in plain(response.content.decode())


def test_another_projects_ids_give_404(project: Project, grid, lead, client_for,
                                       make_project: Callable[..., Project]) -> None:
    other = make_project(name="Autre MSP")
    other_grid = services.grid_initialise(project=other)
    foreign = Requirement.objects.filter(project=other).first()
    foreign_domain = GridDomain.objects.filter(grid=other_grid).first()
    client = client_for(lead)
    for name, kwargs in [("requirement-save", {"requirement_pk": foreign.pk}),
                         ("requirement-move", {"requirement_pk": foreign.pk}),
                         ("requirement-remove", {"requirement_pk": foreign.pk}),
                         ("requirement-restore", {"requirement_pk": foreign.pk}),
                         ("requirement-arbitrate", {"requirement_pk": foreign.pk}),
                         ("requirement-add", {"subdomain_pk": foreign.subdomain_id}),
                         ("domain-assign", {"domain_pk": foreign_domain.pk})]:
        assert client.post(url(name, project, **kwargs), {}).status_code == 404, name
    mine = Requirement.objects.filter(project=project).first()
    response = client.post(url("requirement-merge", project),
                           {"keep": mine.pk, "drop": foreign.pk})
    assert response.status_code == 404
    assert Requirement.objects.get(pk=foreign.pk).merged_into is None


def test_add_with_a_forged_profession_gets_403(project: Project, need, nurse_referent,
                                               client_for) -> None:
    subdomain = need(Profession.NURSE).subdomain
    before = Requirement.objects.filter(project=project).count()
    client = client_for(nurse_referent.user)
    p = f"add{subdomain.pk}"
    response = client.post(url("requirement-add", project, subdomain_pk=subdomain.pk),
                           {f"{p}-text": "Forcé", f"{p}-priority": "important",
                            f"{p}-profession": Profession.GP})
    # An option the form does not offer is refused as bad input: nothing is created.
    assert response.status_code == 302
    assert Requirement.objects.filter(project=project).count() == before
    response = client.post(url("requirement-add", project, subdomain_pk=subdomain.pk),
                           {f"{p}-text": "Photos de plaies", f"{p}-priority": "important",
                            f"{p}-profession": Profession.NURSE}, follow=True)
    assert "ajouté" in plain(response.content.decode())
    assert Requirement.objects.filter(project=project).count() == before + 1


def test_domain_referent_without_domain_cannot_add(project: Project, grid, need, add_member,
                                                   client_for) -> None:
    member = add_member(project, Role.DOMAIN_REFERENT)
    subdomain = need("").subdomain
    p = f"add{subdomain.pk}"
    response = client_for(member.user).post(
        url("requirement-add", project, subdomain_pk=subdomain.pk),
        {f"{p}-text": "Forcé", f"{p}-priority": "important", f"{p}-profession": ""})
    assert response.status_code == 403


def test_move_and_remove(project: Project, need, lead, client_for) -> None:
    first = need("", domain="DOS")
    second = Requirement.objects.get(subdomain=first.subdomain, position=2)
    client = client_for(lead)
    client.post(url("requirement-move", project, requirement_pk=second.pk),
                {"direction": "up"})
    assert Requirement.objects.get(pk=second.pk).position == 1
    response = client.post(url("requirement-move", project, requirement_pk=second.pk),
                           {"direction": "diagonal"}, follow=True)
    assert "Sens de déplacement inconnu" in plain(response.content.decode())
    response = client.post(url("requirement-remove", project, requirement_pk=first.pk),
                           follow=True)
    assert "ne sera pas réutilisé" in plain(response.content.decode())
    assert Requirement.objects.get(pk=first.pk).is_removed


@pytest.mark.parametrize(("role", "status"), [
    (Role.PROJECT_LEAD, 200), (Role.AMOA, 200), (Role.PROFESSION_REFERENT, 403),
    (Role.DOMAIN_REFERENT, 403), (Role.MEMBER, 403), (Role.OBSERVER, 403),
])
def test_consolidation_is_for_chef_and_amoa(project: Project, grid, add_member, client_for,
                                            role: str, status: int) -> None:
    member = add_member(project, role)
    assert client_for(member.user).get(url("grid-consolidation", project)).status_code == status


def test_consolidation_shows_priorities_side_by_side(project: Project, need, lead,
                                                     nurse_referent, client_for) -> None:
    requirement = need("")
    services.profession_priority_set(requirement=requirement,
                                     editor=services.Editor(can_edit_needs=True,
                                                            profession=Profession.NURSE),
                                     profession=Profession.NURSE,
                                     priority=Priority.DESIRABLE, comment="Peu utile",
                                     by=nurse_referent.user)
    gp = add_gp_referent_priority(project, requirement)
    body = plain(client_for(lead).get(url("grid-consolidation", project)).content.decode())
    row = body[body.index(f'id="arb-{requirement.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "divergence" in row
    for text in ("Souhaitable", "Peu utile", "Indispensable"):
        assert text in row, text
    assert gp.priority == Priority.ESSENTIAL


def add_gp_referent_priority(project: Project, requirement: Requirement) -> ProfessionPriority:
    return ProfessionPriority.objects.create(requirement=requirement, project=project,
                                             profession=Profession.GP,
                                             priority=Priority.ESSENTIAL)


def test_arbitration_view(project: Project, need, lead, client_for) -> None:
    requirement = need("")
    client = client_for(lead)
    a = f"a{requirement.pk}"
    response = client.post(url("requirement-arbitrate", project, requirement_pk=requirement.pk),
                           {f"{a}-priority": "desirable", f"{a}-reason": "",
                            f"{a}-revision": "1"}, follow=True)
    assert "indiquez le motif" in plain(response.content.decode())
    assert Requirement.objects.get(pk=requirement.pk).priority == requirement.priority
    client.post(url("requirement-arbitrate", project, requirement_pk=requirement.pk),
                {f"{a}-priority": "desirable", f"{a}-reason": "Arbitrage du bureau",
                 f"{a}-revision": "1"})
    saved = Requirement.objects.get(pk=requirement.pk)
    assert (saved.priority, saved.arbitration_reason) == ("desirable", "Arbitrage du bureau")


def test_merge_view(project: Project, need, lead, client_for) -> None:
    keep, drop = need("", domain="MSG"), need("", domain="EXT")
    client = client_for(lead)
    response = client.post(url("requirement-merge", project), {"keep": "", "drop": "x"},
                           follow=True)
    assert "Choisissez le doublon" in plain(response.content.decode())
    response = client.post(url("requirement-merge", project),
                           {"keep": keep.pk, "drop": drop.pk}, follow=True)
    assert f"{drop.code} est fusionné dans {keep.code}" in plain(response.content.decode())
    assert Requirement.objects.get(pk=drop.pk).merged_into_id == keep.pk
    grid_page = plain(client.get(url("grid", project)).content.decode())
    assert f'id="req-row-{drop.pk}"' not in grid_page


def test_domain_assignment_view(project: Project, grid: NeedsGrid, add_member, lead,
                                client_for) -> None:
    referent = add_member(project, Role.DOMAIN_REFERENT)
    domain = GridDomain.objects.get(grid=grid, code="PAR")
    client = client_for(lead)
    d = f"d{domain.pk}"
    client.post(url("domain-assign", project, domain_pk=domain.pk), {f"{d}-referent": referent.pk})
    assert GridDomain.objects.get(pk=domain.pk).referent == referent
    lead_membership = Membership.objects.get(project=project, user=lead)
    response = client.post(url("domain-assign", project, domain_pk=domain.pk),
                           {f"{d}-referent": lead_membership.pk}, follow=True)
    assert "Choisissez un référent fonctionnel" in plain(response.content.decode())
    assert GridDomain.objects.get(pk=domain.pk).referent == referent
    # Now the référent edits the transversal needs of « Paramétrage ».
    requirement = Requirement.objects.filter(subdomain__domain=domain).first()
    response = client_for(referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Profils par statut"), **HTMX)
    assert "Enregistré" in plain(response.content.decode())


def test_freeze_is_for_the_chef_de_projet(project: Project, grid: NeedsGrid, need,
                                          add_member, lead, client_for) -> None:
    amoa = add_member(project, Role.AMOA)
    assert client_for(amoa.user).post(url("grid-freeze", project)).status_code == 403
    client = client_for(lead)
    client.post(url("grid-freeze", project))
    assert NeedsGrid.objects.get(pk=grid.pk).is_frozen
    requirement = need("")
    response = client.post(url("requirement-save", project, requirement_pk=requirement.pk),
                           row_post(requirement, text="Après le gel"), **HTMX)
    assert "figée" in plain(response.content.decode())
    assert Requirement.objects.get(pk=requirement.pk).text == requirement.text
    page = plain(client.get(url("grid", project)).content.decode())
    assert "Grille figée" in page
    assert "<textarea" not in page
    client.post(url("grid-unfreeze", project))
    reopened = NeedsGrid.objects.get(pk=grid.pk)
    assert (reopened.is_frozen, reopened.version) == (False, 2)


def test_grid_changes_appear_in_the_project_history(project: Project, need, lead,
                                                    nurse_referent, client_for) -> None:
    requirement = need(Profession.NURSE)
    client_for(nurse_referent.user).post(
        url("requirement-save", project, requirement_pk=requirement.pk),
        row_post(requirement, text="Transmissions ciblées", priority=Priority.DESIRABLE),
        **HTMX)
    page = plain(client_for(lead).get(
        reverse("projects:history", args=[project.pk]) + "?type=besoin").content.decode())
    rows = [r for r in page.split("<tr>") if "Transmissions ciblées" in r and "→" in r]
    assert len(rows) == 1
    assert nurse_referent.user.display_name in rows[0]
    assert f"{requirement.get_priority_display()} → Souhaitable" in rows[0]
    assert "Révision" not in rows[0]


def test_removed_requirements_are_listed_and_restorable(project: Project, need, lead,
                                                        client_for) -> None:
    requirement = need("", domain="FAC")
    client = client_for(lead)
    client.post(url("requirement-remove", project, requirement_pk=requirement.pk))
    page = plain(client.get(url("grid-consolidation", project)).content.decode())
    removed = page[page.index('id="removed"'):]
    assert requirement.code in removed
    assert f"Rétablir le besoin {requirement.code}" in removed
    response = client.post(url("requirement-restore", project, requirement_pk=requirement.pk),
                           follow=True)
    assert "rétabli" in plain(response.content.decode())
    assert Requirement.objects.get(pk=requirement.pk).is_active


def test_a_row_saved_inline_shows_on_the_grid_page_seen_before(
        project: Project, need, nurse_referent, client_for) -> None:
    """The row is saved by an update in place (no signal): the grid page the referent
    opened before, kept by the page cache, is not served again unchanged."""
    requirement = need(Profession.NURSE)
    client = client_for(nurse_referent.user)
    typed = "Relevé des pansements du mercredi"
    client.get(url("grid", project))
    assert typed not in plain(client.get(url("grid", project)).content.decode())
    client.post(url("requirement-save", project, requirement_pk=requirement.pk),
                row_post(requirement, text=typed), **HTMX)
    assert typed in plain(client.get(url("grid", project)).content.decode())
