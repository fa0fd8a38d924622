"""Maintenance and evolutions (step 16): evolution requests, planned interventions."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import EvolutionOrigin, EvolutionPriority, EvolutionStatus, EvolutionVoteChoice


class EvolutionRequest(models.Model):
    """A demande d'évolution: who asks, for which need, how urgent, where it stands."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    number = models.PositiveIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), max_length=4000)
    requirement = models.ForeignKey("requirements.Requirement", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+",
                                    verbose_name=_("besoin concerné"))
    origin = models.CharField(_("origine"), max_length=12, choices=EvolutionOrigin.choices,
                              default=EvolutionOrigin.USER)
    priority = models.CharField(_("priorité"), max_length=8, choices=EvolutionPriority.choices,
                                default=EvolutionPriority.MEDIUM)
    status = models.CharField(_("statut"), max_length=12, choices=EvolutionStatus.choices,
                              default=EvolutionStatus.PROPOSED)
    target_version = models.CharField(_("version visée"), max_length=40, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("demandée par"))
    created_at = models.DateTimeField(_("proposée le"))
    status_changed_at = models.DateTimeField(_("statut changé le"))
    history = HistoricalRecords()

    class Meta:
        ordering = ("-number",)
        verbose_name = _("demande d'évolution")
        verbose_name_plural = _("demandes d'évolution")
        constraints = [
            models.UniqueConstraint(fields=("project", "number"),
                                    name="evolution_unique_number"),
        ]

    def __str__(self) -> str:
        return f"EV-{self.number:03d} — {self.title}"


class Intervention(models.Model):
    """A planned maintenance intervention (update, fixes), announced to the members."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("intitulé"), max_length=200)
    content = models.TextField(_("contenu (corrections, évolutions)"), max_length=4000)
    starts_at = models.DateTimeField(_("début"))
    downtime_minutes = models.PositiveIntegerField(_("interruption prévue (minutes)"),
                                                   default=0)
    affected = models.CharField(_("personnes concernées"), max_length=300, blank=True)
    # The method: a recette and a training when the intervention changes what users do.
    needs_recette = models.BooleanField(_("re-recette nécessaire"), default=False)
    needs_training = models.BooleanField(_("formation nécessaire"), default=False)
    announced_at = models.DateTimeField(_("annoncée le"), null=True, blank=True)
    # What follows the intervention when it changes what users do: a re-recette campaign
    # (step 14) and / or a training session (step 15), created from here or attached.
    recette_campaign = models.ForeignKey("acceptance.Campaign", on_delete=models.PROTECT,
                                         null=True, blank=True, related_name="+",
                                         verbose_name=_("campagne de re-recette"))
    training_session = models.ForeignKey("acceptance.TrainingSession",
                                         on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="+",
                                         verbose_name=_("session de formation"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ("-starts_at", "id")
        verbose_name = _("intervention planifiée")
        verbose_name_plural = _("interventions planifiées")

    def __str__(self) -> str:
        return self.title


class EvolutionVote(models.Model):
    """A référent's vote on an evolution request: once each, before the chef's decision."""

    evolution = models.ForeignKey(EvolutionRequest, on_delete=models.RESTRICT,
                                  related_name="votes")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    choice = models.CharField(_("vote"), max_length=8, choices=EvolutionVoteChoice.choices)
    cast_at = models.DateTimeField(_("voté le"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vote sur une demande d'évolution")
        verbose_name_plural = _("votes sur les demandes d'évolution")
        constraints = [
            models.UniqueConstraint(fields=("evolution", "voter"),
                                    name="evolution_one_vote_each"),
        ]

    def __str__(self) -> str:
        return f"{self.evolution} — {self.get_choice_display()}"
