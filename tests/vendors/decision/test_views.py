"""The dossier de choix page: who sees and does what, and the choice recorded from it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from projects.demo import seed as demo
from tests.typography import plain
from vendors.decision.models import SolutionChoice

from ..choice_helpers import close_demo_vote, dossier_generate, dossier_validate

pytestmark = pytest.mark.django_db


def test_the_page_shows_what_is_missing_and_hides_actions_from_readers(demo_msp, client) -> None:
    project, people = demo_msp
    url = reverse("vendors:choice", args=[project.pk])
    client.force_login(people[demo.OBSERVER.key])
    page = plain(client.get(url).content.decode())
    assert "L&#x27;assemblée générale n&#x27;a pas encore voté" in page
    assert "Enregistrer la synthèse" not in page
    assert "Générer une nouvelle version" not in page
    assert "Enregistrer le choix" not in page

    client.force_login(people[demo.AMOA.key])
    page = plain(client.get(url).content.decode())
    assert "Enregistrer la synthèse" in page
    assert "Générer une nouvelle version (Dossier de choix)" in page
    assert "Enregistrer le choix" not in page
    response = client.post(url, {"synthesis": "L'offre Confluence couvre mieux nos besoins."})
    assert response.status_code == 302
    assert SolutionChoice.objects.get(project=project).synthesis.startswith("L'offre")


def test_generating_from_the_page_comes_back_to_it(demo_msp, client) -> None:
    project, people = demo_msp
    client.force_login(people[demo.AMOA.key])
    url = reverse("vendors:choice", args=[project.pk])
    generate = reverse("projects:document-generate", args=[project.pk, "dossier_de_choix"])
    assert client.post(generate, {"next": url})["Location"] == url
    # A forged « next » to another site or project falls back to the documents page.
    for forged in ("https://exemple.test/", f"/projets/{project.pk + 1000}/", "//exemple.test"):
        response = client.post(generate, {"next": forged})
        assert response["Location"] == reverse("projects:document-list", args=[project.pk])


def test_the_chef_records_the_choice_and_the_project_enters_phase_4(demo_msp, client) -> None:
    project, people = demo_msp
    lead = people[demo.LEAD.key]
    close_demo_vote(project, lead)
    dossier_validate(project, lead, dossier_generate(project, lead))
    client.force_login(lead)
    url = reverse("vendors:choice", args=[project.pk])
    assert "Enregistrer le choix : Solutions Confluence Santé — Confluence MSP" in \
        plain(client.get(url).content.decode())
    response = client.post(reverse("vendors:choice-record", args=[project.pk]), follow=True)
    page = plain(response.content.decode())
    assert "Solution retenue : « Solutions Confluence Santé — Confluence MSP »" in plain(page)
    assert "Le projet passe en phase 4" in page
    # A double submission shows why nothing more happens.
    again = client.post(reverse("vendors:choice-record", args=[project.pk]), follow=True)
    assert "La solution retenue est déjà enregistrée" in plain(again.content.decode())
    home = plain(client.get(reverse("projects:project-home", args=[project.pk])).content.decode())
    assert "Le projet est en phase 4, mise en œuvre" in home


def test_recording_too_early_explains_why(demo_msp, client) -> None:
    project, people = demo_msp
    client.force_login(people[demo.LEAD.key])
    response = client.post(reverse("vendors:choice-record", args=[project.pk]), follow=True)
    assert "n&#x27;a pas encore voté" in plain(response.content.decode())
    project.refresh_from_db()
    assert project.implementation_started_on is None
