"""Writes of the market study: catalogue entries, duplicates, assessments, deletions."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from msp_si.common.errors import DomainError
from vendors import services
from vendors.choices import AssessmentDecision, LabelLevel
from vendors.models import Vendor, VendorAssessment

from .conftest import vendor_values

pytestmark = pytest.mark.django_db

D = AssessmentDecision


def test_vendor_create_stores_the_entry_with_its_key(lead) -> None:
    vendor = services.vendor_create(by=lead, values=vendor_values(
        name="  Solutions Confluence Santé ", product="Confluence MSP",
        label_level=LabelLevel.ADVANCED))
    vendor.refresh_from_db()
    assert vendor.name == "Solutions Confluence Santé"
    assert vendor.lookup_key == "solutions confluence sante|confluence msp"
    assert vendor.label_level == LabelLevel.ADVANCED
    assert vendor.created_by == lead
    assert vendor.history.count() == 1


def test_vendor_create_refuses_a_duplicate_and_names_the_existing_entry(lead) -> None:
    first = services.vendor_create(by=lead, values=vendor_values(
        name="Solutions Confluence Santé", product="Confluence MSP"))
    with pytest.raises(services.DuplicateVendorError) as caught:
        services.vendor_create(by=lead, values=vendor_values(
            name="SOLUTIONS CONFLUENCE SANTE SAS", product="confluence-msp"))
    assert caught.value.existing == first
    assert "figure déjà dans le catalogue" in caught.value.message
    assert Vendor.objects.count() == 1


@pytest.mark.parametrize("overrides", [{"name": "  "}, {"product": ""},
                                       {"label_level": "platinum"}])
def test_vendor_create_refuses_incomplete_entries(lead, overrides) -> None:
    with pytest.raises(DomainError):
        services.vendor_create(by=lead, values=vendor_values(**overrides))
    assert Vendor.objects.count() == 0


def test_vendor_update_corrects_the_entry_and_its_key(make_vendor) -> None:
    vendor = make_vendor(name="Lisseron", product="Coordination")
    services.vendor_update(vendor=vendor, values=vendor_values(
        name="Éditions du Lisseron", product="Coordination", is_hds_certified=True))
    vendor.refresh_from_db()
    assert vendor.name == "Éditions du Lisseron"
    assert vendor.lookup_key == "editions du lisseron|coordination"
    assert vendor.is_hds_certified is True


def test_vendor_update_refuses_to_become_another_entry(make_vendor) -> None:
    make_vendor(name="Horizon", product="Doc")
    other = make_vendor(name="Kerandel", product="Parcours")
    with pytest.raises(services.DuplicateVendorError):
        services.vendor_update(vendor=other, values=vendor_values(name="HORIZON",
                                                                  product="doc"))
    other.refresh_from_db()
    assert other.name == "Kerandel"


def test_vendor_delete_removes_an_entry_nobody_assessed(make_vendor) -> None:
    vendor = make_vendor()
    services.vendor_delete(vendor=vendor)
    assert not Vendor.objects.filter(pk=vendor.pk).exists()


def test_vendor_delete_refuses_an_assessed_entry(project, make_assessment) -> None:
    assessment = make_assessment(project)
    with pytest.raises(DomainError) as caught:
        services.vendor_delete(vendor=assessment.vendor)
    assert "ne peut pas être supprimé du catalogue" in caught.value.message
    assert "1 projet(s) l'ont évalué" in caught.value.message
    assert Vendor.objects.filter(pk=assessment.vendor_id).exists()


def test_assessment_start_is_idempotent(project, make_vendor) -> None:
    vendor = make_vendor()
    first = services.assessment_start(project=project, vendor=vendor)
    again = services.assessment_start(project=project, vendor=vendor)
    assert first.pk == again.pk
    assert first.decision == D.UNDER_STUDY
    assert VendorAssessment.objects.filter(project=project).count() == 1


def test_assessment_update_records_the_study(project, make_assessment) -> None:
    assessment = make_assessment(project)
    services.assessment_update(assessment=assessment, values={
        "demo_notes": " Démonstration claire ", "covered_modules": ["synthesis", "billing",
                                                                     "synthesis"],
        "missing_modules": ["telemedicine"], "strengths": "Agenda", "decision": D.KEPT,
    })
    assessment.refresh_from_db()
    assert assessment.demo_notes == "Démonstration claire"
    assert assessment.covered_modules == ["billing", "synthesis"]
    assert assessment.missing_modules == ["telemedicine"]
    assert assessment.decision == D.KEPT
    assert assessment.history.count() == 2


def test_eliminating_without_reason_is_refused_and_changes_nothing(project,
                                                                   make_assessment) -> None:
    assessment = make_assessment(project, strengths="Avant")
    with pytest.raises(DomainError, match="motif"):
        services.assessment_update(assessment=assessment, values={
            "decision": D.ELIMINATED, "decision_reason": "  ", "strengths": "Après"})
    assessment.refresh_from_db()
    assert (assessment.decision, assessment.strengths) == (D.UNDER_STUDY, "Avant")


def test_eliminating_with_reason_is_recorded(project, make_assessment) -> None:
    assessment = make_assessment(project)
    services.assessment_update(assessment=assessment, values={
        "decision": D.ELIMINATED, "decision_reason": "Pas de label e-santé"})
    assessment.refresh_from_db()
    assert assessment.decision == D.ELIMINATED
    assert assessment.decision_reason == "Pas de label e-santé"


@pytest.mark.parametrize("values", [
    {"covered_modules": ["synthesis", "bitcoin"]},
    {"covered_modules": ["billing"], "missing_modules": ["billing"]},
    {"decision": "chosen"},
])
def test_assessment_update_refuses_forged_values(project, make_assessment, values) -> None:
    assessment = make_assessment(project)
    with pytest.raises(DomainError):
        services.assessment_update(assessment=assessment, values=values)
    assessment.refresh_from_db()
    assert (assessment.covered_modules, assessment.decision) == ([], D.UNDER_STUDY)


def test_only_an_assessment_under_study_can_be_removed(project, make_assessment) -> None:
    pending = make_assessment(project)
    kept = make_assessment(project, decision=D.KEPT)
    services.assessment_remove(assessment=pending)
    with pytest.raises(DomainError, match="reste tracé"):
        services.assessment_remove(assessment=kept)
    assert list(VendorAssessment.objects.filter(project=project)) == [kept]


def test_the_database_refuses_an_elimination_without_reason(project, make_assessment) -> None:
    assessment = make_assessment(project)
    with pytest.raises(IntegrityError), transaction.atomic():
        VendorAssessment.objects.filter(pk=assessment.pk).update(decision=D.ELIMINATED)
