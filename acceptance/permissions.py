"""Permissions of phase 4 « Mise en œuvre » and the roles that hold them.

Declared in the app's plug-in (``acceptance/plugin.py``); ``projects.policy`` merges them
into the role × permission table. The chef de projet holds them all. Issue roles: the AMOA
prepares (protocol, cases, campaigns), records and qualifies anomalies, never pronounces the
recette; référents execute their cases, report anomalies and edit the setting items of
their domain; members execute the cases assigned to them and report anomalies.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from projects.choices import Role
from projects.plugins import PermissionSpec
from projects.policy import REFERENT_ROLES

EDIT_CONTRACT = "edit_contract"            # contract dates, service levels, obligations
MANAGE_VENDOR_LINK = "manage_vendor_link"  # create / revoke the vendor's anomaly link
EDIT_SETTINGS = "edit_settings"            # step 12 setting items (référents: their domain)
EDIT_HABILITATIONS = "edit_habilitations"  # step 12 habilitation matrix (before validation)
EDIT_MIGRATION = "edit_migration"          # step 13 checklist, trial and sample checks
DECIDE_MIGRATION = "decide_migration"      # step 13 go / no-go of the final migration
PREPARE_RECETTE = "prepare_recette"        # step 14 protocol, cases, campaigns
EXECUTE_CASES = "execute_cases"            # step 14 record results (assigned cases)
REPORT_ANOMALY = "report_anomaly"          # file a fiche anomalie, comment it
QUALIFY_ANOMALY = "qualify_anomaly"        # severity, reject, verify, close, reopen
PRONOUNCE_RECETTE = "pronounce_recette"    # the PV's decision: chef de projet only
# Steps 15–18 (issue 12): the AMOA prepares, never orders nor validates; référents take part.
PREPARE_ORDER = "prepare_order"            # step 18 draft an order, price its lines
SIGN_ORDER = "sign_order"                  # step 18 approve, send, accept, cancel: the chef
PLAN_TRAINING = "plan_training"            # step 15 groups, trainees, sessions, convocations
RECORD_ATTENDANCE = "record_attendance"    # step 15 attendance after a session
REQUEST_EVOLUTION = "request_evolution"    # step 16 propose an evolution request
QUALIFY_EVOLUTION = "qualify_evolution"    # step 16 qualify, plan, deliver, verify
DECIDE_EVOLUTION = "decide_evolution"      # step 16 send to the vendor or refuse: the chef
VOTE_EVOLUTION = "vote_evolution"          # step 16 the référents' vote on a request
PLAN_INTERVENTION = "plan_intervention"    # step 16 planned interventions, announcements
PREPARE_BILAN = "prepare_bilan"            # step 17 costs, survey, paper answers, draft
ANSWER_SURVEY = "answer_survey"            # step 17 one anonymous answer per person

PERMISSIONS: tuple[PermissionSpec, ...] = (
    PermissionSpec(EDIT_CONTRACT, _("Tenir le contrat et les engagements du prestataire"),
                   frozenset({Role.AMOA})),
    PermissionSpec(MANAGE_VENDOR_LINK, _("Créer ou révoquer le lien du prestataire"),
                   frozenset()),
    PermissionSpec(EDIT_SETTINGS, _("Suivre les éléments de paramétrage"),
                   REFERENT_ROLES | {Role.AMOA}),
    PermissionSpec(EDIT_HABILITATIONS, _("Préparer la matrice d'habilitation"),
                   frozenset({Role.AMOA, Role.DOMAIN_REFERENT})),
    PermissionSpec(EDIT_MIGRATION, _("Suivre la reprise des données"),
                   frozenset({Role.AMOA})),
    PermissionSpec(DECIDE_MIGRATION, _("Décider de la reprise définitive"), frozenset()),
    PermissionSpec(PREPARE_RECETTE, _("Préparer la recette (protocole, cas, campagnes)"),
                   frozenset({Role.AMOA})),
    PermissionSpec(EXECUTE_CASES, _("Exécuter des cas de test"),
                   REFERENT_ROLES | {Role.AMOA, Role.MEMBER}),
    PermissionSpec(REPORT_ANOMALY, _("Signaler une anomalie"),
                   REFERENT_ROLES | {Role.AMOA, Role.MEMBER}),
    PermissionSpec(QUALIFY_ANOMALY, _("Qualifier et clore les anomalies"),
                   frozenset({Role.AMOA})),
    PermissionSpec(PRONOUNCE_RECETTE, _("Prononcer la recette"), frozenset()),
    PermissionSpec(PREPARE_ORDER, _("Préparer une commande complémentaire"),
                   REFERENT_ROLES | {Role.AMOA}),
    PermissionSpec(SIGN_ORDER, _("Signer les bons de commande"), frozenset()),
    PermissionSpec(PLAN_TRAINING, _("Organiser la formation (groupes, sessions, convocations)"),
                   frozenset({Role.AMOA})),
    PermissionSpec(RECORD_ATTENDANCE, _("Relever les présences aux formations"),
                   REFERENT_ROLES | {Role.AMOA}),
    PermissionSpec(REQUEST_EVOLUTION, _("Proposer une demande d'évolution"),
                   REFERENT_ROLES | {Role.AMOA, Role.MEMBER}),
    PermissionSpec(QUALIFY_EVOLUTION, _("Qualifier et suivre les demandes d'évolution"),
                   REFERENT_ROLES | {Role.AMOA}),
    PermissionSpec(DECIDE_EVOLUTION, _("Décider d'une demande d'évolution"), frozenset()),
    PermissionSpec(VOTE_EVOLUTION, _("Voter sur une demande d'évolution"), REFERENT_ROLES),
    PermissionSpec(PLAN_INTERVENTION, _("Planifier et annoncer les interventions"),
                   frozenset({Role.AMOA})),
    PermissionSpec(PREPARE_BILAN, _("Préparer le bilan (coûts, enquête, rapport)"),
                   frozenset({Role.AMOA})),
    PermissionSpec(ANSWER_SURVEY, _("Répondre à l'enquête de satisfaction"),
                   REFERENT_ROLES | {Role.MEMBER}),
)
