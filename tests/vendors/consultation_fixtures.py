"""Fixtures of the consultation tests: a grid, kept vendors, a consulted one, its cadre."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from projects.models import Project
from requirements.models import NeedsGrid
from requirements.needs.services import grid_initialise
from requirements.rfp.cadre import cadre_de_reponse_xlsx
from vendors.choices import AssessmentDecision
from vendors.consultation import services
from vendors.consultation.models import ConsultedVendor
from vendors.consultation.selectors import vendor_cadre_data
from vendors.models import VendorAssessment

from .cadre_files import GENERATED_AT, fill


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


@pytest.fixture
def grid(project: Project) -> NeedsGrid:
    return grid_initialise(project=project)


@pytest.fixture
def kept(make_assessment: Callable[..., VendorAssessment]) -> Callable[..., VendorAssessment]:
    def make(project: Project) -> VendorAssessment:
        return make_assessment(project, decision=AssessmentDecision.KEPT)

    return make


@pytest.fixture
def consulted(project: Project, grid: NeedsGrid,
              kept: Callable[..., VendorAssessment]) -> ConsultedVendor:
    services.consultation_settle(project=project,
                                 response_deadline=timezone.localdate() + timedelta(days=20))
    return services.consulted_add(project=project, assessment=kept(project))


def cadre_for(consulted: ConsultedVendor) -> bytes:
    """The blank cadre de réponse this consulted vendor receives."""
    return cadre_de_reponse_xlsx(vendor_cadre_data(consulted.project, str(consulted.pk)),
                                 generated_at=GENERATED_AT)


def filled_for(consulted: ConsultedVendor, answer: str = "Standard",
               prices: dict[str, tuple[Any, Any, Any]] | None = None) -> bytes:
    """Its cadre with every requirement answered ``answer`` and a few prices."""
    from requirements.models import Requirement

    codes = Requirement.objects.filter(project=consulted.project).values_list("code",
                                                                               flat=True)
    return fill(cadre_for(consulted), answers=dict.fromkeys(codes, (answer,)),
                prices=prices if prices is not None else {"licence": (1, 5000, ""),
                                                          "maintenance_year": (1, 900, "")})
