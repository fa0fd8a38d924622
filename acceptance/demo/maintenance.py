"""Demo of step 16: two evolution requests and one planned intervention."""

from __future__ import annotations

from datetime import timedelta

from msp_si.accounts.models import User
from msp_si.common import clock
from projects.demo import seed as demo
from projects.models import Project

from ..choices import EvolutionStatus
from ..maintenance import services
from ..maintenance.models import EvolutionRequest


def seed(*, project: Project, people: dict[str, User]) -> None:
    """Fill step 16 of a project in phase 4; a second call changes nothing."""
    if EvolutionRequest.objects.filter(project=project).exists():
        return
    nurse, member = people[demo.NURSE.key], people[demo.MEMBER.key]
    first = services.evolution_propose(
        project=project, by=nurse, title="Transmissions infirmières depuis la tablette",
        description="Saisir les transmissions au domicile du patient, hors connexion, puis "
                    "synchroniser au retour.", origin="user", priority="high")
    services.evolution_transition(evolution=first, target=EvolutionStatus.QUALIFIED,
                                  can_decide=False)
    services.evolution_propose(
        project=project, by=member, title="Bilan kinésithérapique type",
        description="Un modèle de bilan initial partagé avec le médecin traitant.",
        origin="user_club", priority="medium")
    services.intervention_plan(
        project=project, by=people[demo.AMOA.key], title="Mise à jour 4.2 de l'éditeur",
        content="Corrections de l'agenda partagé ; nouveau modèle de courrier.",
        starts_at=clock.now().replace(hour=20, minute=0, second=0, microsecond=0)
        + timedelta(days=7), downtime_minutes=60, affected="Tous les utilisateurs",
        needs_training=False, needs_recette=True)
