"""Enumerations of step 12: profile statuses, data categories, rights, setting areas."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProfileStatus(models.TextChoices):
    """How a person works in the MSP: access varies by profession and by status (001
    step 12: professionals of the main practice, vacataires, secretariat)."""

    HOLDER = "holder", _("Titulaire")
    REPLACEMENT = "replacement", _("Remplaçant")
    LOCUM = "locum", _("Vacataire")
    TRAINEE = "trainee", _("Stagiaire")
    SECRETARIAT = "secretariat", _("Secrétariat")
    COORDINATION = "coordination", _("Coordination")


class DataCategory(models.TextChoices):
    """The parts of a patient's record a profile may reach (phase4.md §1, data needed)."""

    ADMINISTRATIVE = "administrative", _("Administratif")
    SYNTHESIS = "synthesis", _("Synthèse")
    MEDICAL_RECORD = "medical_record", _("Dossier médical détaillé")
    PERSONAL_NOTES = "personal_notes", _("Notes personnelles")
    BILLING = "billing", _("Facturation")
    AGENDA = "agenda", _("Agenda")


class AccessRight(models.TextChoices):
    """What a profile may do with a data category."""

    NONE = "none", _("Aucun")
    READ = "read", _("Lecture")
    WRITE = "write", _("Écriture")


class SettingArea(models.TextChoices):
    """The three areas of the paramétrage (001 step 12, « Contenu des travaux »)."""

    FORMS_LETTERS = "forms_letters", _("Formulaires et courriers propres aux professions")
    USERS_RIGHTS = "users_rights", _("Utilisateurs et droits d'accès")
    INDICATORS = "indicators", _("Indicateurs")


class SettingState(models.TextChoices):
    """Where a setting item stands; the allowed moves are in ``settings/rules.py``."""

    TO_DOCUMENT = "to_document", _("À documenter")
    DOCUMENTED = "documented", _("Documenté")
    TABLE_RECEIVED = "table_received", _("Table reçue du prestataire")
    CONFIGURED = "configured", _("Paramétré")
    VERIFIED = "verified", _("Vérifié en recette")


class ConsentMethod(models.TextChoices):
    """How the patient's express consent is collected, little by little in consultation."""

    UNDECIDED = "", _("À décider")
    RECORDED_IN_FILE = "recorded", _("Consentement oral tracé dans le dossier par le "
                                     "professionnel")
    SIGNED_FORM = "signed_form", _("Formulaire signé, numérisé dans le dossier")
    RECEPTION = "reception", _("Recueilli à l'accueil par le secrétariat, puis confirmé "
                               "en consultation")
