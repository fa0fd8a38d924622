"""Test cases of the recette (step 14), generated from the needs, profiles and migration."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..cases.models import AcceptanceCase
from .choices import CampaignKind, ExecutionResult, RecetteVerdict


class Campaign(models.Model):
    """A recette campaign: a set of cases whose text is frozen when the campaign opens."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("nom"), max_length=200)
    kind = models.CharField(_("nature"), max_length=16, choices=CampaignKind.choices)
    starts_on = models.DateField(_("début"))
    ends_on = models.DateField(_("fin"))
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ("starts_on", "id")
        verbose_name = _("campagne de recette")
        verbose_name_plural = _("campagnes de recette")

    def __str__(self) -> str:
        return self.name


class CampaignCase(models.Model):
    """A case as the campaign froze it, its tester and its current result.

    The text is copied when the campaign opens: a later edit of the case does not change
    what this campaign executed. ``version`` grows with each recorded result, so that two
    testers recording at the same moment cannot overwrite each other silently.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    campaign = models.ForeignKey(Campaign, on_delete=models.RESTRICT, related_name="items")
    case = models.ForeignKey(AcceptanceCase, on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("intitulé"), max_length=300)
    steps = models.TextField(_("étapes"), blank=True)
    expected_result = models.TextField(_("résultat attendu"))
    case_revision = models.PositiveIntegerField()
    profession = models.CharField(_("profession"), max_length=20, blank=True)
    priority = models.CharField(_("priorité"), max_length=12, blank=True)
    tester = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True,
                               blank=True, related_name="+", verbose_name=_("testeur"))
    result = models.CharField(_("résultat"), max_length=12, choices=ExecutionResult.choices,
                              blank=True)
    comment = models.TextField(_("commentaire"), max_length=2000, blank=True)
    executed_at = models.DateTimeField(_("exécuté le"), null=True, blank=True)
    executed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=0)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("cas d'une campagne")
        verbose_name_plural = _("cas d'une campagne")
        constraints = [
            models.UniqueConstraint(fields=("campaign", "case"), name="campaigncase_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class Execution(models.Model):
    """One recorded run of a campaign's case: the result, the comment, who and when.

    Keeps the revisions of the case and of its need as they were: a later change of
    either makes the link « à revoir » (traceability with suspect flags).
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(CampaignCase, on_delete=models.RESTRICT,
                             related_name="executions")
    case = models.ForeignKey(AcceptanceCase, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("résultat"), max_length=12, choices=ExecutionResult.choices)
    comment = models.TextField(_("commentaire"), max_length=2000, blank=True)
    executed_at = models.DateTimeField(_("exécuté le"))
    executed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    case_revision = models.PositiveIntegerField()
    requirement_revision = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ("executed_at", "id")
        verbose_name = _("exécution d'un cas")
        verbose_name_plural = _("exécutions de cas")

    def __str__(self) -> str:
        return f"{self.item.code} — {self.get_result_display()}"


class TraceCheck(models.Model):
    """Someone re-checked a case against its need after one of them changed: the link is
    no longer « à revoir » for these revisions."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(AcceptanceCase, on_delete=models.PROTECT, related_name="+")
    case_revision = models.PositiveIntegerField()
    requirement_revision = models.PositiveIntegerField(null=True, blank=True)
    checked_at = models.DateTimeField()
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ("checked_at", "id")
        verbose_name = _("revue d'un lien de traçabilité")
        verbose_name_plural = _("revues des liens de traçabilité")

    def __str__(self) -> str:
        return f"{self.case_id} — {self.checked_at:%Y-%m-%d}"


class RecetteDecision(models.Model):
    """The decision the PV de recette carries, recorded by the chef de projet."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    verdict = models.CharField(_("décision"), max_length=16, choices=RecetteVerdict.choices)
    decided_on = models.DateField(_("date de la décision"))
    comment = models.TextField(_("motif"), max_length=2000, blank=True)
    decided_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ("decided_at", "id")
        verbose_name = _("décision de recette")
        verbose_name_plural = _("décisions de recette")

    def __str__(self) -> str:
        return self.get_verdict_display()
