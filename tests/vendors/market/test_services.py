"""Writes of the market study: catalogue entries, duplicates, assessments, deletions."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from msp_si.common.errors import DomainError
from vendors.choices import AssessmentDecision, LabelLevel
from vendors.market import services
from vendors.models import Vendor, VendorAssessment

from ..conftest import vendor_values

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


def test_vendor_update_corrects_the_entry_and_its_key(project, make_vendor) -> None:
    vendor = make_vendor(project, name="Lisseron", product="Coordination")
    services.vendor_update(project=project, vendor=vendor, values=vendor_values(
        name="Éditions du Lisseron", product="Coordination", is_hds_certified=True))
    vendor.refresh_from_db()
    assert vendor.name == "Éditions du Lisseron"
    assert vendor.lookup_key == "editions du lisseron|coordination"
    assert vendor.is_hds_certified is True


def test_vendor_update_refuses_to_become_another_entry(project, make_vendor) -> None:
    make_vendor(name="Horizon", product="Doc")
    other = make_vendor(project, name="Kerandel", product="Parcours")
    with pytest.raises(services.DuplicateVendorError):
        services.vendor_update(project=project, vendor=other,
                               values=vendor_values(name="HORIZON", product="doc"))
    other.refresh_from_db()
    assert other.name == "Kerandel"


def test_vendor_delete_removes_an_entry_nobody_assessed(project, make_vendor) -> None:
    vendor = make_vendor(project)
    services.vendor_delete(project=project, vendor=vendor)
    assert not Vendor.objects.filter(pk=vendor.pk).exists()


def test_vendor_delete_refuses_an_assessed_entry(project, make_assessment) -> None:
    assessment = make_assessment(project)
    with pytest.raises(DomainError) as caught:
        services.vendor_delete(project=project, vendor=assessment.vendor)
    assert "ne peut pas être supprimé du catalogue" in caught.value.message
    assert "1 projet l'a évalué" in caught.value.message
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


# Who owns a catalogue entry: the project that created it, while no other project uses it.

def _facts(vendor: Vendor) -> tuple:
    vendor.refresh_from_db()
    return (vendor.name, vendor.is_hds_certified, vendor.contact_email)


def test_another_project_cannot_correct_an_entry_it_did_not_create(
        project, make_project, make_vendor) -> None:
    vendor = make_vendor(project, is_hds_certified=False)
    before = _facts(vendor)
    outsider = make_project(name="MSP voisine")
    with pytest.raises(services.CatalogueEntryLocked) as caught:
        services.vendor_update(project=outsider, vendor=vendor, values=vendor_values(
            name=vendor.name, product=vendor.product, is_hds_certified=True,
            contact_email="pirate@exemple.test"))
    assert "n'a pas été créée par celui-ci" in caught.value.message
    assert "Correction proposée pour la fiche du catalogue" in caught.value.message
    assert _facts(vendor) == before
    assert vendor.history.count() == 1


def test_the_creator_cannot_correct_an_entry_another_project_assesses(
        project, make_project, make_assessment) -> None:
    vendor = make_assessment(project).vendor
    make_assessment(make_project(name="MSP voisine"), vendor=vendor)
    before = _facts(vendor)
    with pytest.raises(services.CatalogueEntryLocked, match="Un autre projet évalue aussi"):
        services.vendor_update(project=project, vendor=vendor, values=vendor_values(
            name=vendor.name, product=vendor.product, is_hds_certified=True))
    assert _facts(vendor) == before


def test_an_instance_entry_is_corrected_by_no_project(project, make_vendor) -> None:
    vendor = make_vendor()  # seeded or added by the staff: no project
    services.assessment_start(project=project, vendor=vendor)
    with pytest.raises(services.CatalogueEntryLocked):
        services.vendor_update(project=project, vendor=vendor,
                               values=vendor_values(name="Autre nom", product="Autre"))
    assert _facts(vendor)[0] != "Autre nom"


def test_another_project_cannot_delete_an_entry_nobody_assessed(
        project, make_project, make_vendor) -> None:
    vendor = make_vendor(project)
    with pytest.raises(services.CatalogueEntryLocked):
        services.vendor_delete(project=make_project(name="MSP voisine"), vendor=vendor)
    assert Vendor.objects.filter(pk=vendor.pk).exists()


def test_vendor_create_records_the_project_it_was_created_from(project, lead) -> None:
    vendor = services.vendor_create(by=lead, project=project, values=vendor_values())
    assert vendor.created_in == project


def test_a_proposed_correction_is_kept_on_the_projects_own_assessment(
        project, make_vendor) -> None:
    vendor = make_vendor()
    assessment = services.assessment_start(project=project, vendor=vendor)
    services.assessment_update(assessment=assessment, values={
        "catalogue_note": " L'hébergeur est certifié HDS depuis mars. "})
    assessment.refresh_from_db()
    assert assessment.catalogue_note == "L'hébergeur est certifié HDS depuis mars."
    assert _facts(vendor)[1] is False  # the shared entry is not touched


# Two clicks (« à l'étude », then « retirer ») never take a vendor's history away.

def _history_counts(project) -> dict[str, int]:  # type: ignore[no-untyped-def]
    from vendors.consultation.models import AnswerSet
    from vendors.evaluation.models import EvaluationMark, EvaluationSubmission
    from vendors.models import Audition, ConsultedVendor

    return {model.__name__: model.objects.filter(project=project).count()
            for model in (VendorAssessment, ConsultedVendor, AnswerSet, Audition,
                          EvaluationMark, EvaluationSubmission)}


def test_a_consulted_vendor_is_not_removed_in_two_clicks(project, lead,
                                                         make_consulted) -> None:
    from vendors.auditions import services as audition_services

    from ..scoring_helpers import submit_marks

    consulted = make_consulted(project, name="Solutions Confluence Santé")
    audition_services.audition_shortlist(project=project, consulted=consulted, by=lead)
    submit_marks(project, lead, {consulted.assessment_id: (4, 3, 5, 2)})
    before = _history_counts(project)
    assessment = VendorAssessment.objects.get(pk=consulted.assessment_id)
    services.assessment_update(assessment=assessment, values={"decision": D.UNDER_STUDY})
    with pytest.raises(DomainError) as caught:
        services.assessment_remove(assessment=assessment)
    assert caught.value.message.startswith("« Solutions Confluence Santé ")
    assert "a été consulté : il reste dans l'étude de marché" in caught.value.message
    assert _history_counts(project) == before == {
        "VendorAssessment": 1, "ConsultedVendor": 1, "AnswerSet": 1, "Audition": 1,
        "EvaluationMark": 4, "EvaluationSubmission": 1}


def test_a_marked_vendor_is_not_removed_in_two_clicks(project, lead,
                                                      make_assessment) -> None:
    from ..scoring_helpers import submit_marks

    assessment = make_assessment(project, decision=D.KEPT)
    submit_marks(project, lead, {assessment.pk: (1, 2, 3, 4)})
    services.assessment_update(assessment=assessment, values={"decision": D.UNDER_STUDY})
    with pytest.raises(DomainError, match="déjà été noté"):
        services.assessment_remove(assessment=assessment)
    assert _history_counts(project)["EvaluationMark"] == 4
