"""Content of the cadrage: objectives and scope (step 1), team charter (step 2)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import AdministrationMode, AmoaDecision, Axis, Rating, ScopeDecision
from ..method import MAX_PALIER

_PALIER_CHOICES = [(i, str(i)) for i in range(MAX_PALIER + 1)]


class AxisTarget(models.Model):
    """Current and target palier on one of the three integration axes."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="axis_targets"
    )
    axis = models.CharField(_("axe"), max_length=20, choices=Axis.choices)
    current_level = models.PositiveSmallIntegerField(
        _("palier actuel"), choices=_PALIER_CHOICES, default=0
    )
    target_level = models.PositiveSmallIntegerField(
        _("palier visé"), choices=_PALIER_CHOICES, default=1
    )
    notes = models.TextField(_("précisions"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("palier par axe")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "axis"), name="axistarget_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_axis_display()}: {self.current_level} → {self.target_level}"


class ObjectiveSelection(models.Model):
    """A strategic objective of the projet de santé that the IS must serve."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="objectives"
    )
    code = models.CharField(max_length=32)  # key of method.STRATEGIC_OBJECTIVES
    is_selected = models.BooleanField(_("retenu"), default=False)
    comment = models.CharField(_("commentaire"), max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("objectif stratégique")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "code"), name="objective_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class ScopeModule(models.Model):
    """A functional module and the decision on it: in scope, later wave or out."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="scope_modules"
    )
    code = models.CharField(max_length=32)  # key of method.MODULES
    decision = models.CharField(
        _("décision"), max_length=16, choices=ScopeDecision.choices,
        default=ScopeDecision.UNDECIDED,
    )
    reason = models.CharField(_("motif"), max_length=300, blank=True)
    wave = models.ForeignKey(
        "projects.DeploymentWave", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="modules", verbose_name=_("vague de déploiement"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("module fonctionnel")
        ordering = ("id",)
        constraints = [
            models.UniqueConstraint(fields=("project", "code"), name="scopemodule_unique"),
        ]

    def __str__(self) -> str:
        return self.code


class Framing(models.Model):
    """Realism factors of step 1: maturity, ambition and resources (seed 001)."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="framing"
    )
    maturity = models.CharField(
        _("maturité de l'organisation"), max_length=8, choices=Rating.choices, blank=True
    )
    maturity_note = models.TextField(_("informatisation et pratiques actuelles"), blank=True)
    ambition = models.CharField(
        _("niveau d'ambition"), max_length=8, choices=Rating.choices, blank=True
    )
    ambition_note = models.TextField(_("volonté des professionnels"), blank=True)
    resources = models.CharField(
        _("ressources mobilisables"), max_length=8, choices=Rating.choices, blank=True
    )
    resources_note = models.TextField(_("moyens financiers, humains, techniques"), blank=True)
    scope_summary = models.TextField(_("synthèse des objectifs"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("facteurs de réalisme")

    def __str__(self) -> str:
        return f"Cadrage — {self.project}"


class Contribution(models.Model):
    """A professional's written contribution to step 1: expectations and wished level."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="contributions"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="contributions"
    )
    expectations = models.TextField(_("attentes vis-à-vis du système d'information"))
    wished_record_sharing = models.PositiveSmallIntegerField(
        _("palier souhaité : partage des dossiers"), choices=_PALIER_CHOICES, default=1
    )
    wished_coordination = models.PositiveSmallIntegerField(
        _("palier souhaité : coordination"), choices=_PALIER_CHOICES, default=1
    )
    wished_steering = models.PositiveSmallIntegerField(
        _("palier souhaité : pilotage"), choices=_PALIER_CHOICES, default=1
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contribution")
        ordering = ("author__last_name",)
        constraints = [
            models.UniqueConstraint(fields=("project", "author"), name="contribution_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.author} — {self.project}"


class TeamCharter(models.Model):
    """Step 2: administrators, the AMOA decision and the MOA / AMOA / MOE roles."""

    project = models.OneToOneField(
        "projects.Project", on_delete=models.CASCADE, related_name="team_charter"
    )
    administration_mode = models.CharField(
        _("administration du système"), max_length=12, choices=AdministrationMode.choices,
        default=AdministrationMode.UNDECIDED,
    )
    administrator_provider = models.CharField(
        _("prestataire d'administration"), max_length=200, blank=True
    )
    amoa_decision = models.CharField(
        _("recours à une AMOA"), max_length=12, choices=AmoaDecision.choices,
        default=AmoaDecision.UNDECIDED,
    )
    amoa_complexity = models.TextField(_("complexité du projet"), blank=True)
    amoa_size = models.TextField(_("taille du projet"), blank=True)
    amoa_availability = models.TextField(_("disponibilité des professionnels"), blank=True)
    amoa_value = models.TextField(_("valeur ajoutée attendue"), blank=True)
    amoa_cost_estimate = models.DecimalField(
        _("coût estimé de l'AMOA (€ HT)"), max_digits=10, decimal_places=2,
        null=True, blank=True,
    )
    amoa_provider = models.CharField(_("AMOA pressentie"), max_length=200, blank=True)
    moa_role = models.TextField(_("rôle de la MOA"), blank=True)
    amoa_role = models.TextField(_("rôle de l'AMOA"), blank=True)
    moe_role = models.TextField(_("rôle de la MOE"), blank=True)
    lead_compensation = models.TextField(_("indemnisation du chef de projet"), blank=True)
    designated_on = models.DateField(_("date de désignation"), null=True, blank=True)
    designation_body = models.CharField(_("instance"), max_length=120, blank=True)
    designation_result = models.TextField(_("résultat de la désignation"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation de l'équipe projet")

    def __str__(self) -> str:
        return f"Équipe projet — {self.project}"
