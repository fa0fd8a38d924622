"""The one permission policy: which role may do what on a project (domain.md §1).

The core permissions (the project, its team, its steps and documents) are declared here;
each plug-in app declares its own with the roles that hold them (``projects.plugins``),
and this module merges both into the role × permission table
(``manage.py permission_table`` prints it). Permissions are django-guardian object
permissions on ``Project``; ``membership_set_role`` is the only writer.
Pure module: no ORM.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .choices import Profession, Role
from .plugins import PermissionSpec, permission_specs

VIEW_PROJECT = "view_project"
EDIT_PROJECT = "edit_project"            # identity, sites, professions
MANAGE_TEAM = "manage_team"              # invite, change roles, revoke
EDIT_FRAMING = "edit_framing"            # content of steps 1–3 (scope, team charter, calendar)
MOVE_STEP = "move_step"                  # status of a step (not validation)
REOPEN_STEP = "reopen_step"              # a validated step back to « en cours »
VALIDATE_DELIVERABLE = "validate_deliverable"
GENERATE_DOCUMENT = "generate_document"
REVIEW_DOCUMENT = "review_document"      # comment a draft section by section
WRITE_CONTRIBUTION = "write_contribution"
VIEW_HISTORY = "view_history"
FOLLOW_CONTRIBUTIONS = "follow_contributions"  # see who has (not) written their contribution
EXPORT_PROJECT = "export_project"        # download the whole project's archive

R = Role
# Every professional of the MSP is a member of the assemblée générale.
PROFESSIONAL_ROLES: frozenset[str] = frozenset(
    {R.PROJECT_LEAD, R.PROFESSION_REFERENT, R.DOMAIN_REFERENT, R.MEMBER})
REFERENT_ROLES: frozenset[str] = frozenset({R.PROFESSION_REFERENT, R.DOMAIN_REFERENT})
# Roles of the professionals who make up the assemblée générale.
ASSEMBLY_ROLES = PROFESSIONAL_ROLES
ALL_ROLES: frozenset[str] = frozenset(Role.values)

# The chef de projet steers the whole project: it holds every permission of every app, so
# the declarations below and in the plug-ins name the other roles only.
CORE_PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(VIEW_PROJECT, _("Consulter le projet"), ALL_ROLES),
    PermissionSpec(EDIT_PROJECT, _("Modifier la fiche du projet"), frozenset()),
    PermissionSpec(MANAGE_TEAM, _("Gérer l'équipe et les invitations"), frozenset()),
    # The AMOA drafts and prepares but never decides: no validation, no team changes,
    # no contribution (it is not a member of the assemblée générale).
    PermissionSpec(EDIT_FRAMING, _("Rédiger le cadrage (périmètre, équipe, calendrier)"),
                   frozenset({R.AMOA})),
    PermissionSpec(MOVE_STEP, _("Changer le statut d'une étape"), frozenset({R.AMOA})),
    PermissionSpec(REOPEN_STEP, _("Rouvrir une étape validée"), frozenset()),
    PermissionSpec(VALIDATE_DELIVERABLE,
                   _("Enregistrer la validation collégiale d'un livrable"), frozenset()),
    PermissionSpec(GENERATE_DOCUMENT, _("Générer les documents"), frozenset({R.AMOA})),
    PermissionSpec(REVIEW_DOCUMENT, _("Commenter un document en relecture"),
                   REFERENT_ROLES | {R.AMOA}),
    PermissionSpec(WRITE_CONTRIBUTION, _("Écrire sa contribution"), PROFESSIONAL_ROLES),
    PermissionSpec(VIEW_HISTORY, _("Consulter l'historique des modifications"),
                   frozenset({R.AMOA})),
    PermissionSpec(FOLLOW_CONTRIBUTIONS, _("Suivre les contributions des professionnels"),
                   frozenset({R.AMOA})),
    # Everything the project holds, names of people included: the chef de projet only.
    PermissionSpec(EXPORT_PROJECT, _("Télécharger l'archive complète du projet"),
                   frozenset()),
)

# Codename → label of the core permissions, for Project.Meta.permissions. The plug-ins'
# permissions are created after each migrate (``ProjectsConfig``): no migration here.
PERMISSIONS: tuple[tuple[str, str], ...] = tuple(
    (spec.codename, str(spec.label)) for spec in CORE_PERMISSIONS)

MAX_PROJECT_LEADS = 2


def role_details_error(*, role: str, profession: str, domain: str) -> str | None:
    """What a role requires besides its name (domain.md §1), or None when all is there:
    a référent métier represents a profession, a référent fonctionnel a domain."""
    if role not in ALL_ROLES:
        return gettext("Rôle inconnu.")
    if profession and profession not in Profession.values:
        return gettext("Profession inconnue.")
    if role == Role.PROFESSION_REFERENT and not profession:
        return gettext("Un référent métier représente une profession : choisissez-la.")
    if role == Role.DOMAIN_REFERENT and not domain.strip():
        return gettext("Un référent fonctionnel a un domaine : indiquez-le.")
    return None


def permission_table() -> list[PermissionSpec]:
    """Every permission, core first, then each plug-in's in ``INSTALLED_APPS`` order."""
    return [*CORE_PERMISSIONS, *permission_specs()]


def holds(role: str, spec: PermissionSpec) -> bool:
    """Whether a role holds a permission (the chef de projet holds them all)."""
    return role == Role.PROJECT_LEAD or role in spec.roles


def roles_holding(codename: str) -> list[str]:
    """Roles whose holders have ``codename`` on their project."""
    return [role for role in Role.values if codename in permissions_for(role)]


def permissions_for(role: str) -> frozenset[str]:
    """Permission codenames a role grants; an unknown role grants nothing."""
    if role not in ALL_ROLES:
        return frozenset()
    return frozenset(spec.codename for spec in permission_table() if holds(role, spec))


def abilities(granted: set[str] | frozenset[str]) -> dict[str, bool]:
    """``{"can_<codename>": bool}`` for templates and checks alike."""
    return {f"can_{spec.codename}": spec.codename in granted for spec in permission_table()}
