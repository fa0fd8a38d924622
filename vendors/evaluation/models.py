"""Step 11 data: the project's criteria, the evaluators' marks and the recorded decisions.

The rules live in ``vendors.evaluation.scoring`` and ``vendors.evaluation.cost``; these models only
hold what people configured, marked or decided.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .cost import MIN_YEARS
from .eliminatory import Eliminatory
from .scoring import MARK_MAX, MARK_MIN, Secondary

MAX_YEARS = 10


class EliminatoryKind(models.TextChoices):
    """How an eliminatory criterion is checked (values of ``eliminatory.Eliminatory``)."""

    ESSENTIAL_COVERAGE = Eliminatory.ESSENTIAL_COVERAGE.value, _("Besoins indispensables")
    LABEL = Eliminatory.LABEL.value, _("Label e-santé")
    DMP = Eliminatory.DMP.value, _("Compatibilité DMP")
    HDS = Eliminatory.HDS.value, _("Hébergeur certifié HDS")
    BUDGET = Eliminatory.BUDGET.value, _("Plafond budgétaire")
    CUSTOM = Eliminatory.CUSTOM.value, _("Critère propre au projet")


class SecondaryCode(models.TextChoices):
    """The secondary criteria (values of ``scoring.Secondary``)."""

    COVERAGE = Secondary.COVERAGE.value, _("Couverture fonctionnelle")
    SERVICES = Secondary.SERVICES.value, _("Prestations et leur qualité")
    IMPLEMENTATION = Secondary.IMPLEMENTATION.value, _("Plan de mise en œuvre")
    ARCHITECTURE = Secondary.ARCHITECTURE.value, _("Architecture technique")
    FINANCIAL_HEALTH = Secondary.FINANCIAL_HEALTH.value, _("Santé financière de l'éditeur")


class CriteriaSettings(models.Model):
    """The cost horizon, budget ceiling and yearly assumptions of one project's analysis."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="criteria_settings")
    horizon_years = models.PositiveSmallIntegerField(
        _("durée d'analyse du coût (années)"), default=MIN_YEARS,
        validators=[MinValueValidator(MIN_YEARS), MaxValueValidator(MAX_YEARS)])
    budget_ceiling = models.DecimalField(
        _("plafond budgétaire sur la durée (€ HT)"), max_digits=12, decimal_places=2,
        null=True, blank=True)
    new_professionals_per_year = models.PositiveSmallIntegerField(
        _("arrivées de professionnels par an"), default=1)
    extra_training_days_per_year = models.DecimalField(
        _("jours de formation complémentaire par an"), max_digits=5, decimal_places=1,
        default=Decimal(0), validators=[MinValueValidator(Decimal(0))])
    new_configuration_days_per_year = models.DecimalField(
        _("jours de nouveaux paramétrages par an"), max_digits=5, decimal_places=1,
        default=Decimal(0), validators=[MinValueValidator(Decimal(0))])
    departures_per_year = models.PositiveSmallIntegerField(
        _("départs de professionnels par an (réversibilité partielle)"), default=0)
    include_full_reversibility = models.BooleanField(
        _("compter la réversibilité totale en fin de contrat"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paramètres de l'analyse des offres")
        constraints = [
            # Seed 001 step 11: the total cost is assessed over at least three years.
            models.CheckConstraint(condition=Q(horizon_years__gte=MIN_YEARS),
                                   name="criteriasettings_min_horizon"),
        ]

    def __str__(self) -> str:
        return f"{self.project} — {self.horizon_years} ans"


class EliminatoryCriterion(models.Model):
    """A criterion whose failure puts an offer out; enabled or not by the project."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="eliminatory_criteria")
    kind = models.CharField(_("type"), max_length=24, choices=EliminatoryKind.choices)
    label = models.CharField(_("critère"), max_length=200)
    is_enabled = models.BooleanField(_("appliqué"), default=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère éliminatoire")
        verbose_name_plural = _("critères éliminatoires")
        ordering = ("position", "id")
        constraints = [
            models.UniqueConstraint(fields=("project", "kind"),
                                    condition=~Q(kind=EliminatoryKind.CUSTOM),
                                    name="eliminatorycriterion_unique_kind"),
        ]

    def __str__(self) -> str:
        return self.label


class SecondaryCriterion(models.Model):
    """A ranked and weighted secondary criterion of one project."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="secondary_criteria")
    code = models.CharField(_("critère"), max_length=24, choices=SecondaryCode.choices)
    rank = models.PositiveSmallIntegerField(_("rang"))
    weight = models.DecimalField(_("poids (%)"), max_digits=5, decimal_places=2)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("critère secondaire")
        verbose_name_plural = _("critères secondaires")
        ordering = ("rank", "id")
        constraints = [
            models.UniqueConstraint(fields=("project", "code"),
                                    name="secondarycriterion_unique_code"),
            models.CheckConstraint(condition=Q(weight__gte=0, weight__lte=100),
                                   name="secondarycriterion_weight_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({self.weight} %)"


class EvaluationMark(models.Model):
    """One evaluator's mark (0–5) of one offer on one marked criterion.

    No history on purpose: the history page is read by others, and a mark stays private
    to its evaluator until they submit.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="evaluation_marks")
    # RESTRICT and PROTECT: neither removing the offer from the study nor deleting the
    # evaluator's account takes marks away (the ranking would change); only the deletion of
    # the whole project does.
    assessment = models.ForeignKey("vendors.VendorAssessment", on_delete=models.RESTRICT,
                                   related_name="marks")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    criterion = models.CharField(_("critère"), max_length=24, choices=SecondaryCode.choices)
    mark = models.PositiveSmallIntegerField(
        _("note"), validators=[MinValueValidator(MARK_MIN), MaxValueValidator(MARK_MAX)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note d'un évaluateur")
        constraints = [
            models.UniqueConstraint(fields=("assessment", "evaluator", "criterion"),
                                    name="evaluationmark_unique"),
            models.CheckConstraint(condition=Q(mark__gte=MARK_MIN, mark__lte=MARK_MAX),
                                   name="evaluationmark_range"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} — {self.criterion}: {self.mark}"


class EvaluationSubmission(models.Model):
    """An evaluator has submitted their marks: they are frozen and now seen by others."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="evaluation_submissions")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    submitted_at = models.DateTimeField(_("soumises le"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("notes soumises")
        constraints = [
            models.UniqueConstraint(fields=("project", "evaluator"),
                                    name="evaluationsubmission_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.evaluator} — {self.project}"


class EliminatoryDecision(models.Model):
    """The chef de projet's decision on a criterion the data cannot settle for one offer."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="eliminatory_decisions")
    assessment = models.ForeignKey("vendors.VendorAssessment", on_delete=models.RESTRICT,
                                   related_name="eliminatory_decisions")
    criterion = models.ForeignKey(EliminatoryCriterion, on_delete=models.CASCADE,
                                  related_name="decisions")
    is_met = models.BooleanField(_("critère satisfait"))
    reason = models.TextField(_("motif"), max_length=1000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, related_name="+",
                                   verbose_name=_("décidé par"))
    decided_at = models.DateTimeField(_("décidé le"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("décision sur un critère éliminatoire")
        constraints = [
            models.UniqueConstraint(fields=("assessment", "criterion"),
                                    name="eliminatorydecision_unique"),
            # A decision is always justified.
            models.CheckConstraint(condition=~Q(reason=""),
                                   name="eliminatorydecision_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.assessment}"
