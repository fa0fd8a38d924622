"""The AMOA of the demo follows its two MSPs (one in phase 3, one in phase 4): in a real
browser it compares them on the portfolio, sorts it, exports it, and opens a dashboard
with its charts — every page checked by axe."""

from __future__ import annotations

import io

from openpyxl import load_workbook
from playwright.sync_api import expect

from acceptance.demo.phase4 import demo_projects
from projects.demo import seed as demo
from tests.typography import plain

from .conftest import UI


def _names(ui: UI) -> list[str]:
    return ui.page.locator("table.portfolio tbody th[scope=row] a").all_inner_texts()


def test_the_amoa_compares_its_two_msps_and_reads_a_dashboard(ui: UI) -> None:
    main = demo.demo_seed()
    phase4 = demo_projects(reset=False)[0].project
    amoa = next(user for person, user in main.accounts if person.key == demo.AMOA.key)
    page = ui.page
    ui.sign_in(amoa.email, demo.DEMO_PASSWORD)
    ui.follow(page.get_by_role("link", name="Portefeuille : comparer vos projets côte à côte"),
              context="portfolio")
    assert sorted(_names(ui)) == sorted([main.project.name, phase4.name])
    table = page.get_by_role("table", name="2 projets suivis")
    # Phase 4 figures come from the acceptance app, for the phase-4 MSP only.
    expect(table.get_by_role("columnheader", name="Anomalies ouvertes")).to_be_visible()
    phase4_row = table.get_by_role("row").filter(has_text=phase4.name)
    expect(phase4_row).to_contain_text("4. ")

    ui.follow(table.get_by_role("link", name="Phase — trier par ordre croissant"),
              context="portfolio by phase")
    expect(page.get_by_role("columnheader", name="Phase")).to_have_attribute(
        "aria-sort", "ascending")
    assert _names(ui)[-1] == phase4.name
    ui.follow(page.get_by_role("link", name="Phase — trier par ordre décroissant"),
              context="portfolio by phase, descending")
    assert _names(ui)[0] == phase4.name

    export = page.get_by_role("link", name="Exporter le portefeuille (XLSX)")
    response = page.request.get(ui.url(export.get_attribute("href") or ""))
    assert response.ok
    sheet = load_workbook(io.BytesIO(response.body())).active
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == _names(ui)

    ui.follow(page.get_by_role("link", name=phase4.name, exact=True), context="dashboard")
    charts = page.locator("figure.chart svg[role=img]")
    expect(charts.first).to_be_visible()
    titles = [plain(title) for title in
              page.locator("figure.chart svg[role=img] > title").all_text_contents()]
    assert titles[:2] == ["Avancement par phase", "Budget : estimé, engagé, payé (€ HT)"]
    assert "Couverture des besoins par la recette" in titles
    # Each chart has its table: as many data tables as pictures.
    expect(page.locator("figure.chart table.chart-data")).to_have_count(len(titles))
    expect(page.get_by_role("table", name="Avancement par phase")).to_contain_text("%")
    ui.assert_every_page_checked()
