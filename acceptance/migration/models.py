"""Step 13 « reprise des données »: the checklist, the vendor's method note, the sample
checks of the trial migration and the go / no-go decision."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from projects.choices import Profession

from .choices import GoDecision, LineOrigin, MigrationMethod, MigrationState


class MigrationLine(models.Model):
    """One set of data to take over: source, format, volumes, method, owner, state."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    # « item:<pk> » or « profession:<code> »: what generated it, so a new generation adds
    # only what is missing.
    key = models.CharField(max_length=40)
    origin = models.CharField(_("origine"), max_length=8, choices=LineOrigin.choices)
    source_item = models.ForeignKey("requirements.MigrationItem", on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    data = models.CharField(_("données"), max_length=200)
    source_software = models.CharField(_("logiciel source"), max_length=300, blank=True)
    data_format = models.CharField(_("format"), max_length=120, blank=True)
    profession = models.CharField(_("profession"), max_length=20, choices=Profession.choices,
                                  blank=True)
    volume_expected = models.PositiveIntegerField(_("volume attendu"), null=True, blank=True)
    volume_migrated = models.PositiveIntegerField(_("volume repris"), null=True, blank=True)
    method = models.CharField(_("méthode"), max_length=12, choices=MigrationMethod.choices)
    method_reason = models.CharField(_("pourquoi cette méthode"), max_length=300, blank=True)
    limits = models.TextField(_("limites annoncées par le prestataire"), max_length=2000,
                              blank=True)
    owner = models.ForeignKey("projects.Membership", on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("responsable"))
    state = models.CharField(_("état"), max_length=12, choices=MigrationState.choices,
                             default=MigrationState.PLANNED)
    position = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        ordering = ("position", "id")
        verbose_name = _("ligne de la reprise des données")
        verbose_name_plural = _("lignes de la reprise des données")
        constraints = [
            models.UniqueConstraint(fields=("project", "key"), name="migration_line_unique"),
        ]

    def __str__(self) -> str:
        return self.data


def note_upload_to(instance: MigrationNote, filename: str) -> str:
    """reprise/<project>/<random>.pdf: the vendor's file name is never used on disk."""
    return f"reprise/{instance.project_id}/{uuid.uuid4().hex}.pdf"


class MigrationNote(models.Model):
    """A version of the vendor's note explaining its migration method (a PDF)."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    file = models.FileField(_("note de méthode (PDF)"), upload_to=note_upload_to)
    file_name = models.CharField(_("nom du fichier"), max_length=200)
    size = models.PositiveIntegerField(_("taille (octets)"))
    sha256 = models.CharField(max_length=64)
    summary = models.CharField(_("périmètre et limites en bref"), max_length=500, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-uploaded_at", "-id")
        verbose_name = _("note de méthode de la reprise")
        constraints = [
            models.UniqueConstraint(fields=("project", "sha256"), name="migration_note_unique"),
        ]

    def __str__(self) -> str:
        return self.file_name


class SampleCheck(models.Model):
    """A sample of migrated records compared with the source: whose, how many, what
    differed. A check with discrepancies becomes a recette case."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    line = models.ForeignKey(MigrationLine, on_delete=models.RESTRICT,
                             related_name="checks")
    checked_on = models.DateField(_("contrôlé le"))
    professional = models.CharField(_("professionnel dont les dossiers sont contrôlés"),
                                    max_length=120)
    records_checked = models.PositiveIntegerField(_("dossiers contrôlés"))
    discrepancies = models.PositiveIntegerField(_("écarts constatés"))
    discrepancy_note = models.TextField(_("écarts constatés (détail)"), max_length=2000,
                                        blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    case = models.ForeignKey("acceptance.AcceptanceCase", on_delete=models.SET_NULL,
                             null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-created_at", "-id")
        verbose_name = _("contrôle par échantillon")
        verbose_name_plural = _("contrôles par échantillon")

    def __str__(self) -> str:
        return f"{self.line} — {self.professional}"

    @property
    def is_failed(self) -> bool:
        """A check that found at least one discrepancy."""
        return self.discrepancies > 0


class MigrationDecision(models.Model):
    """Go or no-go for the final migration, taken after the trial: the last one counts."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="+")
    decision = models.CharField(_("décision"), max_length=8, choices=GoDecision.choices)
    decided_on = models.DateField(_("décidé le"))
    reason = models.TextField(_("motif"), max_length=2000)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ("-recorded_at", "-id")
        verbose_name = _("décision sur la reprise définitive")

    def __str__(self) -> str:
        return f"{self.get_decision_display()} ({self.decided_on})"
