"""The one-year bilan (step 17): real costs, the satisfaction survey, the conclusions."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from projects.choices import Profession

from ..choices import CostNature


class CostEntry(models.Model):
    """A real cost of the project (invoice, internal time), by nature."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    nature = models.CharField(_("nature"), max_length=16, choices=CostNature.choices)
    label = models.CharField(_("libellé"), max_length=200)
    amount = models.DecimalField(_("montant HT (€)"), max_digits=12, decimal_places=2)
    spent_on = models.DateField(_("date"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ("spent_on", "id")
        verbose_name = _("coût réel")
        verbose_name_plural = _("coûts réels")

    def __str__(self) -> str:
        return self.label


class Survey(models.Model):
    """The project's satisfaction survey, open from the chef's or AMOA's click."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="+")
    opened_at = models.DateTimeField(_("ouverte le"))
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    closed_at = models.DateTimeField(_("close le"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enquête de satisfaction")
        verbose_name_plural = _("enquêtes de satisfaction")

    def __str__(self) -> str:
        return str(_("Enquête de satisfaction"))


class SurveyParticipation(models.Model):
    """That a member answered (never what): one answer per person, by constraint."""

    survey = models.ForeignKey(Survey, on_delete=models.RESTRICT, related_name="participations")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="+")

    class Meta:
        verbose_name = _("participation à l'enquête")
        constraints = [
            models.UniqueConstraint(fields=("survey", "user"), name="survey_one_answer_each"),
        ]

    def __str__(self) -> str:
        return str(self.user_id)


def _mark(label: StrOrPromise) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])


class SurveyResponse(models.Model):
    """An anonymous answer: no user, no date, no history (its author would show there)."""

    survey = models.ForeignKey(Survey, on_delete=models.RESTRICT, related_name="responses")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    profession = models.CharField(_("profession"), max_length=24, choices=Profession.choices,
                                  blank=True)
    # Typed in from a paper form by the chef de projet or the AMOA.
    is_paper = models.BooleanField(default=False)
    overall = _mark(_("satisfaction globale"))
    ease_of_use = _mark(_("facilité d'utilisation et ergonomie"))
    operation = _mark(_("qualité de fonctionnement"))
    functional = _mark(_("qualité fonctionnelle"))
    impact = _mark(_("impact sur la coordination, le pilotage et la prise en charge"))
    vendor = _mark(_("relation avec le prestataire"))
    comment = models.TextField(_("commentaire"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("réponse à l'enquête")
        verbose_name_plural = _("réponses à l'enquête")

    def __str__(self) -> str:
        return str(_("Réponse anonyme"))


class Bilan(models.Model):
    """The bilan's conclusions: paliers reached per axis, next objectives, decisions."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="+")
    # Axis code → palier reached (projects Axis values, 0–3 like AxisTarget).
    paliers_reached = models.JSONField(default=dict)
    synthesis = models.TextField(_("synthèse"), max_length=4000, blank=True)
    recommendations = models.TextField(
        _("recommandations et prochains objectifs (au fil de l'eau ou nouveau projet)"),
        max_length=4000, blank=True)
    updated_at = models.DateTimeField(_("mis à jour le"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bilan du projet")
        verbose_name_plural = _("bilans du projet")

    def __str__(self) -> str:
        return str(_("Bilan du projet"))


class SurveyInvitation(models.Model):
    """A personal link to the survey for someone listed without an account (step 15's
    trainees): only its hash is kept; it expires, can be revoked, and serves once."""

    survey = models.ForeignKey(Survey, on_delete=models.RESTRICT, related_name="invitations")
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    trainee = models.ForeignKey("acceptance.Trainee", on_delete=models.PROTECT,
                                related_name="+", verbose_name=_("personne"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    issued_at = models.DateTimeField(_("lien créé le"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    expires_at = models.DateTimeField(_("lien valable jusqu'au"))
    revoked_at = models.DateTimeField(_("lien révoqué le"), null=True, blank=True)
    # That the person answered, never when nor what (the answer itself is anonymous).
    is_answered = models.BooleanField(default=False)
    history = HistoricalRecords(excluded_fields=["token_hash", "is_answered"])

    class Meta:
        ordering = ("trainee__name", "id")
        verbose_name = _("lien personnel vers l'enquête")
        verbose_name_plural = _("liens personnels vers l'enquête")
        constraints = [
            models.UniqueConstraint(fields=("survey", "trainee"),
                                    name="survey_one_link_per_person"),
        ]

    def __str__(self) -> str:
        return str(self.trainee)
