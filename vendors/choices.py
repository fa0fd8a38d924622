"""Enumerations of the market study (stored codes in English, labels in French)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LabelLevel(models.TextChoices):
    """Level of the ANS « label e-santé » for MSP and centre de santé software."""

    NONE = "none", _("Non labellisé")
    STANDARD = "standard", _("Label standard")
    ADVANCED = "advanced", _("Label avancé")


class AssessmentDecision(models.TextChoices):
    """Outcome of the market study for one vendor (step 5)."""

    UNDER_STUDY = "under_study", _("À l'étude")
    KEPT = "kept", _("Retenu pour la consultation")
    ELIMINATED = "eliminated", _("Écarté")


class Coverage(models.TextChoices):
    """How a vendor's product covers one functional module."""

    COVERED = "covered", _("Couvert")
    NOT_COVERED = "not_covered", _("Non couvert")
    UNKNOWN = "unknown", _("Non évalué")


class QuorumKind(models.TextChoices):
    """How the quorum of a vote of the assemblée générale is expressed."""

    SHARE = "share", _("Pourcentage des membres ayant droit de vote")
    COUNT = "count", _("Nombre de membres ayant droit de vote")


class MajorityRule(models.TextChoices):
    """Majority an option needs to win a vote of the assemblée générale."""

    SIMPLE = "simple", _("Majorité simple (l'option la plus choisie)")
    ABSOLUTE = "absolute", _("Majorité absolue (plus de la moitié des suffrages)")
    TWO_THIRDS = "two_thirds", _("Majorité des deux tiers")


class VendorsDocument(models.TextChoices):
    """Documents of phase 3, stored on ``projects.Document.kind``."""

    # One per vendor consulted (subject = the vendor consulted).
    CONSULTATION_LETTER = "consultation_letter", _("Lettre de consultation")
    VENDOR_CADRE = "vendor_cadre", _("Cadre de réponse d'un prestataire")
    AUDITION_LETTER = "audition_letter", _("Convocation à l'audition")
    # One per vote of the assemblée générale (subject = the vote).
    VOTE_MINUTES = "vote_minutes", _("Procès-verbal de vote")
    DOSSIER_DE_CHOIX = "dossier_de_choix", _("Dossier de choix")
    DOSSIER_DE_CHOIX_GRID = "dossier_de_choix_grid", _("Grille d'analyse des offres")
