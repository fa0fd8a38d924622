"""Step 10 « auditions »: the shortlisted candidates, their questions, notes and complements.

Being shortlisted is having an ``Audition`` row; its questions are prepared in advance and
sent with the convocation; notes, synthesis and the vendor's answers are recorded after
it, with any complement the vendor sends afterwards.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Audition(models.Model):
    """A consulted vendor shortlisted for an audition, and what came out of it."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="auditions")
    # RESTRICT: an audition outlives any attempt to remove its consulted vendor; only the
    # deletion of the whole project takes it.
    consulted = models.OneToOneField("vendors.ConsultedVendor", on_delete=models.RESTRICT,
                                     related_name="audition")
    # Copied from ``consulted`` so the project history names the vendor without a join.
    vendor = models.ForeignKey("vendors.Vendor", on_delete=models.PROTECT, related_name="+")
    scheduled_at = models.DateTimeField(_("date et heure"), null=True, blank=True)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"), default=90)
    location = models.CharField(_("lieu ou lien de visioconférence"), max_length=300,
                                blank=True)
    attendees = models.TextField(_("participants de la maison de santé"), blank=True)
    notes = models.TextField(_("notes prises pendant l'audition"), blank=True)
    synthesis = models.TextField(_("synthèse de l'audition"), blank=True)
    held_on = models.DateField(_("audition tenue le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("audition")
        ordering = ("scheduled_at", "id")

    def __str__(self) -> str:
        return str(self.vendor)


class AuditionQuestion(models.Model):
    """A question prepared for one candidate; its answer is noted during or after."""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    audition = models.ForeignKey(Audition, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField(_("question"), max_length=1000)
    position = models.PositiveIntegerField(default=0)
    asked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+",
                                 verbose_name=_("proposée par"))
    answer = models.TextField(_("réponse du candidat"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("question d'audition")
        ordering = ("position", "id")

    def __str__(self) -> str:
        return self.text[:80]


def complement_upload_to(instance: AuditionComplement, filename: str) -> str:
    """auditions/<project>/<audition>/<random>.pdf: the vendor's file name is never used."""
    return f"auditions/{instance.project_id}/{instance.audition_id}/{uuid.uuid4().hex}.pdf"


class AuditionComplement(models.Model):
    """What a candidate sent after its audition: revised price, clarification, clause…"""

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE,
                                related_name="+")
    audition = models.ForeignKey(Audition, on_delete=models.CASCADE,
                                 related_name="complements")
    received_on = models.DateField(_("reçu le"))
    summary = models.TextField(_("contenu du complément"), max_length=4000)
    file = models.FileField(_("fichier joint (PDF)"), upload_to=complement_upload_to,
                            blank=True)
    file_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                 null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("complément d'offre")
        ordering = ("received_on", "id")

    def __str__(self) -> str:
        return self.summary[:80]
