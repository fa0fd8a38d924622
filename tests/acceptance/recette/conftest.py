"""Fixtures of the recette tests: a small project with a frozen grid and one member per
role (lighter than the demo walked to phase 4)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from acceptance.anomalies.models import Anomaly
from acceptance.recette.models import AcceptanceCase
from msp_si.common import clock
from projects.choices import Profession, Role
from projects.models import Project
from requirements.needs.services import grid_freeze, grid_initialise


@dataclass
class Team:
    """A project with a frozen grid and its members by role."""

    project: Project
    lead: Any
    nurse: Any  # référent métier of the nurses
    amoa: Any
    member: Any
    observer: Any


@pytest.fixture
def team(make_project, add_member) -> Team:
    project = make_project()
    lead = project.created_by
    nurse = add_member(project, Role.PROFESSION_REFERENT, profession=Profession.NURSE).user
    amoa = add_member(project, Role.AMOA).user
    member = add_member(project, Role.MEMBER, profession=Profession.GP).user
    observer = add_member(project, Role.OBSERVER).user
    grid_freeze(grid=grid_initialise(project=project), by=lead)
    return Team(project, lead, nurse, amoa, member, observer)


def anomaly_add(project: Project, by: Any, *, severity: str, number: int,
                case: AcceptanceCase | None = None, status: str = "open") -> Anomaly:
    """A fiche anomalie as the anomaly log records it (its service lives in another
    capability; the PV reads the model directly)."""
    return Anomaly.objects.create(
        project=project, number=number, title=f"Anomalie fictive {number}",
        description="Écran figé à l'enregistrement.", severity=severity, status=status,
        case=case, requirement=case.requirement if case else None, reported_by=by,
        reported_at=clock.now())
