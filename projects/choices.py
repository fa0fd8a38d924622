"""Enumerations of the project office (stored codes in English, labels in French)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalStructure(models.TextChoices):
    SISA = "sisa", _("SISA (société interprofessionnelle de soins ambulatoires)")
    SCM = "scm", _("SCM (société civile de moyens)")
    ASSOCIATION = "association", _("Association loi 1901")
    HEALTH_CENTRE = "health_centre", _("Centre de santé")
    OTHER = "other", _("Autre structure")


class Profession(models.TextChoices):
    """Professions and staff categories found in an MSP (domain.md §5)."""

    GP = "gp", _("Médecin généraliste")
    NURSE = "nurse", _("Infirmier·ère")
    PHYSIOTHERAPIST = "physio", _("Masseur-kinésithérapeute")
    PHARMACIST = "pharmacist", _("Pharmacien·ne")
    MIDWIFE = "midwife", _("Sage-femme")
    DENTIST = "dentist", _("Chirurgien-dentiste")
    SPEECH_THERAPIST = "speech", _("Orthophoniste")
    PODIATRIST = "podiatrist", _("Pédicure-podologue")
    DIETICIAN = "dietician", _("Diététicien·ne")
    PSYCHOLOGIST = "psychologist", _("Psychologue")
    ORTHOPTIST = "orthoptist", _("Orthoptiste")
    OCCUPATIONAL_THERAPIST = "occupational", _("Ergothérapeute")
    SECRETARY = "secretary", _("Secrétaire / assistant·e médical·e")
    COORDINATOR = "coordinator", _("Coordinateur·rice")
    LOCUM = "locum", _("Vacataires et stagiaires")


class Role(models.TextChoices):
    """Roles a person holds on one project (domain.md §1)."""

    PROJECT_LEAD = "project_lead", _("Chef de projet")
    PROFESSION_REFERENT = "profession_referent", _("Référent métier")
    DOMAIN_REFERENT = "domain_referent", _("Référent fonctionnel")
    AMOA = "amoa", _("AMOA")
    MEMBER = "member", _("Membre")
    OBSERVER = "observer", _("Observateur")


class StepStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Terminée")
    VALIDATED = "validated", _("Validée")


class Axis(models.TextChoices):
    """The three axes of integration of step 1."""

    RECORD_SHARING = "record_sharing", _("Partage des dossiers patients")
    COORDINATION = "coordination", _("Coordination interprofessionnelle")
    STEERING = "steering", _("Pilotage de l'activité")


class ScopeDecision(models.TextChoices):
    UNDECIDED = "undecided", _("À décider")
    IN_SCOPE = "in_scope", _("Dans le périmètre")
    LATER = "later", _("Vague ultérieure")
    OUT_OF_SCOPE = "out_of_scope", _("Hors périmètre")


class Rating(models.TextChoices):
    LOW = "low", _("Faible")
    MEDIUM = "medium", _("Moyen")
    HIGH = "high", _("Élevé")


class AdministrationMode(models.TextChoices):
    UNDECIDED = "undecided", _("À décider")
    INTERNAL = "internal", _("Internalisée (chef de projet et référents)")
    EXTERNAL = "external", _("Externalisée (prestataire local)")


class AmoaDecision(models.TextChoices):
    UNDECIDED = "undecided", _("À décider")
    YES = "yes", _("Recours à une AMOA")
    NO = "no", _("Pas d'AMOA")


class TaskStatus(models.TextChoices):
    TODO = "todo", _("À faire")
    IN_PROGRESS = "in_progress", _("En cours")
    DONE = "done", _("Terminée")


class ProjectBody(models.TextChoices):
    """Bodies of the project that meet (step 3: calendar of the bodies)."""

    GENERAL_ASSEMBLY = "general_assembly", _("Assemblée générale")
    STEERING_COMMITTEE = "steering_committee", _("Comité de pilotage")
    PROJECT_TEAM = "project_team", _("Équipe projet")
    KICK_OFF = "kick_off", _("Réunion de lancement")


class ValidationDecision(models.TextChoices):
    APPROVED = "approved", _("Validé")
    REJECTED = "rejected", _("Non validé, à reprendre")


class DocumentKind(models.TextChoices):
    """Documents of the projects app; other apps declare theirs in their plug-in."""

    NOTE_DE_CADRAGE = "note_de_cadrage", _("Note de cadrage")
    COPIL_MINUTES = "compte_rendu_copil", _("Compte rendu de COPIL")
    DASHBOARD = "tableau_de_bord", _("Tableau de bord")


class DocumentStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    RUNNING = "running", _("En cours de génération")
    DONE = "done", _("Prêt")
    FAILED = "failed", _("Échec")


class RiskNature(models.TextChoices):
    """Nature of a project risk (issue 13, seed 004)."""

    ORGANISATIONAL = "organisational", _("Organisationnel")
    TECHNICAL = "technical", _("Technique")
    LEGAL = "legal", _("Juridique et réglementaire")
    FINANCIAL = "financial", _("Financier")
    HUMAN = "human", _("Humain")
    VENDOR = "vendor", _("Prestataire")


class RiskStatus(models.TextChoices):
    """Where a risk stands: proposed by the AMOA, then followed or refused by the chef."""

    PROPOSED = "proposed", _("Proposé")
    OPEN = "open", _("Ouvert")
    MITIGATED = "mitigated", _("Maîtrisé")
    OCCURRED = "occurred", _("Survenu")
    CLOSED = "closed", _("Clos")
    REFUSED = "refused", _("Refusé")


class BudgetNature(models.TextChoices):
    """Nature of a budget line (seed 003, MESIS kit): investment, then operation."""

    LICENCES = "licences", _("Licences")
    HARDWARE = "hardware", _("Matériel")
    AMOA = "amoa", _("Assistance à maîtrise d'ouvrage")
    SETUP = "setup", _("Mise en place et paramétrage")
    MIGRATION = "migration", _("Reprise des données")
    TRAINING = "training", _("Formation")
    SUBSCRIPTION = "subscription", _("Abonnement")
    HOSTING = "hosting", _("Hébergement")
    MAINTENANCE = "maintenance", _("Maintenance")
    INTERNAL_TIME = "internal_time", _("Temps interne")


class FundingKind(models.TextChoices):
    """Where the money comes from."""

    ARS_FUND = "ars_fund", _("Fonds d'intervention régional (ARS)")
    NEW_REMUNERATION = "new_remuneration", _("Forfaits des nouveaux modes de rémunération")
    OWN_FUNDS = "own_funds", _("Fonds propres")
    OTHER = "other", _("Autre")
