"""Risk register pages: the matrix moves with a re-rating, proposals, scoping."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from projects.choices import RiskNature, RiskStatus, Role
from projects.models import Project, Risk
from projects.risks import services
from tests.typography import plain

pytestmark = pytest.mark.django_db


def _cell(content: str, probability: int, impact: int) -> str:
    found = re.search(rf'data-cell="{probability}-{impact}">(.*?)</td>', content, re.S)
    assert found is not None
    return found.group(1)


def _risk(project: Project, by: Any) -> Risk:
    return services.risk_create(project=project, by=by, title="Panne du serveur",
                                nature=RiskNature.TECHNICAL, probability=2, impact=3)


def test_a_re_rated_risk_moves_on_the_matrix_and_its_table(project: Project, lead: Any,
                                                           client_for: Any) -> None:
    risk = _risk(project, lead)
    client = client_for(lead)
    register = reverse("projects:risk-list", args=[project.pk])
    assert "R1" in _cell(plain(client.get(register).content.decode()), 2, 3)
    client.post(reverse("projects:risk-assess", args=[project.pk, risk.pk]),
                {"probability": "4", "impact": "4", "comment": "Serveur hors garantie"})
    content = plain(client.get(register).content.decode())
    assert "R1" not in _cell(content, 2, 3)
    assert "R1" in _cell(content, 4, 4)
    assert "16 — critique" in content  # the table says what the colour shows
    detail = client.get(reverse("projects:risk-detail", args=[project.pk, risk.pk]))
    assert "Serveur hors garantie" in plain(detail.content.decode())


def test_a_bad_rating_is_refused_in_french_and_changes_nothing(project: Project, lead: Any,
                                                               client_for: Any) -> None:
    risk = _risk(project, lead)
    response = client_for(lead).post(
        reverse("projects:risk-assess", args=[project.pk, risk.pk]),
        {"probability": "7", "impact": "2"}, follow=True)
    assert "se notent de 1 à 4" in plain(response.content.decode())
    assert risk.assessments.count() == 1


def test_the_amoa_proposes_and_the_chef_accepts(project: Project, lead: Any,
                                                add_member: Any, client_for: Any) -> None:
    amoa = add_member(project, Role.AMOA).user
    client_for(amoa).post(reverse("projects:risk-create", args=[project.pk]), {
        "title": "Perte des sauvegardes", "nature": RiskNature.TECHNICAL,
        "probability": "2", "impact": "4"})
    risk = Risk.objects.get(project=project)
    assert risk.status == RiskStatus.PROPOSED
    register = client_for(lead).get(reverse("projects:risk-list", args=[project.pk]))
    assert "Risques proposés" in plain(register.content.decode())
    client_for(lead).post(reverse("projects:risk-status", args=[project.pk, risk.pk]),
                          {"to_status": RiskStatus.OPEN})
    assert Risk.objects.get(pk=risk.pk).status == RiskStatus.OPEN


def test_the_chef_accepts_a_known_risk_from_the_page(project: Project, lead: Any,
                                                     client_for: Any) -> None:
    client = client_for(lead)
    url = reverse("projects:known-risk-decide", args=[project.pk, "non_hds_hosting"])
    client.post(url, {"decision": "accept"})
    response = client.post(url, {"decision": "accept"}, follow=True)
    assert "déjà été accepté ou refusé" in plain(response.content.decode())
    assert Risk.objects.filter(project=project, source="non_hds_hosting").count() == 1


def test_another_projects_risk_is_hidden(project: Project, lead: Any, make_project: Any,
                                         client_for: Any) -> None:
    other = make_project(name="MSP voisine")
    foreign = _risk(other, other.created_by)
    client = client_for(lead)
    assert client.get(reverse("projects:risk-detail",
                              args=[project.pk, foreign.pk])).status_code == 404
    response = client.post(reverse("projects:risk-assess", args=[project.pk, foreign.pk]),
                           {"probability": "1", "impact": "1"})
    assert response.status_code == 404
    assert foreign.assessments.count() == 1
