"""The answers comparison in a real browser, on the demo MSP: filters, comments, domains."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from projects.demo import seed as demo
from tests.vendors.cadre_files import fill
from tests.vendors.consultation_fixtures import cadre_for
from vendors.consultation import services
from vendors.consultation.models import AnswerSet

from .conftest import UI

LONG_COMMENT = ("Fonction assurée par le module partenaire de téléexpertise, interfacé avec "
                "le dossier patient ; activation sur demande, formation d'une demi-journée.")


def _corrected_answers_with_a_long_comment(project) -> str:  # type: ignore[no-untyped-def]
    """The first vendor sends a corrected file: same answers, one long comment added."""
    current = AnswerSet.objects.filter(project=project, is_current=True).select_related(
        "consulted").order_by("consulted__vendor__name").first()
    assert current is not None
    rows = {a["code"]: (a["answer"] or None, a["delay_days"],
                        None if a["cost"] is None else float(a["cost"]), a["comment"] or None)
            for a in current.answers}
    code = next(iter(rows))
    rows[code] = ("Solution tierce", None, None, LONG_COMMENT)
    content = fill(cadre_for(current.consulted), answers=rows,
                   prices={"licence": (1, 5000, ""), "maintenance_year": (1, 900, "")})
    answer_set = services.answers_preview(consulted=current.consulted, content=content,
                                          file_name="cadre-corrige.xlsx", by=None)
    services.answers_confirm(answer_set=answer_set, by=None)
    return code


@pytest.mark.parametrize("person", [demo.MEMBER, demo.OBSERVER], ids=lambda p: p.role)
def test_a_member_compares_the_vendors_answers(ui: UI, person: demo.DemoPerson) -> None:
    project = demo.demo_seed().project
    code = _corrected_answers_with_a_long_comment(project)
    page = ui.page
    ui.sign_in(person.email, demo.DEMO_PASSWORD)

    # From the analysis of step 11 to the comparison.
    ui.goto(f"/projets/{project.pk}/etapes/11/analyse/", context="analysis")
    ui.follow(page.get_by_role("link", name="Comparer les réponses des prestataires"),
              context="comparison")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Comparaison des réponses des prestataires")
    first_table = page.locator("table.compare-grid").first
    expect(first_table.locator("thead th")).to_have_count(4 + 3)  # three consulted vendors

    # The long comment is shortened; its full text opens without any script.
    row = page.locator("tr", has=page.get_by_role("rowheader", name=code, exact=True))
    expect(row.get_by_text(LONG_COMMENT)).to_be_hidden()
    row.locator("summary").click()
    expect(row.get_by_text(LONG_COMMENT)).to_be_visible()
    ui.check(context="comment opened")

    # Only the essential needs the vendors answer differently.
    page.get_by_label("Priorité", exact=True).select_option(label="Indispensable")
    page.get_by_label("Seulement les écarts", exact=False).check()
    ui.follow(page.get_by_role("button", name="Afficher"), context="gaps, essential")
    assert "priorite=essential" in page.url
    assert "ecarts=on" in page.url
    priorities = page.locator("table.compare-grid tbody tr td:nth-child(4)").all_inner_texts()
    assert priorities
    assert set(priorities) == {"Indispensable"}
    expect(page.get_by_label("Seulement les écarts", exact=False)).to_be_checked()

    # One domain, filters kept; then the needs some vendor cannot cover.
    domains = page.get_by_role("navigation", name="Domaines de la grille")
    ui.follow(domains.get_by_role("link").first, context="one domain")
    assert "ecarts=on" in page.url
    expect(page.locator("table.compare-grid")).to_have_count(1)
    ui.goto(f"/projets/{project.pk}/etapes/11/comparaison/?non_couverts=on",
            context="uncovered")
    for cells in page.locator("table.compare-grid tbody tr").all():
        answers = cells.locator("td.answer").all_inner_texts()
        assert any(a.startswith(("Non couvert", "Sans réponse")) for a in answers), answers
