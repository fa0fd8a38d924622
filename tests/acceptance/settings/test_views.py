"""Step 12 pages: the matrix edited cell by cell (htmx) or as a form, its validation,
référents limited to their own items, objects of another project hidden."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from acceptance.models import HabilitationProfile, SettingItem
from acceptance.settings import services
from acceptance.settings.choices import DataCategory
from projects.choices import Role
from requirements.models import GridDomain
from requirements.needs.services import grid_initialise
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _url(name: str, project, *args) -> str:
    return reverse(f"acceptance:{name}", args=[project.pk, *args])


def test_a_cell_is_saved_by_htmx_and_refused_once_validated(project, lead, client_for) -> None:
    profile = services.habilitation_profile_add(project=project, profession="gp",
                                                status="holder")
    client = client_for(lead)
    url = _url("habilitation-cell", project, profile.pk)
    answer = client.post(url, {"category": "billing", f"right-{profile.pk}-billing": "write"},
                         HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert "Enregistré" in plain(answer.content.decode())
    assert HabilitationProfile.objects.get(pk=profile.pk).billing == "write"

    bad = client.post(url, {"category": "billing", f"right-{profile.pk}-billing": "admin"},
                      HTTP_HX_REQUEST="true")
    assert "inconnus" in plain(bad.content.decode())

    for category in DataCategory.values:
        services.habilitation_right_set(profile=profile, category=category, right="read")
    page = client.post(_url("habilitation-validate", project),
                       {"held_on": "2026-11-20", "attendees": [lead.memberships.get().pk]})
    assert page.status_code == 302
    refused = client.post(url, {"category": "billing", f"right-{profile.pk}-billing": "none"},
                          HTTP_HX_REQUEST="true")
    assert "validée" in plain(refused.content.decode())
    assert HabilitationProfile.objects.get(pk=profile.pk).billing == "read"


def test_the_form_fallback_saves_the_grid_and_validation_needs_every_right(
        project, lead, client_for) -> None:
    profile = services.habilitation_profile_add(project=project, profession="nurse",
                                                status="holder")
    client = client_for(lead)
    posted = client.post(_url("habilitations", project),
                         {f"right-{profile.pk}-agenda": "write",
                          f"right-{profile.pk}-billing": "read"})
    assert posted.status_code == 302
    profile.refresh_from_db()
    assert (profile.agenda, profile.billing, profile.synthesis) == ("write", "read", "")

    refused = client.post(_url("habilitation-validate", project),
                          {"held_on": "2026-11-20",
                           "attendees": [lead.memberships.get().pk]})
    assert refused.status_code == 400
    assert "Des droits manquent" in plain(refused.content.decode())
    page = client.get(_url("habilitations", project))
    assert "4 droits à définir" in plain(page.content.decode())


def test_a_referent_edits_the_items_of_its_domain_only(project, lead, add_member,
                                                       client_for) -> None:
    grid = grid_initialise(project=project)
    referent = add_member(project, Role.DOMAIN_REFERENT)
    GridDomain.objects.filter(grid=grid, code="PAR").update(referent=referent)
    services.setting_items_propose(project=project, by=lead)
    mine = SettingItem.objects.get(project=project, title="PAR — Accès et habilitations")
    other = SettingItem.objects.filter(project=project, title__startswith="PIL").first()
    client = client_for(referent.user)
    assert client.get(_url("setting-item-edit", project, mine.pk)).status_code == 200
    moved = client.post(_url("setting-item-move", project, mine.pk), {"to_state": "documented"})
    assert moved.status_code == 302
    assert SettingItem.objects.get(pk=mine.pk).state == "documented"
    assert client.get(_url("setting-item-edit", project, other.pk)).status_code == 403
    assert client.post(_url("setting-item-move", project, other.pk),
                       {"to_state": "documented"}).status_code == 403
    # The referent cannot hand its item to someone else: the owner field is disabled.
    client.post(_url("setting-item-edit", project, mine.pk), {
        "area": "users_rights", "title": mine.title, "description": "Règles écrites.",
        "codes": "PAR-001", "owner": lead.memberships.get().pk})
    mine.refresh_from_db()
    assert (mine.description, mine.owner_id) == ("Règles écrites.", referent.pk)
    page = plain(client.get(_url("settings", project)).content.decode())
    assert f"/parametrage/{mine.pk}/" in page
    assert f"/parametrage/{other.pk}/" not in page


def test_objects_of_another_project_are_hidden(project, lead, make_project, client_for) -> None:
    other = make_project(name="MSP voisine")
    profile = services.habilitation_profile_add(project=other, profession="gp",
                                                status="holder")
    item = services.setting_item_save(project=other, by=other.created_by, codes="",
                                      values={"area": "indicators", "title": "Tableau"})
    client = client_for(lead)
    assert client.post(_url("habilitation-cell", project, profile.pk),
                       {"category": "billing"}).status_code == 404
    assert client.get(_url("setting-item-edit", project, item.pk)).status_code == 404
    assert client.post(_url("setting-item-move", project, item.pk),
                       {"to_state": "documented"}).status_code == 404
    assert SettingItem.objects.get(pk=item.pk).state == "to_document"


def test_the_validation_date_cannot_be_in_the_future(project, lead, client_for) -> None:
    response = client_for(lead).post(_url("habilitation-validate", project), {
        "held_on": date(2027, 1, 5).isoformat(), "attendees": [lead.memberships.get().pk]})
    assert response.status_code == 400
    assert "futur" in plain(response.content.decode())


def test_the_history_shows_steps_12_and_13(project, lead, client_for) -> None:
    from acceptance.migration import services as migration
    from requirements.expected.services import migration_item_add

    profile = services.habilitation_profile_add(project=project, profession="gp",
                                                status="holder")
    for category in DataCategory.values:
        services.habilitation_right_set(profile=profile, category=category, right="write")
    services.habilitation_matrix_validate(project=project, by=lead, held_on=date(2026, 11, 20),
                                          attendees=[lead.memberships.get()])
    services.setting_item_save(project=project, by=lead, codes="",
                               values={"area": "indicators", "title": "Tableau de bord"})
    migration_item_add(project=project, data="Dossiers", source_software="Ancien (fictif)",
                       data_format="CSV")
    migration.migration_checklist_generate(project=project, by=lead)
    page = client_for(lead).get(reverse("projects:history", args=[project.pk]))
    assert page.status_code == 200
    html = plain(page.content.decode())
    assert "Tableau de bord" in html
    assert "Dossiers" in html


def test_the_matrix_and_settings_pages_cost_the_same_queries_whatever_their_size(
        project, lead, client_for) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    grid_initialise(project=project)
    client = client_for(lead)
    counts = []
    for size in (2, 6):
        for status in ("holder", "locum", "trainee", "replacement", "secretariat",
                       "coordination")[:size]:
            if not HabilitationProfile.objects.filter(project=project, status=status).exists():
                services.habilitation_profile_add(project=project, profession="gp",
                                                  status=status)
        for n in range(size):
            services.setting_item_save(project=project, by=lead, codes="PAR-001 PAR-002",
                                       values={"area": "indicators", "title": f"Item {n}"},
                                       item=SettingItem.objects.filter(
                                           project=project, title=f"Item {n}").first())
        with CaptureQueriesContext(connection) as queries:
            assert client.get(_url("habilitations", project)).status_code == 200
            assert client.get(_url("settings", project)).status_code == 200
        counts.append(len(queries.captured_queries))
    assert counts[0] == counts[1]
