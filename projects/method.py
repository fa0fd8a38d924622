"""The method as data: 4 phases, 18 steps, paliers and the objectives → modules grid.

Facts from ASIP Santé's *plan projet type* (seed 001), worded for this product.
Pure module: no ORM, no settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from .choices import Axis


@dataclass(frozen=True)
class Phase:
    number: int
    title: StrOrPromise


@dataclass(frozen=True)
class StepDefinition:
    number: int
    phase: int
    title: StrOrPromise
    objective: StrOrPromise
    deliverable: StrOrPromise


PHASES: tuple[Phase, ...] = (
    Phase(1, _("Cadrage")),
    Phase(2, _("Définition")),
    Phase(3, _("Choix de la solution")),
    Phase(4, _("Mise en œuvre")),
)

_NOTE = _("Note de cadrage")
_CDC = _("Cahier des charges")
_CHOICE = _("Dossier de choix")

STEPS: tuple[StepDefinition, ...] = (
    StepDefinition(1, 1, _("Objectifs et périmètre"),
                   _("Fixer le palier visé sur chaque axe, les modules retenus et les "
                     "utilisateurs concernés."), _NOTE),
    StepDefinition(2, 1, _("Équipe projet"),
                   _("Désigner chef de projet, référents et administrateurs ; décider du "
                     "recours à une AMOA."), _NOTE),
    StepDefinition(3, 1, _("Calendrier"),
                   _("Planifier tâches, jalons, instances et vagues de déploiement."),
                   _NOTE),
    StepDefinition(4, 2, _("Étude de l'existant"),
                   _("Décrire l'organisation, l'informatique en place et les échanges avec "
                     "le territoire."), _CDC),
    StepDefinition(5, 2, _("Étude de marché"),
                   _("Repérer les éditeurs, voir des démonstrations, écarter les offres "
                     "inadaptées."), _CDC),
    StepDefinition(6, 2, _("Besoins fonctionnels et techniques"),
                   _("Remplir et arbitrer la grille hiérarchisée des besoins par "
                     "profession."), _CDC),
    StepDefinition(7, 2, _("Prestations attendues"),
                   _("Préciser installation, reprise, recette, formation, maintenance et "
                     "réversibilité."), _CDC),
    StepDefinition(8, 2, _("Cahier des charges"),
                   _("Assembler, relire et valider le cahier des charges et son cadre de "
                     "réponse."), _CDC),
    StepDefinition(9, 3, _("Consultation"),
                   _("Consulter trois à cinq prestataires avec une date limite de "
                     "réponse."), _CHOICE),
    StepDefinition(10, 3, _("Auditions"),
                   _("Entendre deux ou trois candidats sur des questions préparées."),
                   _CHOICE),
    StepDefinition(11, 3, _("Choix"),
                   _("Analyser les offres, calculer le coût sur trois ans, faire voter "
                     "l'assemblée générale."), _CHOICE),
    StepDefinition(12, 4, _("Paramétrages"),
                   _("Définir les règles métier, les habilitations et les indicateurs."),
                   _("Règles de paramétrage")),
    StepDefinition(13, 4, _("Reprise des données"),
                   _("Arrêter le périmètre et la méthode de reprise, en contrôler "
                     "l'intégrité."), _("Modalités de reprise")),
    StepDefinition(14, 4, _("Recette"),
                   _("Dérouler les cas de test et suivre les anomalies jusqu'à "
                     "correction."), _("Procès-verbal de recette")),
    StepDefinition(15, 4, _("Formation"),
                   _("Former administrateurs, professionnels et secrétariats juste avant "
                     "le démarrage."), _("Plan de formation")),
    StepDefinition(16, 4, _("Maintenance et évolutions"),
                   _("Signaler les anomalies, planifier les mises à jour et les "
                     "évolutions."), _("Suivi des demandes")),
    StepDefinition(17, 4, _("Bilan"),
                   _("Mesurer coût, satisfaction et qualité après un an ; fixer la "
                     "suite."), _("Rapport de bilan")),
    StepDefinition(18, 4, _("Prestations complémentaires"),
                   _("Qualifier un besoin nouveau et émettre un bon de commande."),
                   _("Bon de commande")),
)

STEP_BY_NUMBER: dict[int, StepDefinition] = {s.number: s for s in STEPS}

# Step 1: a reachable level ("palier") on each axis, from 0 (nothing shared) to 3.
PALIERS: dict[str, tuple[StrOrPromise, ...]] = {
    Axis.RECORD_SHARING: (
        _("Aucun partage : chacun tient ses propres dossiers"),
        _("Données administratives des patients communes"),
        _("Fiche de synthèse partagée : antécédents, traitements, correspondants"),
        _("Dossier commun détaillé, accès réglé par profession"),
    ),
    Axis.COORDINATION: (
        _("Coordination informelle : téléphone, papier, échanges de couloir"),
        _("Agenda partagé et messagerie interne"),
        _("Tâches partagées et protocoles de prise en charge"),
        _("Suivi par pathologie et plans de prévention intégrés au dossier"),
    ),
    Axis.STEERING: (
        _("Aucun indicateur suivi"),
        _("Extractions statistiques ponctuelles"),
        _("Tableau de bord d'activité produit régulièrement"),
        _("Indicateurs de pilotage et de rémunération calculés en continu"),
    ),
}
MAX_PALIER = 3


@dataclass(frozen=True)
class Module:
    code: str
    title: StrOrPromise


MODULES: tuple[Module, ...] = (
    Module("synthesis", _("Fiche de synthèse partagée du dossier patient")),
    Module("access_rights", _("Habilitations, droits d'accès et traçabilité")),
    Module("shared_agenda", _("Agenda partagé")),
    Module("task_manager", _("Gestionnaire de tâches partagé")),
    Module("internal_messaging", _("Messagerie sécurisée interne")),
    Module("pathology_sheets", _("Fiches de suivi par pathologie")),
    Module("resources", _("Gestion des ressources (salles, matériels)")),
    Module("prevention_plan", _("Plan de prévention personnalisé")),
    Module("reminders", _("Aide-mémoires (vaccinations, bilans de surveillance)")),
    Module("telemedicine", _("Télétransmission de données (télémédecine)")),
    Module("external_messaging", _("Messagerie sécurisée externe (MSSanté)")),
    Module("indicators", _("Indicateurs de gestion et de pilotage")),
    Module("billing", _("Facturation adaptée aux nouveaux modes de rémunération")),
)
MODULE_BY_CODE: dict[str, Module] = {m.code: m for m in MODULES}


@dataclass(frozen=True)
class StrategicObjective:
    code: str
    title: StrOrPromise
    modules: tuple[str, ...]


# Seed 001, annex 2: strategic objectives of the projet de santé → functional modules.
STRATEGIC_OBJECTIVES: tuple[StrategicObjective, ...] = (
    StrategicObjective("coordination", _("Coordination pluri-professionnelle des soins"),
                       ("synthesis", "access_rights", "shared_agenda")),
    StrategicObjective("protocols", _("Prise en charge coordonnée et protocolée"),
                       ("shared_agenda", "task_manager", "internal_messaging",
                        "pathology_sheets")),
    StrategicObjective("training", _("Accueil de vacataires et de stagiaires, formation"),
                       ("resources",)),
    StrategicObjective("prevention", _("Prévention"), ("prevention_plan", "reminders")),
    StrategicObjective("telemedicine", _("Télémédecine"),
                       ("telemedicine", "external_messaging")),
    StrategicObjective("new_remuneration", _("Nouveaux modes de rémunération"),
                       ("indicators", "billing")),
)
OBJECTIVE_BY_CODE: dict[str, StrategicObjective] = {o.code: o for o in STRATEGIC_OBJECTIVES}


def modules_for_objectives(objective_codes: set[str]) -> list[str]:
    """Modules suggested by the selected strategic objectives, in catalogue order."""
    wanted = {m for o in STRATEGIC_OBJECTIVES if o.code in objective_codes for m in o.modules}
    return [m.code for m in MODULES if m.code in wanted]


# Step 2: above about ten professionals an AMOA starts to make sense (seed 001, step 2).
AMOA_SIZE_THRESHOLD = 10

DEFAULT_ROLES_TEXT = {
    "moa": _("La structure juridique de la maison de santé, maître d'ouvrage, décide : "
             "objectifs, choix du prestataire, validation des livrables. Le chef de projet "
             "la représente au quotidien."),
    "amoa": _("L'assistant à maîtrise d'ouvrage conseille, rédige et prépare les documents "
              "avec le chef de projet ; il ne prend aucune décision."),
    "moe": _("Le prestataire retenu, maître d'œuvre, fournit la solution et réalise "
             "installation, paramétrage, reprise, formation et maintenance."),
}
