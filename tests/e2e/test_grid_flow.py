"""Step 6 « grille des besoins » in a real browser: a référent métier fills their part."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.models import Membership, Project
from requirements.models import ProfessionPriority, Requirement
from requirements.needs.services import grid_initialise

from .conftest import UI

NEW_TEXT = "Transmissions ciblées consultables au domicile, même sans réseau"


def test_nurse_referent_fills_a_need_inline(
    ui: UI, chef_project: Project, make_user: Callable[..., User],
    add_member: Callable[..., Membership],
) -> None:
    nurse = make_user("infirmiere@msp-tilleuls.test", first_name="Sophie",
                      last_name="Marchetti")
    add_member(chef_project, Role.PROFESSION_REFERENT, user=nurse,
               profession=Profession.NURSE)
    grid_initialise(project=chef_project)
    mine = Requirement.objects.filter(project=chef_project, profession=Profession.NURSE,
                                      text__startswith="Transmissions").get()
    gp_need = Requirement.objects.filter(project=chef_project,
                                         profession=Profession.GP).order_by("code").first()
    shared = Requirement.objects.get(project=chef_project, code="DOS-006")
    page = ui.page

    ui.sign_in(nurse.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/6/", context="step 6 page")
    ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
              context="needs grid")
    expect(page.get_by_role("heading", name="Grille des besoins", level=1)).to_be_visible()

    # Her profession's need: edited inline, saved as she leaves the field.
    row = page.locator(f"#req-row-{mine.pk}")
    text = row.get_by_label(f"Besoin {mine.code}", exact=True)

    def edit() -> None:
        text.fill(NEW_TEXT)
        text.blur()

    ui.swap(edit, context="nurse row saved")
    row = page.locator(f"#req-row-{mine.pk}")
    expect(row).to_contain_text("Enregistré")
    expect(page.locator("#grid-live")).to_have_text(f"Besoin {mine.code} enregistré.")

    ui.swap(lambda: row.get_by_label(f"Priorité du besoin {mine.code}").select_option(
        label="Souhaitable"), context="nurse priority saved")
    mine.refresh_from_db()
    assert (mine.text, mine.priority, mine.revision) == (NEW_TEXT, "desirable", 3)

    # A transversal need: only her profession's priority is hers to give.
    shared_row = page.locator(f"#req-row-{shared.pk}")
    expect(shared_row.locator("textarea")).to_have_count(0)
    ui.swap(lambda: shared_row.get_by_label(
        f"Priorité pour ma profession — {shared.code}").select_option(label="Indispensable"),
        context="profession priority saved")
    assert ProfessionPriority.objects.get(requirement=shared,
                                          profession=Profession.NURSE).priority == "essential"

    # Another profession's need is read-only on the page…
    gp_row = page.locator(f"#req-row-{gp_need.pk}")
    expect(gp_row).to_contain_text(gp_need.text)
    expect(gp_row.locator("textarea, select, button")).to_have_count(0)
    # …and refused by the server when forged.
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    forged = page.request.post(
        ui.url(f"/projets/{chef_project.pk}/etapes/6/besoins/{gp_need.pk}/"),
        form={f"r{gp_need.pk}-text": "Forcé", f"r{gp_need.pk}-priority": "desirable",
              f"r{gp_need.pk}-revision": "1"},
        headers={"X-CSRFToken": csrf, "Referer": ui.url("/")})
    assert forged.status == 403
    assert Requirement.objects.get(pk=gp_need.pk).text == gp_need.text

    # After a full reload the saved text is there, not only in the swapped fragment.
    ui.goto(f"/projets/{chef_project.pk}/etapes/6/besoins/?vue={Profession.NURSE}",
            context="grid filtered on nurses")
    expect(page.get_by_label(f"Besoin {mine.code}", exact=True)).to_have_value(NEW_TEXT)
    expect(page.get_by_role("row", name=re.compile(gp_need.code))).to_have_count(0)


def test_chef_consolidates_and_freezes_the_grid(ui: UI, chef: User,
                                                chef_project: Project) -> None:
    grid_initialise(project=chef_project)
    need = Requirement.objects.get(project=chef_project, code="COO-011")
    page = ui.page
    ui.sign_in(chef.email)
    ui.goto(f"/projets/{chef_project.pk}/etapes/6/besoins/", context="grid as chef")
    ui.follow(page.get_by_role("link", name=re.compile("Consolidation")),
              context="consolidation page")
    row = page.locator(f"#arb-{need.pk}")
    row.get_by_label(f"Priorité arbitrée — {need.code}").select_option(label="Important")
    row.get_by_label(f"Motif de l'arbitrage — {need.code}").fill("Arbitré en réunion")
    ui.follow(row.get_by_role("button", name=f"Arbitrer le besoin {need.code}"),
              context="after arbitration")
    expect(page.get_by_role("status").first).to_contain_text(f"Arbitrage du besoin {need.code}")
    ui.follow(page.get_by_role("button", name="Figer la version 1 validée"),
              context="after freezing")
    expect(page.get_by_role("status").first).to_contain_text("La grille est figée : version 1")
    ui.goto(f"/projets/{chef_project.pk}/etapes/6/besoins/", context="frozen grid")
    expect(page.get_by_text("Grille figée : version 1")).to_be_visible()
    expect(page.locator(f"#req-row-{need.pk} textarea")).to_have_count(0)
    need.refresh_from_db()
    assert (need.priority, need.arbitration_reason) == ("important", "Arbitré en réunion")


def test_two_people_editing_the_same_need_never_overwrite_each_other(
    new_ui: Callable[[], UI], chef: User, chef_project: Project,
    make_user: Callable[..., User], add_member: Callable[..., Membership],
) -> None:
    nurse = make_user("infirmiere@msp-tilleuls.test", first_name="Sophie",
                      last_name="Marchetti")
    add_member(chef_project, Role.PROFESSION_REFERENT, user=nurse,
               profession=Profession.NURSE)
    grid_initialise(project=chef_project)
    need = Requirement.objects.filter(project=chef_project, profession=Profession.NURSE
                                      ).order_by("code").first()
    grid_path = f"/projets/{chef_project.pk}/etapes/6/besoins/?vue={Profession.NURSE}"
    chef_ui, nurse_ui = new_ui(), new_ui()
    for ui, person in ((chef_ui, chef), (nurse_ui, nurse)):
        ui.sign_in(person.email)
        ui.goto(grid_path, context="grid open in two browsers")

    def write(ui: UI, text: str) -> Callable[[], None]:
        def action() -> None:
            field = ui.page.locator(f"#req-row-{need.pk}").get_by_label(
                f"Besoin {need.code}", exact=True)
            field.fill(text)
            field.blur()
        return action

    chef_ui.swap(write(chef_ui, "Version de Claire"), context="chef saves first")
    expect(chef_ui.page.locator(f"#req-row-{need.pk}")).to_contain_text("Enregistré")

    # The nurse's page still carries the old revision: her save is refused, not lost.
    nurse_ui.swap(write(nurse_ui, "Version de Sophie"), context="nurse's stale save")
    row = nurse_ui.page.locator(f"#req-row-{need.pk}")
    alert = row.get_by_role("alert")
    expect(alert).to_contain_text("modifié entre-temps par Claire Martin")
    expect(alert).to_contain_text("Version de Claire")
    expect(alert).to_contain_text("Version de Sophie")
    expect(row.get_by_label(f"Besoin {need.code}", exact=True)).to_have_value(
        "Version de Claire")
    need.refresh_from_db()
    assert (need.text, need.updated_by) == ("Version de Claire", chef)

    # Having read Claire's version, she saves again: the row now has the fresh revision.
    nurse_ui.swap(write(nurse_ui, "Version de Claire, complétée par Sophie"),
                  context="nurse saves on the fresh revision")
    expect(nurse_ui.page.locator(f"#req-row-{need.pk}")).to_contain_text("Enregistré")
    need.refresh_from_db()
    assert need.text == "Version de Claire, complétée par Sophie"
