"""End of step 11: the synthesis written for the dossier de choix, and the choice recorded."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class SolutionChoice(models.Model):
    """One project's dossier de choix synthesis and, once made, the AG's recorded choice.

    The chosen offer, the vote that designated it and the validated dossier de choix are
    kept together so the decision can be traced back to the documents that justify it.
    """

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="solution_choice")
    synthesis = models.TextField(_("synthèse de l'analyse"), blank=True, max_length=8000)
    synthesis_updated_at = models.DateTimeField(null=True, blank=True)
    synthesis_updated_by = models.ForeignKey(settings.AUTH_USER_MODEL,
                                             on_delete=models.PROTECT, null=True,
                                             blank=True, related_name="+")
    # PROTECT: a recorded decision keeps what it rests on.
    assessment = models.ForeignKey("vendors.VendorAssessment", on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+",
                                   verbose_name=_("offre retenue"))
    vote = models.ForeignKey("vendors.Vote", on_delete=models.PROTECT, null=True,
                             blank=True, related_name="+")
    dossier = models.ForeignKey("projects.Document", on_delete=models.PROTECT, null=True,
                                blank=True, related_name="+",
                                verbose_name=_("dossier de choix validé"))
    chosen_at = models.DateTimeField(_("choix enregistré le"), null=True, blank=True)
    chosen_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  null=True, blank=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["synthesis_updated_at"])

    class Meta:
        verbose_name = _("choix de la solution")
        verbose_name_plural = _("choix de la solution")

    def __str__(self) -> str:
        return f"{self.project} — {self.assessment or '…'}"
