"""The phase-4 pages the load benchmark measures answer to the phase-4 MSP's chef de projet."""

from __future__ import annotations

import pytest

from acceptance.demo.phase4 import demo_projects
from projects.choices import Role
from projects.models import Membership
from projects.plugins import plugins

pytestmark = pytest.mark.django_db


def test_the_plugin_names_its_phase4_pages_and_each_answers(client) -> None:
    [plugin] = [p for p in plugins() if p.app_label == "acceptance"]
    assert plugin.load_pages == "acceptance.demo.load.load_pages"
    from acceptance.demo.load import load_pages

    [result] = demo_projects(reset=False)
    pages = load_pages(project=result.project)
    assert {"contrat", "anomalies", "campagne de recette", "couverture (étape 14)",
            "matrice d'habilitation", "formation (étape 15)", "maintenance (étape 16)",
            "bilan (étape 17)", "commandes (étape 18)"} <= set(pages)
    lead = Membership.objects.get(project=result.project, role=Role.PROJECT_LEAD).user
    client.force_login(lead)
    for label, path in pages.items():
        assert client.get(path).status_code == 200, label
