"""The one permission policy: which role may do what on a project (domain.md §1).

Permissions are django-guardian object permissions on ``Project``; ``membership_set_role``
is the only writer. Pure module: no ORM.
"""

from __future__ import annotations

from .choices import Role

VIEW_PROJECT = "view_project"
EDIT_PROJECT = "edit_project"            # identity, sites, professions
MANAGE_TEAM = "manage_team"              # invite, change roles, revoke
EDIT_FRAMING = "edit_framing"            # content of steps 1–3 (scope, team charter, calendar)
MOVE_STEP = "move_step"                  # status of a step (not validation)
VALIDATE_DELIVERABLE = "validate_deliverable"
GENERATE_DOCUMENT = "generate_document"
WRITE_CONTRIBUTION = "write_contribution"
VIEW_HISTORY = "view_history"
FOLLOW_CONTRIBUTIONS = "follow_contributions"  # see who has (not) written their contribution
# Phase 2 « Définition » (steps 4–8).
EDIT_EXISTING_STATE = "edit_existing_state"  # step 4; a référent métier: their profession only
EDIT_MARKET_STUDY = "edit_market_study"      # step 5: vendor catalogue and assessments
EDIT_NEEDS = "edit_needs"                    # step 6; référents: their profession / domain only
CONSOLIDATE_NEEDS = "consolidate_needs"      # step 6: any requirement, merge, arbitrate
EDIT_SERVICES = "edit_services"              # step 7: services expected from the vendor
REVIEW_DOCUMENT = "review_document"          # step 8: comment a draft section by section
# Phase 3 « Choix de la solution » (steps 9–11 and the vote of the assemblée générale).
CONDUCT_CONSULTATION = "conduct_consultation"  # steps 9–10: vendors consulted, answers, auditions
CONFIGURE_CRITERIA = "configure_criteria"      # step 11: criteria, weights, cost horizon
EVALUATE_OFFERS = "evaluate_offers"            # step 11: an evaluator's own marks
RECORD_DECISION = "record_decision"            # eliminations decided, vendor chosen
RUN_VOTE = "run_vote"                          # open and close a vote of the AG
CAST_VOTE = "cast_vote"                        # vote in the AG (members with a voting right)

# Codename → label, for Project.Meta.permissions.
PERMISSIONS: tuple[tuple[str, str], ...] = (
    (VIEW_PROJECT, "Consulter le projet"),
    (EDIT_PROJECT, "Modifier la fiche du projet"),
    (MANAGE_TEAM, "Gérer l'équipe et les invitations"),
    (EDIT_FRAMING, "Rédiger le cadrage (périmètre, équipe, calendrier)"),
    (MOVE_STEP, "Changer le statut d'une étape"),
    (VALIDATE_DELIVERABLE, "Enregistrer la validation collégiale d'un livrable"),
    (GENERATE_DOCUMENT, "Générer les documents"),
    (WRITE_CONTRIBUTION, "Écrire sa contribution"),
    (VIEW_HISTORY, "Consulter l'historique des modifications"),
    (FOLLOW_CONTRIBUTIONS, "Suivre les contributions des professionnels"),
    (EDIT_EXISTING_STATE, "Renseigner l'étude de l'existant"),
    (EDIT_MARKET_STUDY, "Conduire l'étude de marché"),
    (EDIT_NEEDS, "Exprimer les besoins (grille)"),
    (CONSOLIDATE_NEEDS, "Consolider la grille des besoins"),
    (EDIT_SERVICES, "Définir les prestations attendues"),
    (REVIEW_DOCUMENT, "Commenter un document en relecture"),
    (CONDUCT_CONSULTATION, "Conduire la consultation et les auditions"),
    (CONFIGURE_CRITERIA, "Définir les critères de choix"),
    (EVALUATE_OFFERS, "Noter les offres"),
    (RECORD_DECISION, "Enregistrer les décisions de choix"),
    (RUN_VOTE, "Ouvrir et clore un vote de l'assemblée générale"),
    (CAST_VOTE, "Voter en assemblée générale"),
)

_ALL = frozenset(code for code, _label in PERMISSIONS)
# Every professional of the MSP is a member of the assemblée générale and votes there.
_PROFESSIONAL = frozenset({VIEW_PROJECT, WRITE_CONTRIBUTION, CAST_VOTE})
# Référents (domain.md §1): their part of the existing state and of the needs grid,
# and the review of the cahier des charges (step 8).
# They also take part in the analysis of the offers (step 11) as evaluators.
_REFERENT = _PROFESSIONAL | {EDIT_NEEDS, REVIEW_DOCUMENT, EVALUATE_OFFERS}

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    Role.PROJECT_LEAD: _ALL,
    # The AMOA drafts and prepares but never decides: no validation, no team changes,
    # no contribution (it is not a member of the assemblée générale).
    Role.AMOA: frozenset({VIEW_PROJECT, EDIT_FRAMING, MOVE_STEP, GENERATE_DOCUMENT,
                          VIEW_HISTORY, FOLLOW_CONTRIBUTIONS, EDIT_EXISTING_STATE,
                          EDIT_MARKET_STUDY, EDIT_NEEDS, CONSOLIDATE_NEEDS, EDIT_SERVICES,
                          REVIEW_DOCUMENT, CONDUCT_CONSULTATION, CONFIGURE_CRITERIA}),
    Role.PROFESSION_REFERENT: _REFERENT | {EDIT_EXISTING_STATE},
    Role.DOMAIN_REFERENT: _REFERENT,
    Role.MEMBER: _PROFESSIONAL,
    Role.OBSERVER: frozenset({VIEW_PROJECT}),
}

MAX_PROJECT_LEADS = 2

# Roles of the professionals who make up the assemblée générale.
ASSEMBLY_ROLES: frozenset[str] = frozenset(
    {Role.PROJECT_LEAD, Role.PROFESSION_REFERENT, Role.DOMAIN_REFERENT, Role.MEMBER}
)


def permissions_for(role: str) -> frozenset[str]:
    """Permission codenames a role grants; an unknown role grants nothing."""
    return ROLE_PERMISSIONS.get(role, frozenset())


def abilities(granted: set[str] | frozenset[str]) -> dict[str, bool]:
    """``{"can_<codename>": bool}`` for templates and checks alike."""
    return {f"can_{code}": code in granted for code, _label in PERMISSIONS}
