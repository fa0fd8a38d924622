"""A test case of the recette (step 14): generated from the needs grid (recette), the
habilitation matrix (step 12) and the migration checks (step 13), then edited."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import CaseSource


class AcceptanceCase(models.Model):
    """A test case: what to do and what to expect, and the need it verifies."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("intitulé"), max_length=300)
    steps = models.TextField(_("étapes"), max_length=4000, blank=True)
    expected_result = models.TextField(_("résultat attendu"), max_length=2000)
    source = models.CharField(_("origine"), max_length=16, choices=CaseSource.choices)
    requirement = models.ForeignKey("requirements.Requirement", on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    # The need's revision when the case was written: a later change of the need makes
    # the link « à revoir » (traceability with suspect flags).
    requirement_revision = models.PositiveIntegerField(null=True, blank=True)
    profession = models.CharField(_("profession"), max_length=20, blank=True)
    priority = models.CharField(_("priorité"), max_length=12, blank=True)
    revision = models.PositiveIntegerField(_("révision"), default=1)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("cas de test")
        verbose_name_plural = _("cas de test")
        constraints = [
            models.UniqueConstraint(fields=("project", "code"), name="case_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"
