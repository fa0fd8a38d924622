"""The needs grid of step 6: domains → sub-domains → requirements, with priorities.

Codes of requirements are allocated from a per-domain counter and a removed or merged
requirement keeps its row, so a code is never given twice in a project: the cadre de
réponse and the import of vendors' answers (steps 8–9) rely on it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.choices import Profession
from projects.models import Membership, Project


class Priority(models.TextChoices):
    """Priority of a requirement (seed 001, step 6: « définir un niveau de priorité »)."""

    ESSENTIAL = "essential", _("Indispensable")
    IMPORTANT = "important", _("Important")
    DESIRABLE = "desirable", _("Souhaitable")


class NeedsGrid(models.Model):
    """The grille hiérarchisée des fonctionnalités of a project, versioned and freezable."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="needs_grid")
    version = models.PositiveIntegerField(_("version"), default=1)
    is_frozen = models.BooleanField(_("figée"), default=False)
    frozen_at = models.DateTimeField(_("figée le"), null=True, blank=True)
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("figée par"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("grille des besoins")
        verbose_name_plural = _("grilles des besoins")

    def __str__(self) -> str:
        return f"{self.project} — v{self.version}"


class GridDomain(models.Model):
    """A functional domain of the grid, optionally entrusted to a référent fonctionnel."""

    grid = models.ForeignKey(NeedsGrid, on_delete=models.CASCADE, related_name="domains")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("code"), max_length=8)
    title = models.CharField(_("domaine"), max_length=200)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    # Highest number ever allocated in this domain: codes are never reused.
    last_number = models.PositiveIntegerField(default=0)
    referent = models.ForeignKey(
        Membership, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("référent fonctionnel"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("domaine de la grille")
        verbose_name_plural = _("domaines de la grille")
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(fields=("grid", "code"), name="griddomain_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.title}"


class GridSubDomain(models.Model):
    """A sub-domain grouping requirements inside a domain."""

    domain = models.ForeignKey(GridDomain, on_delete=models.CASCADE, related_name="subdomains")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    title = models.CharField(_("sous-domaine"), max_length=200)
    position = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("sous-domaine de la grille")
        verbose_name_plural = _("sous-domaines de la grille")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.title


class Requirement(models.Model):
    """One requirement: transversal, or specific to one profession when ``profession`` is set."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="requirements")
    subdomain = models.ForeignKey(
        GridSubDomain, on_delete=models.CASCADE, related_name="requirements",
        verbose_name=_("sous-domaine"),
    )
    code = models.CharField(_("code"), max_length=16)
    text = models.TextField(_("besoin"), max_length=1000)
    profession = models.CharField(
        _("profession"), max_length=20, choices=Profession.choices, blank=True,
        help_text=_("Vide : besoin transversal."),
    )
    # The current priority; after consolidation, the arbitrated one.
    priority = models.CharField(_("priorité"), max_length=12, choices=Priority.choices)
    arbitration_reason = models.CharField(_("motif de l'arbitrage"), max_length=500,
                                          blank=True)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    # Bumped by every save: a save carrying an older revision is refused (no lost update).
    revision = models.PositiveIntegerField(_("révision"), default=1)
    merged_into = models.ForeignKey(
        # Requirements are never deleted one by one (removal is a flag): SET_NULL only
        # matters when the whole project goes.
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="merged",
        verbose_name=_("fusionné dans"),
    )
    is_removed = models.BooleanField(_("retiré"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("modifié par"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("besoin")
        verbose_name_plural = _("besoins")
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(fields=("project", "code"), name="requirement_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.text[:60]}"

    @property
    def is_transversal(self) -> bool:
        """Shared by every profession (no profession of its own)."""
        return not self.profession

    @property
    def is_active(self) -> bool:
        """Still part of the grid: neither removed nor merged into another requirement."""
        return not self.is_removed and self.merged_into_id is None


class ProfessionPriority(models.Model):
    """The priority one profession gives to a transversal requirement (its référent métier)."""

    requirement = models.ForeignKey(Requirement, on_delete=models.CASCADE,
                                    related_name="profession_priorities")
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="+")
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    priority = models.CharField(_("priorité"), max_length=12, choices=Priority.choices)
    comment = models.CharField(_("commentaire"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("priorité d'une profession")
        verbose_name_plural = _("priorités des professions")
        constraints = [
            models.UniqueConstraint(fields=("requirement", "profession"),
                                    name="professionpriority_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.requirement.code} — {self.get_profession_display()}"
