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
