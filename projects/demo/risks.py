"""Demo risk register: six of the method's known risks accepted, one refused, re-evaluated
over the months (one not since the project team's meeting: flagged), preventive actions in
the calendar, one proposal of the AMOA waiting for the chef de projet. All invented."""

from __future__ import annotations

from datetime import timedelta

from ..choices import RiskNature
from ..models import Risk
from ..risks import services
from ..risks.selectors import default_action_step
from .budget import demo_part as budget_part
from .seed import AMOA, LEAD, NURSE, SECURITY, DemoContext

# Known risk → (owner, days ago it was accepted, re-evaluations (days ago, P, I, comment)).
_ACCEPTED: dict[str, tuple[str, int, tuple[tuple[int, int, int, str], ...]]] = {
    "availability": (LEAD.key, 200, ((100, 3, 3, "Étude de l'existant en retard."),
                                     (20, 4, 3, "Sept professions sans réponse."))),
    "vendor_failure": (LEAD.key, 200, ((20, 1, 4, "Trois réponses solides reçues."),)),
    "non_hds_hosting": (AMOA.key, 190, ((20, 2, 4, "Une offre sans certificat HDS."),)),
    "free_text_migration": (NURSE.key, 150, ((20, 3, 4, "Reprise chiffrée en option."),)),
    "secretaries_training": (SECURITY.key, 100, ()),
    "budget_overrun": (LEAD.key, 200, ((20, 2, 3, "Offres sous le plafond de 95 000 €."),)),
}
_REFUSED = ("lead_loss",)
_ACTIONS: tuple[tuple[str, str, str, int], ...] = (
    ("availability", "Bloquer une demi-journée par mois et par référent jusqu'au choix",
     LEAD.key, 20),
    ("non_hds_hosting", "Vérifier le certificat HDS de l'hébergeur de chaque offre classée",
     AMOA.key, 5),
    ("free_text_migration", "Demander un essai de reprise sur vingt dossiers anonymisés",
     NURSE.key, 45),
)


def demo_part(context: DemoContext) -> None:
    """The projects app's own part of the demo beyond steps 1–3 (``Plugin.demo_seed``):
    the risk register, then the budget."""
    _risk_register(context)
    budget_part(context)


def _risk_register(context: DemoContext) -> None:
    """Known risks accepted or refused, re-evaluations, actions, one proposal."""
    project, users, today = context.project, context.users, context.today
    lead = users[LEAD.key]
    for code, (owner, accepted_ago, reviews) in _ACCEPTED.items():
        risk = services.known_risk_decide(project=project, code=code, is_accepted=True,
                                          by=lead, owner=users[owner],
                                          on=today - timedelta(days=accepted_ago))
        for days_ago, probability, impact, comment in reviews:
            services.risk_assess(risk=risk, by=lead, probability=probability, impact=impact,
                                 comment=comment, on=today - timedelta(days=days_ago))
    for code in _REFUSED:
        services.known_risk_decide(project=project, code=code, is_accepted=False, by=lead,
                                   on=today - timedelta(days=200))
    step = default_action_step(project=project)
    assert step is not None  # the demo is in phase 3
    for code, description, owner, due_in in _ACTIONS:
        risk = Risk.objects.get(project=project, source=code)
        services.risk_action_add(risk=risk, by=lead, description=description, step=step,
                                 owner=users[owner], due_on=today + timedelta(days=due_in))
    services.risk_create(
        project=project, by=users[AMOA.key], is_proposal=True,
        title="Liaison 4G de secours de l'antenne insuffisante", nature=RiskNature.TECHNICAL,
        description="L'antenne du Vieux-Moulin n'a pas la fibre : une coupure rendrait le "
                    "dossier partagé inaccessible.", probability=2, impact=3)
