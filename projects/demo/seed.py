"""Demo data: a fictitious MSP with one account per role, built through the real services.

Everything here is invented: the structure, the towns, the people, the providers. There is
no patient data at all. Dates are relative to ``today`` so that the demo always shows one
late step and one overdue task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils.module_loading import import_string

from msp_si.accounts.models import User
from msp_si.common import clock

from ..choices import (
    AdministrationMode,
    AmoaDecision,
    Axis,
    LegalStructure,
    Profession,
    ProjectBody,
    Rating,
    Role,
    ScopeDecision,
    StepStatus,
    TaskStatus,
)
from ..core import services
from ..core.removal import project_delete
from ..framing import services as framing_services
from ..models import DeploymentWave, Project, Step
from ..planning import services as planning_services
from ..plugins import plugins
from ..steps.services import step_update
from .copil import copil_part

DEMO_PROJECT_NAME = "Maison de santé des Trois Rivières"
DEMO_EMAIL_DOMAIN = "demo.msp-si.test"
# Shared by every demo account and printed in the README: demo instances only.
DEMO_PASSWORD = "TroisRivieres-demo-2026"  # noqa: S105


@dataclass(frozen=True)
class DemoPerson:
    """A demo account and the role it holds on the demo project."""

    key: str
    first_name: str
    last_name: str
    title: str
    role: str
    profession: str = ""
    domain: str = ""
    try_this: str = ""

    @property
    def email(self) -> str:
        """Address under the reserved demo domain."""
        return f"{self.key}@{DEMO_EMAIL_DOMAIN}"


LEAD = DemoPerson(
    "claire.fontanel", "Claire", "Fontanel", "Médecin généraliste", Role.PROJECT_LEAD,
    profession=Profession.GP,
    try_this="Tout : équipe, statuts des étapes, validation collégiale, note de cadrage.",
)
NURSE = DemoPerson(
    "sophie.marchetti", "Sophie", "Marchetti", "Infirmière", Role.PROFESSION_REFERENT,
    profession=Profession.NURSE,
    try_this="Sa contribution ; la partie infirmière de l'étude de l'existant (étape 4) ; "
             "voir que les actions du chef de projet lui sont refusées.",
)
SECURITY = DemoPerson(
    "nadia.belkacem", "Nadia", "Belkacem", "Coordinatrice", Role.DOMAIN_REFERENT,
    profession=Profession.COORDINATOR, domain="Sécurité et habilitations",
    try_this="Référente « Sécurité et habilitations » : lecture et contribution.",
)
AMOA = DemoPerson(
    "marc.lefort-dumas", "Marc", "Lefort-Dumas", "Consultant AMOA (cabinet fictif)", Role.AMOA,
    try_this="Rédige le cadrage, conduit l'étude de marché et génère la note ; ne valide "
             "rien, ne gère pas l'équipe.",
)
MEMBER = DemoPerson(
    "thomas.garnier", "Thomas", "Garnier", "Masseur-kinésithérapeute", Role.MEMBER,
    profession=Profession.PHYSIOTHERAPIST,
    try_this="Lecture du projet et sa propre contribution.",
)
OBSERVER = DemoPerson(
    "helene.vasseur", "Hélène", "Vasseur", "Chargée de mission ARS (fictive)", Role.OBSERVER,
    try_this="Lecture seule : aucun bouton d'action.",
)
GP_MEMBER = DemoPerson(
    "paul.desmarais", "Paul", "Desmarais", "Médecin généraliste", Role.MEMBER,
    profession=Profession.GP, try_this="N'a pas encore écrit sa contribution.",
)
SECRETARY = DemoPerson(
    "lea.caron", "Léa", "Caron", "Secrétaire médicale", Role.MEMBER,
    profession=Profession.SECRETARY, try_this="N'a pas encore écrit sa contribution.",
)
DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    LEAD, NURSE, SECURITY, AMOA, MEMBER, OBSERVER, GP_MEMBER, SECRETARY,
)



@dataclass(frozen=True)
class DemoCast:
    """Who plays the demo: the project's name and, for each part of the demo's script
    (keyed by the first demo's people, as the plug-ins' seeds name them), the person who
    plays it. ``days_ago`` moves the project's plan back (a project further along)."""

    name: str
    roles: tuple[tuple[DemoPerson, DemoPerson], ...]
    days_ago: int = 0

    @property
    def lead(self) -> DemoPerson:
        """The chef de projet, who creates the project."""
        return {part.key: person for part, person in self.roles}[LEAD.key]


TROIS_RIVIERES = DemoCast(DEMO_PROJECT_NAME, tuple((p, p) for p in DEMO_PEOPLE))

# 14 professionals in 7 professions, plus staff and locums (domain.md §5).
PROFESSIONS: list[tuple[str, int]] = [
    (Profession.GP, 4), (Profession.NURSE, 3), (Profession.PHYSIOTHERAPIST, 2),
    (Profession.SPEECH_THERAPIST, 2), (Profession.PHARMACIST, 1), (Profession.MIDWIFE, 1),
    (Profession.PODIATRIST, 1), (Profession.SECRETARY, 2), (Profession.COORDINATOR, 1),
    (Profession.LOCUM, 2),
]
SITES: list[tuple[str, str]] = [
    ("Pôle santé du Confluent", "Saint-Aurèle-les-Trois-Rivières"),
    ("Antenne du Vieux-Moulin", "Fontbrune-sur-Lisse"),
]


@dataclass(frozen=True)
class DemoContext:
    """What each plug-in's demo seeding receives: the project, the demo accounts by key
    (« claire.fontanel »…) and the day the demo is seeded, from which every date is set."""

    project: Project
    users: dict[str, User]
    today: date


@dataclass
class DemoResult:
    """The demo project, whether this run created it, and the demo accounts."""

    project: Project
    is_created: bool
    accounts: list[tuple[DemoPerson, User]]


def demo_project(cast: DemoCast = TROIS_RIVIERES) -> Project | None:
    """The demo project, found by its name and its chef de projet's address."""
    return Project.objects.filter(name=cast.name, created_by__email=cast.lead.email).first()


def _account(person: DemoPerson) -> User:
    """Create the demo account, or refresh its names and password."""
    user = User.objects.filter(email=person.email).first()
    if user is None:
        return User.objects.create_user(
            person.email, DEMO_PASSWORD, first_name=person.first_name,
            last_name=person.last_name,
        )
    user.first_name, user.last_name, user.is_active = person.first_name, person.last_name, True
    user.set_password(DEMO_PASSWORD)
    user.save()
    return user


@transaction.atomic
def demo_seed(*, reset: bool = False, cast: DemoCast = TROIS_RIVIERES) -> DemoResult:
    """Create the demo MSP once; ``reset`` deletes and recreates it. Accounts are refreshed.

    Every date of the demo is an offset from the day it is seeded (the domain's clock), so
    that the services' own checks against that clock agree with it on any date."""
    today = clock.today()
    # The plug-ins' seeds name people by the first demo's keys: each key → its player.
    users = {part.key: _account(person) for part, person in cast.roles}
    accounts = [(person, users[part.key]) for part, person in cast.roles]
    existing = demo_project(cast)
    if existing is not None and not reset:
        return DemoResult(project=existing, is_created=False, accounts=accounts)
    if existing is not None:
        project_delete(project=existing)
    project = _create_project(users=users, today=today, name=cast.name,
                              plan_on=today - timedelta(days=cast.days_ago))
    return DemoResult(project=project, is_created=True, accounts=accounts)


def _create_project(*, users: dict[str, User], today: date, name: str,
                    plan_on: date) -> Project:
    """The project, its team and the content of steps 1 to 3; then the plug-ins' parts.

    The plan (project start, steps, waves, calendar) counts from ``plan_on``; what the
    services check against the clock (auditions to come, votes open) from ``today``."""
    project = services.project_create(
        creator=users[LEAD.key], name=name, legal_structure=LegalStructure.SISA,
        start_on=plan_on - timedelta(days=215), site_list=SITES, professions=PROFESSIONS,
    )
    for person in DEMO_PEOPLE:
        services.membership_set_role(
            project=project, user=users[person.key], role=person.role,
            profession=person.profession, domain=person.domain,
        )
    steps = {s.number: s for s in project.steps.order_by("number")}
    _plan_steps(steps=steps, users=users, today=plan_on)
    _fill_objectives_and_scope(project=project)
    _write_contributions(project=project, users=users)
    _fill_team_charter(project=project, today=plan_on)
    waves = _plan_waves(project=project, today=plan_on)
    _assign_waves(project=project, waves=waves)
    _plan_calendar(project=project, steps=steps, users=users, today=plan_on)
    # Then each plug-in seeds its part, in INSTALLED_APPS order (phase 2, then phase 3…).
    context = DemoContext(project=project, users=users, today=today)
    for plugin in plugins():
        if plugin.demo_seed:
            import_string(plugin.demo_seed)(context)
    # The past COPIL's minutes freeze the dashboard: recorded once every part is there.
    copil_part(context, author=AMOA.key, present=(LEAD.key, AMOA.key, NURSE.key, SECURITY.key),
               action_owner=NURSE.key)
    return project


# Step number → (start offset, due offset, owner) in days from today. The demo is in
# phase 3: the vendors answered, one audition is held, the AG's vote is open. Its statuses
# agree with its data (issue 13): phase 2 left three steps open, now late — the existing
# state of seven professions is missing, the grid is not frozen, no cahier des charges
# was generated.
_STEP_PLAN: dict[int, tuple[int, int, str]] = {
    1: (-210, -160, LEAD.key), 2: (-190, -150, LEAD.key), 3: (-170, -140, AMOA.key),
    4: (-150, -90, NURSE.key), 5: (-100, -15, LEAD.key), 6: (-120, -40, AMOA.key),
    7: (-80, -40, AMOA.key), 8: (-50, -15, LEAD.key), 9: (-15, -2, LEAD.key),
    10: (-5, 10, LEAD.key), 11: (-3, 10, LEAD.key), 12: (15, 75, SECURITY.key),
    13: (30, 100, LEAD.key), 14: (70, 120, NURSE.key), 15: (100, 130, SECURITY.key),
    16: (130, 480, SECURITY.key), 17: (480, 510, LEAD.key), 18: (510, 570, LEAD.key),
}
_STARTED = (StepStatus.IN_PROGRESS,)
_FINISHED = (StepStatus.IN_PROGRESS, StepStatus.DONE)
_STEP_MOVES: dict[int, tuple[str, ...]] = {
    1: _FINISHED, 2: _FINISHED, 3: _FINISHED, 4: _STARTED, 5: _FINISHED, 6: _STARTED,
    7: _FINISHED, 8: _STARTED, 9: _FINISHED, 10: _STARTED, 11: _STARTED,
}


def _plan_steps(*, steps: dict[int, Step], users: dict[str, User], today: date) -> None:
    """Owners and dates of the 18 steps; their statuses as the work shows them."""
    for number, (start, due, owner) in _STEP_PLAN.items():
        step_update(step=steps[number], owner=users[owner],
                    start_on=today + timedelta(days=start), due_on=today + timedelta(days=due))
    for number, moves in _STEP_MOVES.items():
        for to_status in moves:
            services.step_transition(step=steps[number], to_status=to_status,
                                     by=users[LEAD.key], can_reopen=True)


def _fill_objectives_and_scope(*, project: Project) -> None:
    """Step 1: paliers, strategic objectives, module decisions, users, realism factors."""
    framing_services.framing_set_axes(project=project, levels={
        Axis.RECORD_SHARING: (1, 2, "Seules les données administratives sont communes "
                                    "(logiciel du secrétariat). Fiche de synthèse partagée "
                                    "dès la première vague."),
        Axis.COORDINATION: (1, 2, "Agenda partagé déjà utilisé par les médecins ; tâches "
                                  "partagées et protocoles diabète et insuffisance cardiaque."),
        Axis.STEERING: (0, 2, "Produire le tableau de bord des indicateurs de l'accord "
                              "conventionnel sans ressaisie."),
    })
    framing_services.framing_set_objectives(project=project, selections={
        "coordination": (True, "Synthèse partagée et droits d'accès par profession."),
        "protocols": (True, "Protocoles diabète de type 2 et insuffisance cardiaque."),
        "training": (False, "Accueil des internes traité par le règlement intérieur."),
        "prevention": (True, "Vaccination et dépistages organisés des cancers."),
        "telemedicine": (False, "Aucun projet de télémédecine avant deux ans."),
        "new_remuneration": (True, "Indicateurs de l'accord conventionnel."),
    })
    later = ScopeDecision.LATER
    framing_services.framing_set_scope(project=project, decisions={
        "synthesis": (ScopeDecision.IN_SCOPE, ""),
        "access_rights": (ScopeDecision.IN_SCOPE, ""),
        "shared_agenda": (ScopeDecision.IN_SCOPE, ""),
        "task_manager": (ScopeDecision.IN_SCOPE, ""),
        "internal_messaging": (ScopeDecision.IN_SCOPE, ""),
        "external_messaging": (ScopeDecision.IN_SCOPE, ""),
        "pathology_sheets": (later, "Après six mois d'usage de la fiche de synthèse."),
        "prevention_plan": (later, "Avec les protocoles, en deuxième vague."),
        "reminders": (later, "Avec le plan de prévention."),
        "indicators": (later, "Suppose des données saisies de façon homogène."),
        "billing": (later, "Facturation des protocoles à étudier avec l'éditeur retenu."),
        "resources": (ScopeDecision.OUT_OF_SCOPE, "Salles gérées sur l'agenda partagé."),
        "telemedicine": (ScopeDecision.OUT_OF_SCOPE, "Pas de projet de télémédecine."),
    })
    framing_services.framing_set_users(project=project, users={
        Profession.PHARMACIST: (True, "Lecture de la synthèse, hors logiciel d'officine."),
        Profession.SECRETARY: (True, "Agenda et données administratives, pas le dossier "
                                     "médical."),
        Profession.LOCUM: (True, "Accès limité à la durée du remplacement ou du stage."),
    })
    framing_services.framing_set_realism(project=project, values={
        "maturity": Rating.MEDIUM,
        "maturity_note": "Tous informatisés, mais quatre logiciels différents et peu de "
                         "saisie structurée.",
        "ambition": Rating.HIGH,
        "ambition_note": "Forte attente des infirmières et des kinésithérapeutes sur la "
                         "coordination.",
        "resources": Rating.MEDIUM,
        "resources_note": "Budget inscrit au projet de santé ; une demi-journée par mois "
                          "et par référent.",
        "scope_summary": "Partager une fiche de synthèse et coordonner les protocoles en "
                         "première vague ; prévention et indicateurs ensuite.",
    })


_CONTRIBUTIONS: dict[str, tuple[str, int, int, int]] = {
    LEAD.key: ("Retrouver antécédents, traitements et correspondants d'un patient sans "
               "appeler le cabinet voisin.", 2, 2, 2),
    NURSE.key: ("Recevoir les demandes de soins et les résultats utiles au suivi à "
                "domicile ; tracer les passages.", 2, 3, 1),
    SECURITY.key: ("Des droits d'accès clairs par profession et une traçabilité des "
                   "consultations du dossier.", 2, 2, 3),
    MEMBER.key: ("Voir les comptes rendus de kinésithérapie dans la synthèse et échanger "
                 "avec les médecins sans téléphone.", 2, 2, 1),
}


def _write_contributions(*, project: Project, users: dict[str, User]) -> None:
    """Four professionals answered; the others are shown as not yet answered."""
    for key, (text, sharing, coordination, steering) in _CONTRIBUTIONS.items():
        framing_services.contribution_save(
            project=project, author=users[key], expectations=text,
            wished_record_sharing=sharing, wished_coordination=coordination,
            wished_steering=steering,
        )


def _fill_team_charter(*, project: Project, today: date) -> None:
    """Step 2: external administration, AMOA analysis and the AG designation."""
    planning_services.team_charter_update(charter=project.team_charter, changes={
        "administration_mode": AdministrationMode.EXTERNAL,
        "administrator_provider": "Informatique Médicale du Val (prestataire fictif)",
        "amoa_decision": AmoaDecision.YES,
        "amoa_complexity": "Deux sites, quatre logiciels à remplacer, reprise de données.",
        "amoa_size": "Quatorze professionnels, au-dessus du seuil d'une dizaine.",
        "amoa_availability": "Une demi-journée par mois et par référent, pas davantage.",
        "amoa_value": "Rédaction du cahier des charges et préparation de la consultation.",
        "amoa_cost_estimate": Decimal("9800.00"),
        "amoa_provider": "Arpège Santé Conseil (cabinet fictif)",
        "lead_compensation": "Quatre demi-journées par mois indemnisées sur le budget "
                             "du projet.",
        "designated_on": today - timedelta(days=150),
        "designation_body": "Assemblée générale",
        "designation_result": "Cheffe de projet et référents élus à l'unanimité des "
                              "douze présents.",
    })


def _plan_waves(*, project: Project, today: date) -> dict[int, DeploymentWave]:
    """Two deployment waves, about five months and a year ahead."""
    return {
        1: planning_services.wave_create(
            project=project, number=1, title="Dossier partagé et coordination",
            start_on=today + timedelta(days=150)),
        2: planning_services.wave_create(
            project=project, number=2, title="Protocoles, prévention et pilotage",
            start_on=today + timedelta(days=330)),
    }


def _assign_waves(*, project: Project, waves: dict[int, DeploymentWave]) -> None:
    """Modules in scope go live in wave 1, postponed ones in wave 2."""
    wave_for: dict[str, DeploymentWave] = {ScopeDecision.IN_SCOPE: waves[1],
                                           ScopeDecision.LATER: waves[2]}
    planning_services.wave_assign_modules(project=project, assignments={
        module: wave_for[module.decision]
        for module in project.scope_modules.filter(decision__in=list(wave_for))
    })


# (step, title, start offset, due offset, owner, status). The inventory of the two sites
# (step 4) is due five days ago and still in progress: the demo's overdue task.
_TASKS: tuple[tuple[int, str, int, int, str, str], ...] = (
    (1, "Recueillir la contribution écrite de chaque professionnel", -205, -175,
     LEAD.key, TaskStatus.DONE),
    (1, "Fixer les paliers visés et le périmètre fonctionnel", -185, -162,
     LEAD.key, TaskStatus.DONE),
    (2, "Analyser l'intérêt d'une AMOA (coûts et bénéfices)", -185, -165,
     LEAD.key, TaskStatus.DONE),
    (2, "Faire désigner les référents en assemblée générale", -165, -150,
     LEAD.key, TaskStatus.DONE),
    (2, "Rédiger les rôles MOA, AMOA et MOE et l'administration du système", -160, -150,
     AMOA.key, TaskStatus.DONE),
    (3, "Planifier les tâches et jalons des phases 1 et 2", -165, -145,
     AMOA.key, TaskStatus.DONE),
    (3, "Arrêter le calendrier des instances du projet", -155, -140, LEAD.key,
     TaskStatus.DONE),
    (4, "Recueillir l'existant infirmier : postes, logiciels, pratiques", -145, -110,
     NURSE.key, TaskStatus.DONE),
    (4, "Inventorier postes, réseau et débit des deux sites", -140, -5,
     SECURITY.key, TaskStatus.IN_PROGRESS),
)
# (title, date offset, step, reached). The grid freeze is past and not done: a missed
# milestone; the vendor choice comes with the close of the AG's vote.
_MILESTONES: tuple[tuple[str, int, int | None, bool], ...] = (
    ("Réunion de lancement tenue", -205, 1, True),
    ("Équipe projet désignée en assemblée générale", -150, 2, True),
    ("Note de cadrage validée en assemblée générale", -135, 3, True),
    ("Grille des besoins figée", -45, 6, False),
    ("Cahier des charges envoyé aux éditeurs", -10, 8, True),
    ("Choix du prestataire voté en assemblée générale", 7, 11, False),
    ("Mise en service de la vague 1", 150, None, False),
)
_MEETINGS: tuple[tuple[str, int, str], ...] = (
    (ProjectBody.KICK_OFF, -205, "Lancement : méthode, calendrier, appel aux contributions"),
    (ProjectBody.GENERAL_ASSEMBLY, -150, "Désignation de l'équipe projet ; décision AMOA"),
    (ProjectBody.PROJECT_TEAM, -100, "Avancement de l'étude de l'existant et de la grille"),
    (ProjectBody.STEERING_COMMITTEE, -20, "Revue des réponses attendues et des risques"),
    (ProjectBody.GENERAL_ASSEMBLY, 7, "Clôture du vote sur le choix de la solution"),
)


def _plan_calendar(
    *, project: Project, steps: dict[int, Step], users: dict[str, User], today: date
) -> None:
    """Step 3: tasks, milestones and meetings of the project bodies."""
    def day(offset: int) -> date:
        return today + timedelta(days=offset)

    for number, title, start, due, owner, status in _TASKS:
        planning_services.task_create(
            project=project, step=steps[number], title=title, start_on=day(start),
            due_on=day(due), owner=users[owner], status=status,
        )
    for title, due, step_number, is_reached in _MILESTONES:
        planning_services.milestone_create(
            project=project, title=title, due_on=day(due),
            step=steps[step_number] if step_number else None, is_reached=is_reached,
        )
    for body, held, topic in _MEETINGS:
        planning_services.meeting_create(project=project, body=body, held_on=day(held),
                                         topic=topic)
