"""Step 4 in a real browser: the nurses' référent fills their part, the chef sees it done."""

from __future__ import annotations

import re
from collections.abc import Callable

from playwright.sync_api import expect

from msp_si.accounts.models import User
from projects.choices import Profession, Role
from projects.core import services
from projects.models import Project
from requirements.models import ProfessionProfile

from .conftest import UI

NURSE = "Infirmier·ère"


def test_referent_fills_their_profession_and_chef_sees_completion(
    new_ui: Callable[[], UI], chef: User, chef_project: Project,
    make_user: Callable[..., User],
) -> None:
    referent = make_user("ines.durand@msp-tilleuls.test", first_name="Inès",
                         last_name="Durand")
    services.membership_set_role(project=chef_project, user=referent,
                                 role=Role.PROFESSION_REFERENT, profession=Profession.NURSE)
    sites = list(chef_project.sites.order_by("id"))

    nurse_ui = new_ui()
    page = nurse_ui.page
    nurse_ui.sign_in(referent.email)
    nurse_ui.goto(f"/projets/{chef_project.pk}/etapes/4/", context="step 4")
    nurse_ui.follow(page.get_by_role("button", name="Ouvrir la page de travail de l'étape"),
                    context="step 4 working page (référent)")
    expect(page.get_by_role("heading", name="Étude de l'existant", level=1)).to_be_visible()
    # Another profession's part is read-only for her; hers is open and editable.
    expect(page.get_by_role("button", name="Enregistrer la partie « Médecin généraliste »")
           ).to_have_count(0)
    expect(page.get_by_role("button", name="Enregistrer l'organisation")).to_have_count(0)
    part = page.locator("#profession-nurse")
    part.get_by_label(f"Professionnels aujourd'hui — {NURSE}").fill("4")
    part.get_by_label(f"Professionnels dans cinq ans — {NURSE}").fill("5")
    part.get_by_label(f"Arrivées ou départs prévus — {NURSE}").fill("Une arrivée à l'antenne")
    part.get_by_label(f"Effectif sur le site {sites[0].name} — {NURSE}").fill("3")
    part.get_by_label(f"Effectif sur le site {sites[1].name} — {NURSE}").fill("1")
    part.get_by_label(f"File active moyenne par professionnel — {NURSE}").fill("200")
    # More computerised nurses than nurses: refused, with the reason next to the field.
    part.get_by_label(f"Professionnels informatisés — {NURSE}").fill("6")
    part.get_by_label(f"Logiciels métier utilisés — {NURSE}").fill("Logiciel de soins B")
    nurse_ui.follow(part.get_by_role("button", name=f"Enregistrer la partie « {NURSE} »"),
                    context="step 4 refused (inconsistent numbers)")
    expect(page.get_by_role("alert").first).to_contain_text("n'a pas été enregistrée")
    part = page.locator("#profession-nurse")
    expect(part).to_contain_text("plus de professionnels informatisés")
    assert not ProfessionProfile.objects.filter(project=chef_project).exists()
    part.get_by_label(f"Professionnels informatisés — {NURSE}").fill("4")
    nurse_ui.follow(part.get_by_role("button", name=f"Enregistrer la partie « {NURSE} »"),
                    context="step 4 after saving the nurses' part")
    expect(page.get_by_role("status").first).to_contain_text(
        f"La partie « {NURSE} » est enregistrée")

    # The chef de projet follows the completion and the consolidated figures.
    chef_ui = new_ui()
    chef_page = chef_ui.page
    chef_ui.sign_in(chef.email)
    chef_ui.goto(f"/projets/{chef_project.pk}/etapes/4/existant/", context="step 4 (chef)")
    progress = chef_page.get_by_role("region", name="Avancement par profession")
    expect(progress).to_contain_text("Professions dont la partie est complète : 1 sur 3.")
    completion = progress.get_by_role("table", name="Parties renseignées par chaque profession")
    expect(completion.get_by_role("row", name=re.compile(NURSE))).to_contain_text("5/5")
    expect(completion.get_by_role("row", name=re.compile("Médecin généraliste"))
           ).to_contain_text("0/5")
    consolidated = progress.get_by_role("table", name=re.compile("toutes professions"))
    expect(consolidated).to_contain_text("800 dossiers")
    expect(consolidated).to_contain_text("4 (100 %)")
    # The chef fills the whole structure's sections too.
    organisation = chef_page.get_by_role("region", name=re.compile("Organisation de la"))
    organisation.get_by_label("Nombre de secrétariats").fill("2")
    organisation.get_by_label("Postes de travail à équiper").fill("1")
    chef_ui.follow(organisation.get_by_role("button", name="Enregistrer l'organisation"),
                   context="organisation refused")
    expect(chef_page.get_by_role("region", name=re.compile("Organisation de la"))
           ).to_contain_text("au moins autant de postes")
    chef_page.get_by_role("region", name=re.compile("Organisation de la")).get_by_label(
        "Postes de travail à équiper").fill("12")
    chef_ui.follow(chef_page.get_by_role("button", name="Enregistrer l'organisation"),
                   context="organisation saved")
    expect(chef_page.get_by_role("status").first).to_contain_text(
        "L'organisation de la structure est enregistrée")

    profile = ProfessionProfile.objects.get(project=chef_project, profession=Profession.NURSE)
    assert (profile.count_today, profile.computerised_count, profile.updated_by) == (
        4, 4, referent)
