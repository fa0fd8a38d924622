"""A light phase-4 project for steps 15–17: a team and a contract with its go-live date
(no demo walk: the `chosen_msp` fixture takes ten seconds)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest

from acceptance.contract.models import Contract
from projects.choices import Profession, Role
from projects.models import Project

GO_LIVE = date(2026, 12, 14)  # three weeks after the tests' frozen day (2026-11-23)


@dataclass
class Team:
    """The project and one person per place in the training groups."""

    project: Project
    lead: Any
    nurse_referent: Any
    amoa: Any
    doctor: Any
    secretary: Any
    observer: Any


@pytest.fixture
def team(make_project, add_member) -> Team:
    project = make_project()
    lead = project.created_by
    Contract.objects.create(
        project=project, vendor_name="Éditeur fictif", created_by=lead, go_live_on=GO_LIVE,
        blocking_response_hours=4, major_response_hours=24, minor_response_hours=72,
        support_start_hour=8, support_end_hour=19, support_days="weekdays")
    return Team(
        project=project, lead=lead,
        nurse_referent=add_member(project, Role.PROFESSION_REFERENT).user,
        amoa=add_member(project, Role.AMOA).user,
        doctor=add_member(project, Role.MEMBER, profession=Profession.GP).user,
        secretary=add_member(project, Role.MEMBER, profession=Profession.SECRETARY).user,
        observer=add_member(project, Role.OBSERVER).user,
    )
