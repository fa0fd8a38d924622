"""The page cache as a member lives it: the same page comes back at once, any change
shows on the next visit, and nobody ever gets a page rendered for someone else."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import RiskNature, Role
from projects.core.services import membership_revoke
from projects.models import Project
from projects.risks.services import risk_create
from tests.typography import plain

# Session, user, membership with project and revision, and the permissions: the guard's
# reads. A page served from the cache reads nothing more.
GUARD_QUERIES = 5


def _risks(project: Project) -> str:
    return reverse("projects:risk-list", args=[project.pk])


def _settled(client: Any, url: str) -> Any:
    """The page once the browser holds its CSRF cookie (as after any first visit)."""
    client.get(url)
    return client.get(url)


def _queries(client: Any, url: str, **headers: str) -> tuple[Any, list[str]]:
    """The answer to a GET and the SQL it ran."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    return response, [q["sql"] for q in captured]


def test_a_page_seen_again_is_the_same_page_read_in_the_guard_s_queries_only(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    first = _settled(client, url)
    again, sql = _queries(client, url)
    assert again.status_code == 200
    assert again.content == first.content
    assert len(sql) <= GUARD_QUERIES, sql


def test_a_change_made_since_shows_on_the_next_visit(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    assert "Serveur sous le bureau" not in plain(_settled(client, url).content.decode())
    risk_create(project=project, by=lead, title="Serveur sous le bureau",
                nature=RiskNature.TECHNICAL, probability=3, impact=4)
    assert "Serveur sous le bureau" in plain(client.get(url).content.decode())


def test_a_change_made_through_the_form_shows_with_its_message_once(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    _settled(client, url)
    response = client.post(reverse("projects:risk-create", args=[project.pk]), {
        "title": "Fournisseur en redressement", "nature": RiskNature.FINANCIAL,
        "probability": 2, "impact": 4, "description": ""}, follow=True)
    page = plain(response.content.decode())
    assert "Fournisseur en redressement" in page
    assert "Le risque est ajouté au registre." in page
    again = plain(client.get(url).content.decode())
    assert "Fournisseur en redressement" in again
    assert "Le risque est ajouté au registre." not in again


def test_another_member_never_gets_a_page_rendered_for_someone_else(
        project: Project, lead: User, add_member: Any, client_for: Any, client: Any) -> None:
    member = add_member(project, Role.MEMBER).user
    url = _risks(project)
    _settled(client_for(lead), url)
    client.logout()
    page = plain(_settled(client_for(member), url).content.decode())
    assert f"Déconnexion ({member.display_name})" in page
    assert lead.display_name not in page.split("Déconnexion")[1][:80]


def test_a_member_removed_from_the_project_gets_404_despite_a_cached_page(
        project: Project, add_member: Any, client_for: Any) -> None:
    membership = add_member(project, Role.MEMBER)
    client = client_for(membership.user)
    url = _risks(project)
    assert _settled(client, url).status_code == 200
    membership_revoke(membership=membership)
    assert client.get(url).status_code == 404


def test_a_forced_reload_renders_the_page_again(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    _settled(client, url)
    reloaded, sql = _queries(client, url, HTTP_CACHE_CONTROL="no-cache")
    assert reloaded.status_code == 200
    assert len(sql) > GUARD_QUERIES


def test_an_htmx_request_gets_its_fragment_not_the_cached_page(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    assert _settled(client, url).status_code == 200
    _fragment, sql = _queries(client, url, HTTP_HX_REQUEST="true")
    assert len(sql) > GUARD_QUERIES


def test_text_computed_from_the_clock_is_at_most_a_minute_old(
        project: Project, lead: User, client_for: Any) -> None:
    client = client_for(lead)
    url = _risks(project)
    _settled(client, url)
    with time_machine.travel(clock.now() + timedelta(minutes=2), tick=False), \
            CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert len(captured) > GUARD_QUERIES
