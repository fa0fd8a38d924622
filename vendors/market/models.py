"""The vendor catalogue shared by the instance, and each project's assessment of a vendor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import AssessmentDecision, LabelLevel


class Vendor(models.Model):
    """A software vendor and its product, in the catalogue every project draws from."""

    name = models.CharField(_("éditeur"), max_length=150)
    product = models.CharField(_("produit"), max_length=150)
    version = models.CharField(_("version"), max_length=50, blank=True)
    label_level = models.CharField(
        _("label e-santé"), max_length=16, choices=LabelLevel.choices, default=LabelLevel.NONE
    )
    is_dmp_compatible = models.BooleanField(_("compatible DMP"), default=False)
    is_hds_certified = models.BooleanField(
        _("hébergeur certifié de données de santé (HDS)"), default=False
    )
    contact_name = models.CharField(_("nom du contact"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail du contact"), blank=True)
    contact_phone = models.CharField(_("téléphone du contact"), max_length=30, blank=True)
    postal_address = models.TextField(_("adresse postale"), max_length=400, blank=True)
    # Kept as text and never fetched by the server: no outgoing request from user input.
    website = models.CharField(_("site web"), max_length=200, blank=True)
    # Normalised « name + product » (vendors.market.rules.vendor_key): one entry per product.
    lookup_key = models.CharField(max_length=320, unique=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
        related_name="+", verbose_name=_("ajouté par"),
    )
    # The project whose team created the entry: the only one that may correct its shared
    # facts, and only while no other project assessed it (``market.catalogue_edit_refusal``).
    # Empty for entries seeded or created by the instance's staff, or once that project is
    # deleted: then only staff correct it, in the admin.
    created_in = models.ForeignKey(
        "projects.Project", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("créé dans le projet"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("éditeur du catalogue")
        verbose_name_plural = _("catalogue des éditeurs")
        ordering = ("name", "product")

    def __str__(self) -> str:
        return f"{self.name} — {self.product}"


class VendorAssessment(models.Model):
    """What one project learned of a catalogue vendor (step 5) and whether it is kept."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="vendor_assessments"
    )
    # PROTECT: a catalogue entry a project has assessed is never deleted under it.
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="assessments")
    decision = models.CharField(
        _("décision"), max_length=16, choices=AssessmentDecision.choices,
        default=AssessmentDecision.UNDER_STUDY,
    )
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    demo_on = models.DateField(_("date de la démonstration"), null=True, blank=True)
    demo_notes = models.TextField(_("notes de démonstration"), blank=True)
    visit_on = models.DateField(_("date de la visite"), null=True, blank=True)
    visit_structure = models.CharField(_("structure visitée"), max_length=200, blank=True)
    visit_notes = models.TextField(_("notes de visite"), blank=True)
    # Codes of projects.method.MODULES; a module in neither list is not assessed yet.
    covered_modules = models.JSONField(_("modules couverts"), default=list, blank=True)
    missing_modules = models.JSONField(_("modules non couverts"), default=list, blank=True)
    strengths = models.TextField(_("points forts"), blank=True)
    weaknesses = models.TextField(_("points faibles"), blank=True)
    # A project that may not correct a shared catalogue entry proposes the correction here;
    # the instance's staff read it beside the entry in the admin.
    catalogue_note = models.TextField(_("correction proposée pour la fiche du catalogue"),
                                      blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("évaluation d'un éditeur")
        ordering = ("vendor__name", "vendor__product")
        constraints = [
            models.UniqueConstraint(fields=("project", "vendor"),
                                    name="vendorassessment_unique"),
            # Step 5: eliminating a vendor is always justified.
            models.CheckConstraint(
                condition=~Q(decision=AssessmentDecision.ELIMINATED) | ~Q(decision_reason=""),
                name="vendorassessment_elimination_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} — {self.project}"


