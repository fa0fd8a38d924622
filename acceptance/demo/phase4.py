"""A second invented MSP, already in phase 4 « Mise en œuvre », with the same AMOA.

It plays the same script as the first demo up to the AG's choice (other people, dates a
year earlier), then the README's walk records the choice, and each capability of phase 4
seeds its part: contract, paramétrage, reprise, recette, anomalies. Everything is
invented: structure, towns, people, vendors. No patient data.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.module_loading import import_string

from msp_si.accounts.models import User
from projects.choices import Profession, Role, StepStatus
from projects.core.services import step_transition
from projects.demo import seed as demo
from projects.demo.seed import DemoCast, DemoPerson, DemoResult
from projects.models import Project, Step
from vendors.demo.walk import demo_choice_record

PHASE4_PROJECT_NAME = "Pôle de santé des Hauts-Tilleuls"

P4_LEAD = DemoPerson(
    "julien.ferrand", "Julien", "Ferrand", "Médecin généraliste", Role.PROJECT_LEAD,
    profession=Profession.GP,
    try_this="Phase 4 : contrat, recette (campagne, couverture), anomalies et leur délai "
             "contractuel, PV de recette.",
)
P4_NURSE = DemoPerson(
    "amandine.roux", "Amandine", "Roux", "Infirmière", Role.PROFESSION_REFERENT,
    profession=Profession.NURSE,
    try_this="Exécute les cas de test des infirmiers, signale une anomalie.",
)
P4_SECURITY = DemoPerson(
    "karim.haddad", "Karim", "Haddad", "Coordinateur", Role.DOMAIN_REFERENT,
    profession=Profession.COORDINATOR, domain="Sécurité et habilitations",
    try_this="Matrice d'habilitation et éléments de paramétrage de son domaine.",
)
P4_MEMBER = DemoPerson(
    "camille.besson", "Camille", "Besson", "Masseur-kinésithérapeute", Role.MEMBER,
    profession=Profession.PHYSIOTHERAPIST,
    try_this="Exécute les cas qui lui sont confiés, signale une anomalie.",
)
P4_OBSERVER = DemoPerson(
    "isabelle.morel", "Isabelle", "Morel", "Chargée de mission ARS (fictive)", Role.OBSERVER,
    try_this="Lecture seule.",
)
P4_GP = DemoPerson(
    "yann.legoff", "Yann", "Le Goff", "Médecin généraliste", Role.MEMBER,
    profession=Profession.GP, try_this="Membre : ses cas de test.",
)
P4_SECRETARY = DemoPerson(
    "manon.perret", "Manon", "Perret", "Secrétaire médicale", Role.MEMBER,
    profession=Profession.SECRETARY, try_this="Membre : ses cas de test.",
)
HAUTS_TILLEULS = DemoCast(
    PHASE4_PROJECT_NAME,
    ((demo.LEAD, P4_LEAD), (demo.NURSE, P4_NURSE), (demo.SECURITY, P4_SECURITY),
     (demo.AMOA, demo.AMOA), (demo.MEMBER, P4_MEMBER), (demo.OBSERVER, P4_OBSERVER),
     (demo.GP_MEMBER, P4_GP), (demo.SECRETARY, P4_SECRETARY)),
    # Planned a little over eight months earlier: steps 1 to 11 are behind it.
    days_ago=250,
)
# Each capability's part of the phase-4 demo: ``f(*, project, people)``, in method order.
CAPABILITY_SEEDS: tuple[str, ...] = (
    "acceptance.demo.settings.seed",    # steps 12–13: matrix, setting items, migration
    "acceptance.demo.recette.seed",     # step 14: cases, a campaign half executed
    "acceptance.demo.anomalies.seed",   # the contract's dates, the anomaly log, the vendor
    "acceptance.demo.training.seed",    # step 15: groups, sessions, attendance
    "acceptance.demo.maintenance.seed",  # step 16: evolution requests, an intervention
    "acceptance.demo.bilan.seed",       # step 17: real costs, the survey
    "acceptance.demo.orders.seed",      # step 18: a bon de commande
)


@transaction.atomic
def demo_projects(*, reset: bool) -> list[DemoResult]:
    """Seed (or find) the phase-4 demo MSP; ``reset`` recreates it."""
    result = demo.demo_seed(reset=reset, cast=HAUTS_TILLEULS)
    if result.is_created:
        people = {part.key: user for (part, _player), (_p, user)
                  in zip(HAUTS_TILLEULS.roles, result.accounts, strict=True)}
        lead = people[demo.LEAD.key]
        _finish_earlier_steps(project=result.project, lead=lead)
        demo_choice_record(project=result.project, lead=lead)
        for seed in CAPABILITY_SEEDS:
            import_string(seed)(project=result.project, people=people)
    return [result]


def _finish_earlier_steps(*, project: Project, lead: User) -> None:
    """Steps 1 to 10 are behind this MSP: each moved to « terminée » by its chef de projet."""
    for step in Step.objects.filter(project=project, number__lt=11).order_by("number"):
        for status in (StepStatus.IN_PROGRESS, StepStatus.DONE):
            step.refresh_from_db()
            if step.status != status:
                step_transition(step=step, to_status=status, by=lead, can_reopen=True)
