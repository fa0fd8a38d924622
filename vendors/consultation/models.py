"""Step 9 « consultation »: the vendors consulted, their deadline and the answers imported."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Consultation(models.Model):
    """A project's consultation: the response deadline every consulted vendor shares."""

    project = models.OneToOneField("projects.Project", on_delete=models.CASCADE,
                                   related_name="consultation")
    # Answers are due by the end of this day (the MSP's time zone).
    response_deadline = models.DateField(_("date limite de réponse"), null=True, blank=True)
    # What the letters tell the vendors besides the deadline (method, step 9): who writes
    # to them and where, how and until when they may ask questions, how long the offer holds.
    sender_address = models.TextField(_("adresse postale de la maison de santé"),
                                      max_length=400, blank=True)
    contact_email = models.EmailField(_("adresse e-mail pour les questions"), blank=True)
    contact_phone = models.CharField(_("téléphone pour les questions"), max_length=30,
                                     blank=True)
    questions_until = models.DateField(_("questions reçues jusqu'au"), null=True, blank=True)
    offer_validity_days = models.PositiveSmallIntegerField(
        _("durée de validité des offres (jours)"), default=120)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("consultation")

    def __str__(self) -> str:
        return f"{self.project} — consultation"


class ConsultedVendor(models.Model):
    """A vendor kept by the market study and consulted: letter, cadre, link, answers."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="consulted_vendors")
    # RESTRICT: a consulted vendor keeps its assessment (and the study cannot remove it);
    # only the deletion of the whole project, which takes both, goes through.
    assessment = models.ForeignKey("vendors.VendorAssessment", on_delete=models.RESTRICT,
                                   related_name="consultations")
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(_("date d'envoi"), null=True, blank=True)
    # SHA-256 of the secret upload link's token; the token itself is shown once, never kept.
    token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    token_created_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["token_hash", "token_created_at"])

    class Meta:
        verbose_name = _("prestataire consulté")
        verbose_name_plural = _("prestataires consultés")
        ordering = ("vendor__name", "vendor__product")
        constraints = [
            models.UniqueConstraint(fields=("project", "vendor"),
                                    name="consultedvendor_unique"),
        ]

    def __str__(self) -> str:
        return str(self.vendor)


class AnswerSetStatus(models.TextChoices):
    PENDING = "pending", _("En attente de confirmation")
    CONFIRMED = "confirmed", _("Confirmé")


class AnswerSource(models.TextChoices):
    TEAM = "team", _("Déposé par l'équipe projet")
    VENDOR_LINK = "vendor_link", _("Déposé par le prestataire (lien sécurisé)")


class AnswerSet(models.Model):
    """One import of a vendor's cadre de réponse; the confirmed, current one counts.

    A file checked without error becomes a pending set shown in the preview; confirming it
    makes it current and keeps the previous sets as history. ``answers`` and ``prices``
    hold the parsed values (codes, answers, numbers as strings), never the file.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    # RESTRICT: imported answers are never deleted with their consulted vendor; only a
    # pending set is removed on purpose (superseded, or the vendor withdrawn before any).
    consulted = models.ForeignKey(ConsultedVendor, on_delete=models.RESTRICT,
                                  related_name="answer_sets")
    status = models.CharField(max_length=12, choices=AnswerSetStatus.choices,
                              default=AnswerSetStatus.PENDING)
    is_current = models.BooleanField(default=False)
    source = models.CharField(max_length=12, choices=AnswerSource.choices)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    null=True, blank=True, related_name="+")
    file_name = models.CharField(max_length=200)
    file_sha256 = models.CharField(max_length=64)
    grid_version = models.PositiveIntegerField()
    received_at = models.DateTimeField()
    is_late = models.BooleanField(default=False)
    answers = models.JSONField(default=list)
    prices = models.JSONField(default=list)
    warnings = models.JSONField(default=list)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     null=True, blank=True, related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("réponse importée")
        verbose_name_plural = _("réponses importées")
        ordering = ("-received_at", "-id")
        constraints = [
            models.UniqueConstraint(fields=("consulted",), condition=Q(is_current=True),
                                    name="answerset_one_current"),
            models.CheckConstraint(condition=~Q(is_current=True) | Q(status="confirmed"),
                                   name="answerset_current_is_confirmed"),
        ]

    def __str__(self) -> str:
        return f"{self.consulted} — {self.received_at:%d/%m/%Y %H:%M}"
