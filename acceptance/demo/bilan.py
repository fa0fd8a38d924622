"""Demo of step 17: real costs, the survey with answers (some typed in from paper)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.choices import Profession
from projects.demo import seed as demo
from projects.models import Project

from ..bilan import services
from ..bilan.models import Survey
from ..choices import CostNature

_COSTS = (
    (CostNature.LICENCES, "Abonnements, première année", Decimal("14850.00")),
    (CostNature.IMPLEMENTATION, "Installation, paramétrage et reprise", Decimal("9600.00")),
    (CostNature.TRAINING, "Quatre journées de formation", Decimal("3800.00")),
    (CostNature.INTERNAL, "Indemnisation du chef de projet et des référents",
     Decimal("6000.00")),
)
# (profession, six marks, comment): invented answers.
_PAPER = (
    (Profession.NURSE, (4, 3, 4, 4, 5, 3), "Les transmissions gagnent du temps."),
    (Profession.NURSE, (5, 4, 4, 5, 5, 4), ""),
    (Profession.NURSE, (4, 4, 3, 4, 4, 3), "Lenteurs le lundi matin."),
    (Profession.SECRETARY, (3, 2, 3, 3, 3, 3), "Formation trop courte pour l'accueil."),
)


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill step 17 of a project in phase 4; a second call changes nothing."""
    if Survey.objects.filter(project=project).exists():
        return
    amoa, lead = people[demo.AMOA.key], people[demo.LEAD.key]
    for index, (nature, label, amount) in enumerate(_COSTS):
        services.cost_add(project=project, by=amoa, nature=nature, label=label, amount=amount,
                          spent_on=clock.today() - timedelta(days=30 * (len(_COSTS) - index)))
    survey = services.survey_open(project=project, by=lead)
    keys = ("overall", "ease_of_use", "operation", "functional", "impact", "vendor")
    for profession, marks, comment in _PAPER:
        services.survey_paper_answer(survey=survey, profession=profession,
                                     marks=dict(zip(keys, marks, strict=True)), comment=comment)
    services.survey_answer(survey=survey, user=people[demo.GP_MEMBER.key],
                           profession=Profession.GP,
                           marks=dict(zip(keys, (4, 4, 4, 3, 4, 4), strict=True)))
