"""Enumerations of step 13."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MigrationMethod(models.TextChoices):
    """How a set of data reaches the new system: migration without re-keying needs
    structured source data (001 step 13)."""

    AUTOMATIC = "automatic", _("Reprise automatique")
    REKEYING = "rekeying", _("Ressaisie")


class MigrationState(models.TextChoices):
    """Where a line of the checklist stands; the allowed moves are in ``migration/rules.py``."""

    PLANNED = "planned", _("Prévue")
    TRIAL_RUN = "trial_run", _("Reprise à blanc faite")
    CHECKED = "checked", _("Contrôlée")
    FINAL_RUN = "final_run", _("Reprise définitive faite")
    ACCEPTED = "accepted", _("Acceptée")


class LineOrigin(models.TextChoices):
    """Where a checklist line comes from."""

    STEP7 = "step7", _("Données à reprendre (étape 7)")
    STEP4 = "step4", _("Logiciel d'une profession (étape 4)")
    MANUAL = "manual", _("Ajoutée à la main")


class GoDecision(models.TextChoices):
    """The decision taken after the trial migration, before the final one."""

    GO = "go", _("Go : reprise définitive autorisée")
    NO_GO = "no_go", _("No-go : reprise définitive reportée")
