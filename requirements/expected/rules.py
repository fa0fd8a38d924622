"""Step 7 « prestations attendues » as plain data: the default expectations of each service
family and the ranges of the service levels. Pure: no ORM.

The default wording is ours, drawn from the method (seed 001, step 7); the project adapts
it before it goes into the cahier des charges.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_stubs_ext import StrOrPromise

DEFAULT_TEXTS: dict[str, StrOrPromise] = {
    "steering": gettext_lazy(
        "Le prestataire désigne un chef de projet unique, interlocuteur du chef de projet de "
        "la maison de santé pendant toute la mise en œuvre. Il anime un comité de suivi "
        "mensuel, en rédige le compte rendu et tient à jour le planning et les risques. Il "
        "décrit son dispositif qualité dans son offre."),
    "preparation": gettext_lazy(
        "Prise de connaissance de l'organisation et de l'étude de l'existant, ateliers "
        "d'approfondissement des besoins avec les référents, spécification détaillée des "
        "paramétrages soumise à la validation de l'équipe projet, formation de base de "
        "l'équipe projet à la solution."),
    "installation": gettext_lazy(
        "Installation de la solution et des postes clients, paramétrage conforme aux "
        "spécifications validées (droits d'accès par profession, agendas, modèles de "
        "documents, alertes, indicateurs), développements complémentaires éventuels chiffrés "
        "à part."),
    "migration": gettext_lazy(
        "Reprise des données listées ci-dessous selon une note de méthode remise avant la "
        "recette ; contrôle d'intégrité par échantillon avec les professionnels concernés. "
        "La reprise des données d'un nouveau professionnel arrivant après le démarrage est "
        "proposée comme prestation complémentaire."),
    "acceptance": gettext_lazy(
        "Recette fonctionnelle et technique sur la base des cas de test préparés avec les "
        "référents ; comité de recette hebdomadaire pendant la période de recette ; procès-"
        "verbal signé par le chef de projet ; deux mois de réactivité renforcée après la "
        "recette."),
    "training": gettext_lazy(
        "Plan de formation remis avec l'offre : formation approfondie du chef de projet et "
        "des référents (paramétrage, opérations simples d'administration), sessions par "
        "profession pour tous les utilisateurs, session dédiée aux secrétaires, supports "
        "remis à la structure. Formations réalisées juste avant le démarrage."),
    "startup_support": gettext_lazy(
        "Présence d'un intervenant du prestataire sur site les premiers jours d'utilisation, "
        "puis assistance téléphonique renforcée pendant le premier mois ; correction des "
        "anomalies dans les délais fixés ci-dessous."),
    "maintenance": gettext_lazy(
        "Maintenance corrective et évolutive incluse ; support aux utilisateurs par "
        "téléphone et par messagerie ; engagements de disponibilité, d'intégrité et de "
        "confidentialité des données ; interventions planifiées annoncées à l'avance et "
        "suivies d'une information des utilisateurs sur ce qui change."),
    "full_reversibility": gettext_lazy(
        "En fin de contrat, remise de l'ensemble des données (dossiers et pièces jointes) "
        "dans un format tabulaire ouvert, accompagnée d'une documentation décrivant les "
        "formats, dans un délai d'un mois et sans surcoût."),
    "partial_reversibility": gettext_lazy(
        "Au départ d'un professionnel, extraction des données de sa patientèle dans le même "
        "format, au prix forfaitaire fixé au contrat, commandable pour un ou plusieurs "
        "professionnels."),
    "complementary_services": gettext_lazy(
        "Reprise des données d'un nouveau professionnel, réversibilité partielle, sessions "
        "de formation complémentaires (nouveaux arrivants), nouveaux paramétrages "
        "(protocoles, indicateurs, modèles de documents), nouveaux modules ou interfaces."),
}
TEXT_FIELDS: tuple[str, ...] = tuple(DEFAULT_TEXTS)


@dataclass(frozen=True)
class Range:
    """Allowed interval of a service level, bounds included."""

    minimum: Decimal
    maximum: Decimal


# Ranges a cahier des charges can sensibly ask for: outside them the figure is a slip.
SLA_RANGES: dict[str, Range] = {
    "availability_percent": Range(Decimal(90), Decimal(100)),
    "blocking_response_hours": Range(Decimal(1), Decimal(72)),
    "minor_response_hours": Range(Decimal(1), Decimal(720)),
    "warranty_months": Range(Decimal(0), Decimal(60)),
    "support_start_hour": Range(Decimal(0), Decimal(23)),
    "support_end_hour": Range(Decimal(1), Decimal(24)),
    "commitment_years": Range(Decimal(1), Decimal(15)),
}
SLA_MESSAGES: dict[str, StrOrPromise] = {
    "availability_percent": gettext_lazy("La disponibilité doit être comprise entre "
                                         "90 % et 100 %."),
    "blocking_response_hours": gettext_lazy("Le délai pour une anomalie bloquante doit être "
                                            "compris entre 1 et 72 heures."),
    "minor_response_hours": gettext_lazy("Le délai pour une anomalie mineure doit être "
                                         "compris entre 1 et 720 heures."),
    "warranty_months": gettext_lazy("La garantie doit être comprise entre 0 et 60 mois."),
    "support_start_hour": gettext_lazy("L'heure d'ouverture doit être comprise entre 0 et "
                                       "23 h."),
    "support_end_hour": gettext_lazy("L'heure de fermeture doit être comprise entre 1 et "
                                     "24 h."),
    "commitment_years": gettext_lazy("L'engagement du fournisseur doit être compris entre "
                                     "1 et 15 ans."),
}

def sla_problems(values: dict[str, Decimal | int | None]) -> dict[str, str]:
    """Field → French message for each service level out of range or inconsistent."""
    problems: dict[str, str] = {}
    for field, allowed in SLA_RANGES.items():
        if field not in values:
            continue
        value = values[field]
        if value is None or not allowed.minimum <= Decimal(value) <= allowed.maximum:
            problems[field] = str(SLA_MESSAGES[field])
    blocking, minor = values.get("blocking_response_hours"), values.get("minor_response_hours")
    if (not problems.keys() & {"blocking_response_hours", "minor_response_hours"}
            and blocking is not None and minor is not None and minor < blocking):
        problems["minor_response_hours"] = _(
            "Une anomalie mineure ne peut pas être traitée plus vite qu'une anomalie "
            "bloquante.")
    start, end = values.get("support_start_hour"), values.get("support_end_hour")
    if (not problems.keys() & {"support_start_hour", "support_end_hour"}
            and start is not None and end is not None and end <= start):
        problems["support_end_hour"] = _(
            "Le support doit fermer après son heure d'ouverture.")
    return problems


@dataclass(frozen=True)
class HostingOption:
    """One column of the method's hosting comparison."""

    key: str
    title: StrOrPromise
    advantages: tuple[StrOrPromise, ...]
    drawbacks: tuple[StrOrPromise, ...]


# Seed 001, step 6 §2, in our words. The method recommends the externalised architecture
# unless the existing IT or the telecom network rules it out.
HOSTING_OPTIONS: tuple[HostingOption, ...] = (
    HostingOption(
        "certified_host", gettext_lazy("Hébergement externalisé (hébergeur certifié HDS)"),
        (gettext_lazy("Aucun serveur à administrer ni à maintenir dans la structure"),
         gettext_lazy("Facturation à l'usage, en mode service, plus simple à suivre"),
         gettext_lazy("Accès naturel depuis plusieurs sites et en mobilité")),
        (gettext_lazy("Dépend de la qualité et de la stabilité de la connexion internet"),
         gettext_lazy("Une panne du réseau rend la solution indisponible ; un accès haut "
                      "débit, voire une liaison de secours, peut être nécessaire")),
    ),
    HostingOption(
        "on_premises", gettext_lazy("Hébergement dans la maison de santé"),
        (gettext_lazy("Moins dépendant du réseau de télécommunication"),
         gettext_lazy("Indisponibilités plus rares : les postes du réseau local continuent "
                      "de fonctionner si internet est coupé")),
        (gettext_lazy("Achat, exploitation, sauvegarde et maintenance du serveur à la charge "
                      "de la structure ou d'un prestataire"),
         gettext_lazy("Sécurisation des données de santé à organiser en interne")),
    ),
)
RECOMMENDATION = gettext_lazy(
    "La méthode conseille de privilégier l'hébergement externalisé, sauf si l'existant "
    "informatique ou la qualité du réseau de télécommunication s'y opposent.")
