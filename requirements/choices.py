"""Choices of the requirements app that other modules share."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequirementsDocument(models.TextChoices):
    """Documents of step 8, stored on ``projects.Document.kind``."""

    CAHIER_DES_CHARGES = "cahier_des_charges", _("Cahier des charges")
    CADRE_DE_REPONSE = "cadre_de_reponse", _("Grille des besoins et cadre de réponse")
