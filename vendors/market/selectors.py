"""Reads of the market study, always scoped by project."""

from __future__ import annotations

from dataclasses import dataclass

from projects.choices import ScopeDecision
from projects.method import MODULES
from projects.models import Project, ScopeModule

from ..choices import AssessmentDecision
from .models import Vendor, VendorAssessment
from .rules import (
    CoverageTable,
    VendorCoverage,
    catalogue_edit_refusal,
    coverage_table,
    kept_count_warning,
)


@dataclass(frozen=True)
class MarketStudy:
    """A project's assessed vendors, how many are kept or eliminated, and their coverage."""

    assessments: list[VendorAssessment]
    counts: dict[str, int]
    kept_warning: str | None
    coverage: CoverageTable

    @property
    def kept(self) -> list[VendorAssessment]:
        return [a for a in self.assessments if a.decision == AssessmentDecision.KEPT]

    @property
    def eliminated(self) -> list[VendorAssessment]:
        return [a for a in self.assessments if a.decision == AssessmentDecision.ELIMINATED]

    @property
    def under_study(self) -> list[VendorAssessment]:
        return [a for a in self.assessments if a.decision == AssessmentDecision.UNDER_STUDY]


def market_study(*, project: Project) -> MarketStudy:
    """Everything the step 5 summary shows, in two queries whatever the number of vendors."""
    assessments = list(VendorAssessment.objects.filter(project=project)
                       .select_related("vendor").order_by("vendor__name", "vendor__product"))
    in_scope = ScopeModule.objects.filter(
        project=project, decision=ScopeDecision.IN_SCOPE).values_list("code", flat=True)
    counts = dict.fromkeys(AssessmentDecision.values, 0)
    for a in assessments:
        counts[a.decision] += 1
    columns = [VendorCoverage(key=a.pk, label=str(a.vendor), decision=a.decision,
                              covered=frozenset(a.covered_modules),
                              missing=frozenset(a.missing_modules)) for a in assessments]
    return MarketStudy(
        assessments=assessments, counts=counts,
        kept_warning=kept_count_warning(counts[AssessmentDecision.KEPT]),
        coverage=coverage_table(MODULES, columns, in_scope=list(in_scope)),
    )


def kept_count(*, project: Project) -> int:
    """How many vendors the project keeps for the consultation."""
    return VendorAssessment.objects.filter(project=project,
                                           decision=AssessmentDecision.KEPT).count()


def catalogue_not_assessed(*, project: Project) -> list[Vendor]:
    """Catalogue entries this project has not put in its study yet (for its editors)."""
    return list(Vendor.objects.exclude(assessments__project=project)
                .order_by("name", "product"))


def assessment_for(*, project: Project, vendor: Vendor) -> VendorAssessment | None:
    """The project's assessment of a catalogue vendor, if it has one."""
    return VendorAssessment.objects.filter(project=project, vendor=vendor).first()


@dataclass(frozen=True)
class CatalogueEntry:
    """A shared catalogue entry seen from one project: its assessment, who else uses it,
    and whether this project may correct it (``refusal`` says why not)."""

    vendor: Vendor
    assessment: VendorAssessment | None
    assessed_by: int
    refusal: str | None

    @property
    def can_edit(self) -> bool:
        return self.refusal is None


def catalogue_entry(*, project: Project, vendor: Vendor) -> CatalogueEntry:
    """The entry as ``project`` sees it, in one query (every assessment of the entry)."""
    assessments = list(VendorAssessment.objects.filter(vendor=vendor))
    own = next((a for a in assessments if a.project_id == project.pk), None)
    return CatalogueEntry(
        vendor=vendor, assessment=own, assessed_by=len(assessments),
        refusal=catalogue_edit_refusal(is_created_here=vendor.created_in_id == project.pk,
                                       other_projects=len(assessments) - (own is not None)),
    )
