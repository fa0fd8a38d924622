"""Enumerations of phase 4 shared by its capabilities."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AcceptanceDocument(models.TextChoices):
    """Kinds of documents phase 4 produces (stored on ``projects.Document.kind``)."""

    SETTINGS_RULES = "settings_rules", _("Règles de paramétrage et politique d'habilitation")
    RECETTE_PROTOCOL = "recette_protocol", _("Protocole de recette")
    RECETTE_PV = "recette_pv", _("Procès-verbal de recette")
    ANOMALY_LIST = "anomaly_list", _("Liste périodique des anomalies")
    ANOMALY_LIST_GRID = "anomaly_list_grid", _("Liste périodique des anomalies (tableur)")
    PURCHASE_ORDER = "purchase_order", _("Bon de commande")
    TRAINING_PLAN = "training_plan", _("Plan de formation")
    TRAINING_CONVOCATION = "training_convocation", _("Convocation à une session de formation")
    TRAINING_SIGN_IN = "training_sign_in", _("Feuille d'émargement")
    BILAN_REPORT = "bilan_report", _("Rapport de bilan")
    EVOLUTION_LIST = "evolution_list", _("Liste des demandes d'évolution (tableur)")
    INTERVENTION_NOTICE = "intervention_notice", _("Avis d'intervention")


class Severity(models.TextChoices):
    """How badly an anomaly hurts: a blocking one stops the recette and starts the short
    SLA clock (step 16)."""

    BLOCKING = "blocking", _("Bloquante")
    MAJOR = "major", _("Majeure")
    MINOR = "minor", _("Mineure")


class AnomalyStatus(models.TextChoices):
    """Life of a fiche anomalie; the allowed moves are in ``anomalies/rules.py``."""

    OPEN = "open", _("Ouverte")
    ACKNOWLEDGED = "acknowledged", _("Prise en compte")
    CORRECTED = "corrected", _("Corrigée")
    VERIFIED = "verified", _("Vérifiée")
    # A context: Django's own catalogue translates the bare msgid « Close » to « Fermer ».
    CLOSED = "closed", pgettext_lazy("statut d'anomalie", "Close")
    REJECTED = "rejected", _("Rejetée")
    REOPENED = "reopened", _("Réouverte")


class CaseSource(models.TextChoices):
    """Where a test case comes from (step 14: cases are generated, then edited)."""

    NEED = "need", _("Besoin de la grille")
    HABILITATION = "habilitation", _("Profil d'habilitation")
    MIGRATION = "migration", _("Contrôle de la reprise")
    MANUAL = "manual", _("Saisi à la main")


class OrderKind(models.TextChoices):
    """What a complementary service is about (step 18, examples of seed 001)."""

    NEWCOMER = "newcomer", _("Arrivée d'un professionnel (reprise et paramétrage)")
    TRAINING = "training", _("Formation complémentaire (nouvel arrivant, mise à jour)")
    SETTINGS = "settings", _("Nouveau paramétrage (indicateurs, protocoles)")
    MODULE = "module", _("Module ou interface supplémentaire")
    PARTIAL_REVERSIBILITY = ("partial_reversibility",
                             _("Réversibilité partielle (départ d'un professionnel)"))


class OrderStatus(models.TextChoices):
    """Life of a bon de commande; the allowed moves are in ``orders/rules.py``."""

    DRAFT = "draft", _("Brouillon")
    APPROVED = "approved", _("Approuvé")
    SENT = "sent", _("Envoyé au prestataire")
    DELIVERED = "delivered", _("Livré")
    CHECKED = "checked", _("Vérifié")
    INVOICED = "invoiced", _("Facturé")
    CANCELLED = "cancelled", _("Annulé")


class TrainingGroupKind(models.TextChoices):
    """Groups of trainees (step 15: administrators, professionals, secretariat)."""

    ADMINISTRATORS = "administrators", _("Administrateurs")
    PROFESSIONALS = "professionals", _("Professionnels de santé")
    SECRETARIAT = "secretariat", _("Secrétariat et accueil")
    OTHER = "other", _("Autre groupe")


class TrainingMode(models.TextChoices):
    """How a session is given (step 7 « plan de formation »)."""

    IN_PERSON = "in_person", _("Présentiel")
    REMOTE = "remote", _("À distance")
    E_LEARNING = "e_learning", _("E-learning")
    TRAIN_THE_TRAINER = "train_the_trainer", _("Formation de formateurs")


class AttendanceStatus(models.TextChoices):
    """Whether a convened person came."""

    PRESENT = "present", _("Présent")
    EXCUSED = "excused", _("Excusé")
    ABSENT = "absent", _("Absent")


class EvolutionStatus(models.TextChoices):
    """Life of an evolution request (step 16); the moves are in ``maintenance/rules.py``."""

    PROPOSED = "proposed", _("Proposée")
    QUALIFIED = "qualified", _("Qualifiée")
    REQUESTED = "requested", _("Demandée au prestataire")
    PLANNED = "planned", _("Planifiée")
    DELIVERED = "delivered", _("Livrée")
    VERIFIED = "verified", _("Vérifiée")
    REFUSED = "refused", _("Refusée")


class EvolutionOrigin(models.TextChoices):
    """Where an evolution request comes from."""

    USER = "user", _("Utilisateurs")
    REGULATION = "regulation", _("Réglementation")
    USER_CLUB = "user_club", _("Club utilisateurs")


class EvolutionPriority(models.TextChoices):
    """How urgent an evolution is for the MSP."""

    HIGH = "high", _("Haute")
    MEDIUM = "medium", _("Moyenne")
    LOW = "low", _("Basse")


class CostNature(models.TextChoices):
    """Natures of the real costs in the bilan (step 17), matching the step 11 cost lines."""

    LICENCES = "licences", _("Licences et abonnements")
    IMPLEMENTATION = "implementation", _("Mise en œuvre (installation, paramétrage, reprise)")
    TRAINING = "training", _("Formation")
    MAINTENANCE = "maintenance", _("Maintenance et support")
    HOSTING = "hosting", _("Hébergement")
    HARDWARE = "hardware", _("Matériel")
    COMPLEMENTARY = "complementary", _("Prestations complémentaires")
    AMOA = "amoa", _("Assistance à maîtrise d'ouvrage")
    INTERNAL = "internal", _("Temps interne (indemnisation)")


class EvolutionVoteChoice(models.TextChoices):
    """A référent's vote on an evolution request (step 16)."""

    FOR = "for", _("Pour")
    AGAINST = "against", _("Contre")
    ABSTAIN = "abstain", _("Abstention")
