"""Demo market study: five invented vendors assessed by the demo MSP (step 5).

Every name, address and number is fictitious: the vendors do not exist, the e-mail
addresses use the reserved ``.test`` domain and the telephone numbers the 01 99 00 range
set aside for fiction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction

from projects.models import Project

from ..choices import AssessmentDecision, LabelLevel
from ..market import services
from ..market.models import Vendor, VendorAssessment
from ..market.rules import vendor_key

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.demo.seed import DemoContext


@dataclass(frozen=True)
class DemoVendor:
    """A fictitious catalogue entry and the demo project's assessment of it."""

    name: str
    product: str
    version: str
    label_level: str
    is_dmp_compatible: bool
    is_hds_certified: bool
    contact_name: str
    contact_email: str
    contact_phone: str
    website: str
    decision: str
    decision_reason: str = ""
    demo_days_ago: int | None = None
    demo_notes: str = ""
    visit: tuple[int, str, str] | None = None  # days ago, structure, notes
    covered: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    strengths: str = ""
    weaknesses: str = ""
    postal_address: str = ""

    def catalogue_values(self) -> dict[str, object]:
        """The fields of the catalogue entry."""
        return {"name": self.name, "product": self.product, "version": self.version,
                "label_level": self.label_level, "is_dmp_compatible": self.is_dmp_compatible,
                "is_hds_certified": self.is_hds_certified, "contact_name": self.contact_name,
                "contact_email": self.contact_email, "contact_phone": self.contact_phone,
                "website": self.website, "postal_address": self.postal_address}


_CORE = ("synthesis", "access_rights", "shared_agenda", "task_manager", "internal_messaging")

DEMO_VENDORS: tuple[DemoVendor, ...] = (
    DemoVendor(
        "Solutions Confluence Santé", "Confluence MSP", "4.2", LabelLevel.ADVANCED, True, True,
        "Julien Rocheval", "julien.rocheval@confluence-sante.test", "01 99 00 12 34",
        "www.confluence-sante.test", AssessmentDecision.KEPT,
        "Couvre tout le périmètre de la première vague ; label avancé.",
        demo_days_ago=40,
        demo_notes="Démonstration de deux heures sur la fiche de synthèse et les protocoles ; "
                   "présentation claire des droits d'accès par profession.",
        visit=(25, "Maison de santé des Coteaux (fictive)",
               "Dix-huit professionnels, deux ans d'usage ; secrétaires satisfaites de "
               "l'agenda, reprise de données jugée longue."),
        covered=(*_CORE, "external_messaging", "pathology_sheets", "indicators", "billing"),
        missing=("telemedicine",),
        strengths="Synthèse partagée très lisible ; indicateurs de l'accord conventionnel "
                  "fournis en standard.",
        weaknesses="Tarif par utilisateur élevé pour les prescripteurs.",
        postal_address="12 rue des Tanneurs\n69002 Lyon-sur-Saône (fictif)",
    ),
    DemoVendor(
        "Éditions Médicales du Lisseron", "Lisseron Coordination", "2025.3",
        LabelLevel.STANDARD, True, True,
        "Amandine Peyrat", "a.peyrat@lisseron-editions.test", "01 99 00 27 81",
        "www.lisseron-editions.test", AssessmentDecision.KEPT,
        "Bonne couverture de la coordination ; hébergement certifié inclus.",
        demo_days_ago=33,
        demo_notes="Démonstration à distance ; gestionnaire de tâches et messagerie interne "
                   "convaincants.",
        covered=(*_CORE, "external_messaging", "prevention_plan", "reminders"),
        missing=("billing",),
        strengths="Tâches partagées et plans de prévention intégrés au dossier.",
        weaknesses="Pas de facturation des nouveaux modes de rémunération.",
        postal_address="4 allée du Lisseron\n38000 Grenoble-les-Prés (fictif)",
    ),
    DemoVendor(
        "Atelier Numérique Pluriel", "Pluriel Santé", "7.1", LabelLevel.STANDARD, True, False,
        "Yannick Morvezen", "contact@atelier-pluriel.test", "01 99 00 45 06",
        "www.atelier-pluriel.test", AssessmentDecision.KEPT,
        "À consulter pour comparer un hébergement sur serveur de la maison de santé.",
        demo_days_ago=20,
        demo_notes="Installation sur serveur local proposée ; hébergeur certifié en option "
                   "par un partenaire.",
        covered=("synthesis", "access_rights", "shared_agenda", "internal_messaging",
                 "external_messaging"),
        missing=("task_manager", "indicators"),
        strengths="Coût d'abonnement modéré ; interface proche des logiciels déjà utilisés.",
        weaknesses="Gestionnaire de tâches absent, annoncé pour une version ultérieure.",
        postal_address="27 quai de la Loire\n44000 Nantes-Rivière (fictif)",
    ),
    DemoVendor(
        "Cabinet Logiciel Horizon Vert", "HorizonDoc", "3.0", LabelLevel.NONE, False, False,
        "Rémi Sablonnière", "r.sablonniere@horizon-vert.test", "01 99 00 63 19",
        "www.horizon-vert.test", AssessmentDecision.ELIMINATED,
        "Ni label e-santé (exigé pour le financement conventionnel) ni compatibilité DMP ; "
        "pas d'agenda partagé.",
        demo_days_ago=45,
        demo_notes="Logiciel mono-professionnel adapté à un cabinet de médecine générale.",
        covered=("synthesis",),
        missing=("access_rights", "shared_agenda", "task_manager", "external_messaging"),
        weaknesses="Conçu pour un cabinet seul, pas pour une équipe pluriprofessionnelle.",
    ),
    DemoVendor(
        "Kerandel Informatique Santé", "Kerandel Parcours", "1.4", LabelLevel.STANDARD, True,
        True, "Gaëlle Tréguier", "gaelle.treguier@kerandel.test", "01 99 00 88 52",
        "www.kerandel.test", AssessmentDecision.UNDER_STUDY,
        demo_days_ago=None,
        covered=("synthesis", "shared_agenda"),
        strengths="Recommandé par la fédération régionale (fictive) des maisons de santé.",
    ),
)


def _catalogue_entry(spec: DemoVendor, by: User) -> Vendor:
    """The demo vendor's catalogue entry, created once and found again by its key."""
    existing = Vendor.objects.filter(lookup_key=vendor_key(spec.name, spec.product)).first()
    return existing or services.vendor_create(by=by, values=spec.catalogue_values())


def _assess(assessment: VendorAssessment, spec: DemoVendor, today: date) -> None:
    def ago(days: int | None) -> date | None:
        return today - timedelta(days=days) if days is not None else None

    visit_days, structure, visit_notes = spec.visit or (None, "", "")
    services.assessment_update(assessment=assessment, values={
        "demo_on": ago(spec.demo_days_ago), "demo_notes": spec.demo_notes,
        "visit_on": ago(visit_days), "visit_structure": structure,
        "visit_notes": visit_notes, "covered_modules": list(spec.covered),
        "missing_modules": list(spec.missing), "strengths": spec.strengths,
        "weaknesses": spec.weaknesses, "decision": spec.decision,
        "decision_reason": spec.decision_reason,
    })


@transaction.atomic
def seed_market_study(*, project: Project, by: User, today: date) -> list[VendorAssessment]:
    """Five catalogue vendors assessed by ``project``: three kept, one out, one pending."""
    assessments = []
    for spec in DEMO_VENDORS:
        vendor = _catalogue_entry(spec, by)
        assessment = services.assessment_start(project=project, vendor=vendor)
        _assess(assessment, spec, today)
        assessments.append(assessment)
    return assessments


def demo_part(context: DemoContext) -> None:
    """The vendors app's part of the demo: market study, consultation, auditions, analysis
    of the offers and the open vote of the assemblée générale (``Plugin.demo_seed``)."""
    from projects.demo.seed import AMOA, GP_MEMBER, LEAD, NURSE, SECRETARY, SECURITY

    from .auditions import seed_auditions
    from .consultation import seed_consultation
    from .evaluation import seed_scoring
    from .votes import seed_ag_vote

    project, users, today = context.project, context.users, context.today
    seed_market_study(project=project, by=users[AMOA.key], today=today)
    consulted = seed_consultation(project=project, lead=users[LEAD.key], today=today)
    seed_auditions(project=project, consulted=consulted, lead=users[LEAD.key],
                   nurse=users[NURSE.key], today=today)
    seed_scoring(project=project, lead=users[LEAD.key], nurse=users[NURSE.key],
                 security=users[SECURITY.key])
    seed_ag_vote(project=project, lead=users[LEAD.key], proxy_giver=users[SECRETARY.key],
                 voters=[users[GP_MEMBER.key], users[SECURITY.key]], today=today)
