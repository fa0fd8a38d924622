"""Writes of the market study: the shared catalogue and each project's assessments."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.errors import DomainError

from ..choices import LabelLevel
from .models import Vendor, VendorAssessment
from .rules import (
    catalogue_edit_refusal,
    coverage_error,
    decision_error,
    removal_refusal,
    vendor_key,
)

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project

VENDOR_FIELDS = ("name", "product", "version", "label_level", "is_dmp_compatible",
                 "is_hds_certified", "contact_name", "contact_email", "contact_phone",
                 "website", "postal_address")
ASSESSMENT_FIELDS = ("demo_on", "demo_notes", "visit_on", "visit_structure", "visit_notes",
                     "covered_modules", "missing_modules", "strengths", "weaknesses",
                     "decision", "decision_reason", "catalogue_note")


class DuplicateVendorError(DomainError):
    """The catalogue already holds this product; ``existing`` is the entry to use instead."""

    def __init__(self, existing: Vendor) -> None:
        super().__init__(_("« %(vendor)s » figure déjà dans le catalogue : utilisez cette "
                           "fiche plutôt que d'en créer une seconde.") % {"vendor": existing})
        self.existing = existing


class CatalogueEntryLocked(DomainError):
    """The project may not correct or delete this shared catalogue entry (see the message)."""


def _check_catalogue_owner(*, project: Project, vendor: Vendor) -> None:
    """Refuse unless ``project`` created the entry and no other project assessed it."""
    others = VendorAssessment.objects.filter(vendor=vendor).exclude(project=project).count()
    refusal = catalogue_edit_refusal(is_created_here=vendor.created_in_id == project.pk,
                                     other_projects=others)
    if refusal:
        raise CatalogueEntryLocked(refusal)


def _clean_vendor_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """Catalogue fields with text stripped; name, product and a known label required."""
    cleaned = {k: (v.strip() if isinstance(v, str) else v)
               for k, v in values.items() if k in VENDOR_FIELDS}
    if not cleaned.get("name") or not cleaned.get("product"):
        raise DomainError(_("Indiquez le nom de l'éditeur et celui de son produit."))
    if cleaned.get("label_level", LabelLevel.NONE) not in LabelLevel.values:
        raise DomainError(_("Niveau de label inconnu."))
    return cleaned


def _save_vendor(vendor: Vendor) -> Vendor:
    """Save under the unique key; a concurrent twin becomes a duplicate error."""
    twin = Vendor.objects.filter(lookup_key=vendor.lookup_key).exclude(pk=vendor.pk).first()
    if twin is not None:
        raise DuplicateVendorError(twin)
    try:
        with transaction.atomic():
            vendor.save()
    except IntegrityError:
        raise DuplicateVendorError(Vendor.objects.get(lookup_key=vendor.lookup_key)) from None
    return vendor


@transaction.atomic
def vendor_create(*, by: User, values: Mapping[str, Any],
                  project: Project | None = None) -> Vendor:
    """Add a vendor to the shared catalogue, unless the same product is already there.

    ``project`` is the project whose team adds it (the one that may correct it later);
    without it the entry belongs to the instance and only its staff correct it.
    """
    cleaned = _clean_vendor_values(values)
    vendor = Vendor(**cleaned, created_by=by, created_in=project)
    vendor.lookup_key = vendor_key(vendor.name, vendor.product)
    return _save_vendor(vendor)


@transaction.atomic
def vendor_update(*, project: Project, vendor: Vendor, values: Mapping[str, Any]) -> Vendor:
    """Correct a catalogue entry this project owns alone; renaming it onto another is refused."""
    cleaned = _clean_vendor_values(values)
    # The row lock serialises with ``assessment_start``: no project starts using the entry
    # between the ownership check and the save.
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    _check_catalogue_owner(project=project, vendor=vendor)
    changed = [name for name, value in cleaned.items() if getattr(vendor, name) != value]
    if not changed:
        return vendor
    for name in changed:
        setattr(vendor, name, cleaned[name])
    vendor.lookup_key = vendor_key(vendor.name, vendor.product)
    return _save_vendor(vendor)


@transaction.atomic
def vendor_delete(*, project: Project, vendor: Vendor) -> None:
    """Remove an entry this project created and no project assessed; assessed ones stay."""
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    _check_catalogue_owner(project=project, vendor=vendor)
    count = VendorAssessment.objects.filter(vendor=vendor).count()
    if count:
        raise DomainError(ngettext(
            "« %(vendor)s » ne peut pas être supprimé du catalogue : %(n)d projet l'a évalué "
            "et son étude de marché doit rester lisible. Corrigez plutôt la fiche.",
            "« %(vendor)s » ne peut pas être supprimé du catalogue : %(n)d projets l'ont "
            "évalué et leur étude de marché doit rester lisible. Corrigez plutôt la fiche.",
            count) % {"vendor": vendor, "n": count})
    vendor.delete()


@transaction.atomic
def assessment_start(*, project: Project, vendor: Vendor) -> VendorAssessment:
    """Put a catalogue vendor in the project's market study, « à l'étude »; idempotent."""
    # Waits for a correction of the entry in progress (see ``vendor_update``).
    Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
    assessment, _created = VendorAssessment.objects.get_or_create(project=project,
                                                                  vendor=vendor)
    return assessment


@transaction.atomic
def assessment_update(*, assessment: VendorAssessment,
                      values: Mapping[str, Any]) -> VendorAssessment:
    """Demo, visit, coverage, strengths and weaknesses, and the decision with its reason."""
    data = {k: (v.strip() if isinstance(v, str) else v)
            for k, v in values.items() if k in ASSESSMENT_FIELDS}
    row = VendorAssessment.objects.select_for_update().get(pk=assessment.pk)
    merged = {name: data.get(name, getattr(row, name)) for name in ASSESSMENT_FIELDS}
    merged["covered_modules"] = sorted(set(merged["covered_modules"]))
    merged["missing_modules"] = sorted(set(merged["missing_modules"]))
    error = (decision_error(merged["decision"], merged["decision_reason"])
             or coverage_error(merged["covered_modules"], merged["missing_modules"]))
    if error:
        raise DomainError(error)
    changed = [name for name, value in merged.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, merged[name])
        row.save(update_fields=[*changed, "updated_at"])
    return row


@transaction.atomic
def assessment_remove(*, assessment: VendorAssessment) -> None:
    """Take a vendor added by mistake out of the study; a vendor with a history stays.

    Decided, consulted, marked or put to the vote: refused, nothing changes. The foreign
    keys toward that history are RESTRICT, so no other path deletes it either.
    """
    row = VendorAssessment.objects.select_for_update().select_related("vendor").get(
        pk=assessment.pk)
    refusal = removal_refusal(
        vendor=str(row.vendor), decision=row.decision,
        is_consulted=row.consultations.exists(),
        is_evaluated=row.marks.exists() or row.eliminatory_decisions.exists(),
        is_put_to_vote=row.vote_options.exists(),
    )
    if refusal:
        raise DomainError(refusal)
    row.delete()
