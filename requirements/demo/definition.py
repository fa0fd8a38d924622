"""Demo data of phase 2 for the fictitious MSP: step 4 partly filled, step 7 from the
defaults, technical preferences decided. Everything is invented, software included.

Idempotent: the services upsert, and list rows are added only when missing.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction

from projects.choices import Profession, Rating
from projects.models import Project

from ..existing import services as existing_services
from ..existing.models import ExchangeUsage, PartnerKind
from ..expected.models import MigrationItem
from ..expected.rules import DEFAULT_TEXTS
from ..expected.services import migration_item_add, service_expectations_save
from ..technical.models import Hosting, PurchaseModel
from ..technical.services import technical_preference_save

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.demo.seed import DemoContext

# Profession → (today, in five years, outlook, patients per professional, computerised,
# software, functions, head count per site in the order of the project's sites).
# The other professions have not answered yet: the chef de projet sees them as missing.
_PROFILES: dict[str, tuple[int, int, str, int, int, str, str, tuple[int, ...]]] = {
    Profession.GP: (4, 5, "Une installation prévue dans deux ans (interne actuel).", 1100, 4,
                    "Logiciel médical A (fictif), version 2019",
                    "Dossier médical, prescriptions, télétransmission, agenda.", (3, 1)),
    Profession.NURSE: (3, 4, "Une infirmière supplémentaire pour l'antenne.", 180, 3,
                       "Logiciel de soins infirmiers B (fictif) sur tablette",
                       "Tournées, facturation, transmissions entre infirmières.", (2, 1)),
    Profession.PHYSIOTHERAPIST: (2, 2, "", 320, 1, "Logiciel de rééducation C (fictif)",
                                 "Agenda et facturation ; bilans encore sur papier.", (2, 0)),
}
_PATHOLOGIES: dict[str, str] = {
    "diabetes": "Protocole de suivi partagé médecin – infirmière.",
    "heart_failure": "Surveillance du poids et éducation thérapeutique.",
    "hypertension": "",
}
_PARTNERS: tuple[tuple[str, str, str], ...] = (
    (PartnerKind.LABORATORY, "Laboratoire de biologie du Confluent (fictif)",
     "Résultats reçus par messagerie sécurisée par les médecins."),
    (PartnerKind.HOSPITAL, "Centre hospitalier de Fontbrune (fictif)",
     "Comptes rendus d'hospitalisation par courrier, parfois par messagerie sécurisée."),
    (PartnerKind.SSIAD, "SSIAD du Val de Lisse (fictif)",
     "Plans de soins et transmissions par téléphone."),
    (PartnerKind.EHPAD, "EHPAD Les Tilleuls d'Aurèle (fictif)",
     "Visites des médecins ; dossier papier sur place."),
)
_MIGRATION: tuple[tuple[str, str, str], ...] = (
    ("Dossiers médicaux des médecins (antécédents, traitements, résultats)",
     "Logiciel médical A (fictif)", "Export XML fourni par l'éditeur"),
    ("Données administratives des patients", "Logiciel du secrétariat (fictif)", "CSV"),
    ("Rendez-vous à venir", "Agenda en ligne (fictif)", "iCalendar"),
)


@transaction.atomic
def seed_definition(*, project: Project, authors: Mapping[str, User]) -> None:
    """Fill steps 4, 6 and 7 of the demo project; ``authors`` maps a profession to the
    person recorded as having filled its part."""
    _seed_existing_state(project=project, authors=authors)
    service_expectations_save(project=project, values={
        **{k: str(v) for k, v in DEFAULT_TEXTS.items()},
        "availability_percent": Decimal("99.70"), "blocking_response_hours": 4,
        "minor_response_hours": 72, "warranty_months": 12, "commitment_years": 5,
    })
    known = set(MigrationItem.objects.filter(project=project).values_list("data", flat=True))
    for data, source, data_format in _MIGRATION:
        if data not in known:
            migration_item_add(project=project, data=data, source_software=source,
                               data_format=data_format)
    technical_preference_save(
        project=project, hosting=Hosting.CERTIFIED_HOST,
        hosting_justification="Deux sites à relier et aucun serveur à reprendre ; la fibre "
                              "arrive au pôle principal, l'antenne garde une liaison 4G de "
                              "secours.",
        purchase_model=PurchaseModel.SUBSCRIPTION,
        purchase_justification="Coût mensuel prévisible, réparti entre associés de la SISA.",
        other_requirements="Accès en mobilité pour les infirmières (tablettes) ; "
                           "authentification par carte professionnelle.")


def _seed_existing_state(*, project: Project, authors: Mapping[str, User]) -> None:
    """Step 4, partly filled: three professions answered, the others not yet."""
    existing_services.existing_set_organisation(project=project, values={
        "structure_start_on": date(2021, 9, 1), "is_start_planned": False,
        "secretariat_count": 2, "workstations_to_equip": 16, "total_active_patients": 6800,
        "organisation_note": "Un secrétariat par site ; la coordinatrice est à mi-temps."})
    sites = list(project.sites.order_by("id").values_list("pk", flat=True))
    for profession, row in _PROFILES.items():
        today, five, outlook, patients, computerised, software, functions, per_site = row
        existing_services.profession_profile_save(
            project=project, profession=profession, by=authors.get(profession),
            values={"count_today": today, "count_in_five_years": five,
                    "outlook_note": outlook, "active_patients_per_professional": patients,
                    "computerised_count": computerised, "software": software,
                    "software_functions": functions},
            site_counts=dict(zip(sites, per_site, strict=False)))
    existing_services.existing_set_pathologies(
        project=project, other="Dépistage organisé des cancers (sans protocole écrit).",
        selections={code: (True, note) for code, note in _PATHOLOGIES.items()})
    existing_services.existing_set_it(project=project, values={
        "coordination_practices": "Agenda partagé entre médecins ; cahier de liaison papier "
                                  "avec les infirmières ; réunion pluriprofessionnelle "
                                  "mensuelle.",
        "sharing_processes": "Le médecin adresse au kinésithérapeute par ordonnance papier ; "
                             "les infirmières signalent une alerte par téléphone puis sur le "
                             "cahier de liaison ; les comptes rendus de la réunion "
                             "pluriprofessionnelle sont envoyés par messagerie sécurisée.",
        "data_entry_quality": Rating.MEDIUM,
        "data_entry_note": "Antécédents saisis en texte libre, peu de données codées.",
        "workstation_count": 14,
        "workstations_note": "Postes fixes de 3 à 8 ans, deux tablettes infirmières.",
        "browsers": "Navigateurs du marché à jour, suite bureautique libre",
        "server_note": "Petit serveur de fichiers au secrétariat, sauvegarde sur disque "
                       "externe chaque semaine.",
        "network_note": "Réseau câblé au pôle principal, Wi-Fi à l'antenne.",
        "bandwidth_down_mbps": Decimal(300), "bandwidth_up_mbps": Decimal(50),
        "is_bandwidth_guaranteed": False,
        "telecom_note": "Fibre au pôle principal ; ADSL et secours 4G à l'antenne."})
    existing_services.existing_set_territory(project=project, values={
        "dmp_usage": ExchangeUsage.OCCASIONAL, "dmp_note": "Consulté par deux médecins.",
        "mssante_usage": ExchangeUsage.ROUTINE,
        "mssante_note": "Boîtes personnelles des médecins et des infirmières."})
    named = set(project.territory_partners.values_list("name", flat=True))
    for kind, name, exchanges in _PARTNERS:
        if name not in named:
            existing_services.territory_partner_add(project=project, kind=kind, name=name,
                                                    exchanges=exchanges)


def demo_part(context: DemoContext) -> None:
    """The requirements app's part of the demo: steps 4, 6 and 7 (``Plugin.demo_seed``)."""
    from projects.demo.seed import AMOA, LEAD, NURSE, SECURITY

    from .needs import seed_needs_grid

    users = context.users
    seed_definition(project=context.project, authors={Profession.GP: users[LEAD.key],
                                                      Profession.NURSE: users[NURSE.key]})
    seed_needs_grid(project=context.project, lead=users[LEAD.key], amoa=users[AMOA.key],
                    nurse=users[NURSE.key], security=users[SECURITY.key])
