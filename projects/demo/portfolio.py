"""The benchmark's portfolio: the demo's AMOA following 50 MSPs (invented, rolled back
with the rest of the run), each with a budget line and a risk, one in three in phase 4."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from msp_si.common import clock

from ..budget.services import budget_line_create
from ..choices import BudgetNature, LegalStructure, Profession, RiskNature, Role
from ..core.services import membership_set_role, project_create
from ..models import Membership, Project
from ..risks.services import risk_create

if TYPE_CHECKING:
    from msp_si.accounts.models import User

PORTFOLIO_SIZE = 50


def portfolio_fill(*, amoa: User, lead: User, size: int = PORTFOLIO_SIZE) -> int:
    """Add MSPs followed by ``amoa`` until it follows ``size``; returns how many it follows."""
    followed = Membership.objects.filter(user=amoa).count()
    today = clock.today()
    for index in range(followed, size):
        project = project_create(
            creator=lead, name=f"MSP de mesure n°{index:02d}",
            legal_structure=LegalStructure.SISA, start_on=today - timedelta(days=200),
            site_list=[("Site principal", "Villefranche")],
            professions=[(Profession.GP, 3), (Profession.NURSE, 2)])
        membership_set_role(project=project, user=amoa, role=Role.AMOA)
        budget_line_create(project=project, by=lead, nature=BudgetNature.LICENCES,
                           label="Licences", estimated=Decimal("9000"),
                           committed=Decimal(1000 + 100 * index), paid=Decimal(500))
        risk_create(project=project, by=lead, title="Disponibilité des professionnels",
                    nature=RiskNature.HUMAN, probability=1 + index % 4, impact=3)
        if index % 3 == 0:
            Project.objects.filter(pk=project.pk).update(
                implementation_started_on=today - timedelta(days=30))
    return Membership.objects.filter(user=amoa).count()
