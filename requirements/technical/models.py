"""Step 6 §2 « préférences techniques »: hosting, purchase model, other requirements."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Hosting(models.TextChoices):
    UNDECIDED = "undecided", _("À décider")
    ON_PREMISES = "on_premises", _("Hébergement dans la maison de santé (internalisé)")
    CERTIFIED_HOST = "certified_host", _(
        "Hébergement externalisé chez un hébergeur certifié de données de santé (HDS)")


class PurchaseModel(models.TextChoices):
    UNDECIDED = "undecided", _("À décider")
    SUBSCRIPTION = "subscription", _("Abonnement par utilisateur (mode service)")
    LICENCE = "licence", _("Licences par poste, maintenance et hébergement en sus")


class TechnicalPreference(models.Model):
    """The project's preferred technical architecture, as stated in the cahier des charges."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="technical_preference"
    )
    hosting = models.CharField(_("hébergement"), max_length=16, choices=Hosting.choices,
                               default=Hosting.UNDECIDED)
    hosting_justification = models.TextField(_("justification du choix d'hébergement"),
                                             blank=True)
    purchase_model = models.CharField(_("modalité d'achat"), max_length=16,
                                      choices=PurchaseModel.choices,
                                      default=PurchaseModel.UNDECIDED)
    purchase_justification = models.TextField(_("justification de la modalité d'achat"),
                                              blank=True)
    other_requirements = models.TextField(_("autres exigences techniques"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("préférences techniques")
        verbose_name_plural = _("préférences techniques")

    def __str__(self) -> str:
        return f"Préférences techniques — {self.project}"
