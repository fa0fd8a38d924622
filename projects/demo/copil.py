"""Demo COPIL: the comité de pilotage held twenty days ago has its minutes — decisions,
an action in the calendar, the risks reviewed — recorded once every app has seeded its
part, so that the dashboard frozen into them is the demo's."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ..choices import ProjectBody
from ..models import Meeting, Membership, Risk
from ..risks.rules import FOLLOWED
from ..risks.selectors import default_action_step
from ..steering import selectors, services

if TYPE_CHECKING:
    # Type only: seed.py calls this module, which must not import it back.
    from .seed import DemoContext

_DECISIONS = (
    "Les trois réponses reçues sont analysées avec la grille de choix ; l'offre sans "
    "hébergeur certifié HDS est écartée si le certificat n'est pas produit.",
    "Deux éditeurs sont auditionnés ; la référente infirmière prépare les questions sur "
    "les tournées.",
    "Le plafond budgétaire reste fixé à 95 000 € HT sur trois ans.",
)


def copil_part(context: DemoContext, *, author: str, present: tuple[str, ...],
               action_owner: str) -> None:
    """Record the minutes of the demo's past COPIL (called after the plug-ins' parts);
    people are given by their demo account key."""
    project, users, today = context.project, context.users, context.today
    meeting = Meeting.objects.get(project=project, body=ProjectBody.STEERING_COMMITTEE,
                                  held_on__lt=today)
    present_ids = {users[key].pk for key in present}
    step = default_action_step(project=project)
    assert step is not None  # the demo is in phase 3
    services.minutes_record(
        meeting=meeting, by=users[author],
        attendees=list(Membership.objects.filter(project=project, user_id__in=present_ids)),
        agenda="Réponses attendues des éditeurs ; auditions ; revue des risques.",
        notes="Le comité fait le point sur la consultation et sur le retard de l'étude "
              "de l'existant.",
        decisions=_DECISIONS,
        actions=[services.ActionSpec(
            description="Relancer les professions qui n'ont pas décrit leur existant",
            due_on=today + timedelta(days=10), step=step, owner=users[action_owner])],
        risks_reviewed=list(Risk.objects.filter(project=project, status__in=FOLLOWED)),
        snapshot=selectors.dashboard_snapshot(project=project, today=today))
