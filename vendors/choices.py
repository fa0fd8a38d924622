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
