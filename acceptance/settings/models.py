"""Step 12 « paramétrage »: the habilitation matrix, its validated versions, the setting
items and the patient information checklist."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise
from simple_history.models import HistoricalRecords

from projects.choices import Profession

from .choices import AccessRight, ConsentMethod, ProfileStatus, SettingArea, SettingState


def _right(label: StrOrPromise) -> models.CharField:
    """One cell of the matrix: blank until the team decides."""
    return models.CharField(label, max_length=8, choices=AccessRight.choices, blank=True)


class HabilitationProfile(models.Model):
    """One row of the habilitation matrix: a profession × status and its right on each
    data category."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices)
    status = models.CharField(_("statut"), max_length=16, choices=ProfileStatus.choices)
    administrative = _right(_("administratif"))
    synthesis = _right(_("synthèse"))
    medical_record = _right(_("dossier médical détaillé"))
    personal_notes = _right(_("notes personnelles"))
    billing = _right(_("facturation"))
    agenda = _right(_("agenda"))
    note = models.CharField(_("précision"), max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    # The recette case generated for this profile (step 14), once the matrix is validated.
    case = models.ForeignKey("acceptance.AcceptanceCase", on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("profil d'habilitation")
        verbose_name_plural = _("profils d'habilitation")
        constraints = [
            models.UniqueConstraint(fields=("project", "profession", "status"),
                                    name="habilitation_profile_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.get_profession_display()} — {self.get_status_display()}"


class HabilitationMatrix(models.Model):
    """The state of a project's matrix: editable, or frozen by its last validation."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="+")
    is_validated = models.BooleanField(_("validée"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matrice d'habilitation")

    def __str__(self) -> str:
        return str(_("Matrice d'habilitation"))


class HabilitationValidation(models.Model):
    """A version of the matrix validated collegially: the rows as they were, who, when."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    version = models.PositiveIntegerField(_("version"))
    held_on = models.DateField(_("date de la réunion"))
    attendee_names = models.JSONField(_("présents"), default=list)
    notes = models.TextField(_("compte rendu"), max_length=4000, blank=True)
    # [{"profile": label, "profession": code, "status": code, "rights": {category: right}}]
    rows = models.JSONField(_("matrice validée"), default=list)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-version",)
        verbose_name = _("validation de la matrice d'habilitation")
        constraints = [
            models.UniqueConstraint(fields=("project", "version"),
                                    name="habilitation_validation_unique"),
        ]

    def __str__(self) -> str:
        return str(_("Matrice d'habilitation, version %s")) % self.version


class SettingItem(models.Model):
    """Something to configure: its area, owner, the needs it implements, where it stands."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    area = models.CharField(_("domaine de paramétrage"), max_length=16,
                            choices=SettingArea.choices)
    title = models.CharField(_("élément"), max_length=200)
    description = models.TextField(_("règles et précisions"), max_length=4000, blank=True)
    # The grid domain it belongs to: its référent fonctionnel edits it.
    domain = models.ForeignKey("requirements.GridDomain", on_delete=models.SET_NULL,
                               null=True, blank=True, related_name="+",
                               verbose_name=_("domaine de la grille"))
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices,
                                  blank=True)
    owner = models.ForeignKey("projects.Membership", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("responsable"))
    requirements = models.ManyToManyField("requirements.Requirement", blank=True,
                                          related_name="+", verbose_name=_("besoins"))
    state = models.CharField(_("état"), max_length=16, choices=SettingState.choices,
                             default=SettingState.TO_DOCUMENT)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("area", "position", "id")
        verbose_name = _("élément de paramétrage")
        verbose_name_plural = _("éléments de paramétrage")
        constraints = [
            models.UniqueConstraint(fields=("project", "title"), name="setting_item_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class PatientInformation(models.Model):
    """The patient information and consent checklist of step 12."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="+")
    poster_displayed_on = models.DateField(_("affiche posée en salle d'attente le"),
                                           null=True, blank=True)
    leaflet_version = models.CharField(_("version du dépliant d'information"), max_length=60,
                                       blank=True)
    consent_method = models.CharField(_("recueil du consentement"), max_length=16,
                                      choices=ConsentMethod.choices, blank=True)
    consent_note = models.TextField(_("précisions sur le recueil"), max_length=2000,
                                    blank=True)
    mentions_host = models.BooleanField(
        _("l'information et le consentement mentionnent l'hébergeur de données de santé"),
        default=False)
    is_register_updated = models.BooleanField(
        _("registre des traitements (RGPD) tenu à jour"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("information des patients et consentement")

    def __str__(self) -> str:
        return str(_("Information des patients et consentement"))
