"""Permissions of the market study (step 5) and of phase 3 « Choix de la solution »
(steps 9–11 and the vote of the assemblée générale), with the roles that hold them.

Declared in the app's plug-in (``vendors/plugin.py``); ``projects.policy`` merges them into
the role × permission table. The chef de projet holds them all.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from projects.choices import Role
from projects.plugins import PermissionSpec
from projects.policy import ASSEMBLY_ROLES, REFERENT_ROLES

EDIT_MARKET_STUDY = "edit_market_study"        # step 5: vendor catalogue and assessments
CONDUCT_CONSULTATION = "conduct_consultation"  # steps 9–10: vendors consulted, answers, auditions
CONFIGURE_CRITERIA = "configure_criteria"      # step 11: criteria, weights, cost horizon
EVALUATE_OFFERS = "evaluate_offers"            # step 11: an evaluator's own marks
RECORD_DECISION = "record_decision"            # eliminations decided, vendor chosen
RUN_VOTE = "run_vote"                          # open and close a vote of the AG
CAST_VOTE = "cast_vote"                        # vote in the AG (members with a voting right)

PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(EDIT_MARKET_STUDY, _("Conduire l'étude de marché"), frozenset({Role.AMOA})),
    PermissionSpec(CONDUCT_CONSULTATION, _("Conduire la consultation et les auditions"),
                   frozenset({Role.AMOA})),
    PermissionSpec(CONFIGURE_CRITERIA, _("Définir les critères de choix"),
                   frozenset({Role.AMOA})),
    # Référents take part in the analysis of the offers (step 11) as evaluators.
    PermissionSpec(EVALUATE_OFFERS, _("Noter les offres"), REFERENT_ROLES),
    # The AMOA advises, it never decides (domain.md §1).
    PermissionSpec(RECORD_DECISION, _("Enregistrer les décisions de choix"), frozenset()),
    PermissionSpec(RUN_VOTE, _("Ouvrir et clore un vote de l'assemblée générale"),
                   frozenset()),
    # Every professional of the MSP is a member of the assemblée générale and votes there.
    PermissionSpec(CAST_VOTE, _("Voter en assemblée générale"), ASSEMBLY_ROLES),
)
