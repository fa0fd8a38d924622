"""Enumerations of the recette (step 14): campaigns, results and the PV's decision."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignKind(models.TextChoices):
    """What a campaign verifies (method, step 14: users' recette, then the migration)."""

    USERS = "users", _("Recette utilisateurs")
    MIGRATION = "migration", _("Vérification de la reprise")
    SETTINGS = "settings", _("Vérification du paramétrage")
    REGRESSION = "regression", _("Non-régression après correction")


class ExecutionResult(models.TextChoices):
    """What the tester saw when running a case."""

    OK = "ok", _("OK")
    KO = "ko", _("KO")
    BLOCKED = "blocked", _("Bloqué")
    NOT_TESTED = "not_tested", _("Non testé")


class RecetteVerdict(models.TextChoices):
    """The PV de recette's decision (chef de projet only)."""

    PRONOUNCED = "pronounced", _("Recette prononcée")
    WITH_RESERVES = "with_reserves", _("Recette prononcée avec réserves")
    REFUSED = "refused", _("Recette refusée")
