"""Demo part of the recette (step 14): a campaign of the users' recette, half executed,
with KO cases to report. Invented results only, no patient data."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from msp_si.common import clock
from projects.choices import Role
from projects.models import Membership

from ..recette import services
from ..recette.choices import ExecutionResult
from ..recette.models import CampaignCase

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

# Invented observations of the testers, by result.
KO_COMMENTS = (
    "Le courrier d'adressage s'imprime sans l'en-tête de la maison de santé.",
    "L'alerte d'interaction médicamenteuse ne s'affiche pas à la prescription.",
    "La synthèse partagée n'est pas visible depuis l'antenne du Vieux-Moulin.",
)
BLOCKED_COMMENT = "Compte de test sans droit d'accès à l'agenda partagé."


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Cases written from the grid, a users' recette opened a week ago and half of its
    cases executed by their testers: mostly OK, three KO, one blocked."""
    lead = Membership.objects.filter(project=project, role=Role.PROJECT_LEAD).order_by(
        "pk").first()
    if lead is None:
        return
    services.cases_generate(project=project, by=lead.user)
    today = clock.today()
    campaign = services.campaign_open(
        project=project, by=lead.user, name="Recette utilisateurs — première campagne",
        kind="users", starts_on=today - timedelta(days=7), ends_on=today + timedelta(days=14))
    items = list(CampaignCase.objects.filter(campaign=campaign).select_related("tester")
                 .order_by("position", "id"))
    executed = items[: len(items) // 2]
    for index, item in enumerate(executed):
        result, comment = ExecutionResult.OK, ""
        if index % 7 == 3 and index // 7 < len(KO_COMMENTS):
            result, comment = ExecutionResult.KO, KO_COMMENTS[index // 7]
        elif index == 5:
            result, comment = ExecutionResult.BLOCKED, BLOCKED_COMMENT
        tester = item.tester or lead.user
        services.execution_record(item=item, by=tester, result=result, comment=comment,
                                  version=item.version, can_prepare=tester == lead.user)
