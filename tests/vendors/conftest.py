"""Fixtures of the market study tests: catalogue entries and assessments via the services."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

import pytest

from vendors.choices import LabelLevel
from vendors.market import services
from vendors.models import Vendor, VendorAssessment

_counter = itertools.count(1)


def vendor_values(**overrides: Any) -> dict[str, Any]:
    """A complete, fictitious catalogue entry."""
    n = next(_counter)
    values: dict[str, Any] = {
        "name": f"Éditeur Fictif {n}", "product": f"Produit {n}", "version": "1.0",
        "label_level": LabelLevel.STANDARD, "is_dmp_compatible": True,
        "is_hds_certified": False, "contact_name": "Alix Contact",
        "contact_email": f"contact{n}@editeur.test", "contact_phone": "01 99 00 00 00",
        "website": f"www.editeur{n}.test",
    }
    values.update(overrides)
    return values


@pytest.fixture
def make_vendor(make_user: Callable[..., Any]) -> Callable[..., Vendor]:
    """Add a vendor to the catalogue through ``vendor_create``, from ``project`` if given
    (that project may then correct it) or else as an instance-wide entry."""

    def make(project: Any = None, **overrides: Any) -> Vendor:
        return services.vendor_create(by=make_user(), values=vendor_values(**overrides),
                                      project=project)

    return make


@pytest.fixture
def make_assessment(make_vendor: Callable[..., Vendor]) -> Callable[..., VendorAssessment]:
    """Put a vendor in a project's study, optionally with assessment values; a new vendor
    is created from that project, as the « ajouter un éditeur » page does."""

    def make(project: Any, vendor: Vendor | None = None, **values: Any) -> VendorAssessment:
        assessment = services.assessment_start(project=project,
                                               vendor=vendor or make_vendor(project))
        if values:
            assessment = services.assessment_update(assessment=assessment, values=values)
        return assessment

    return make


from .audition_fixtures import audition, make_consulted  # noqa: E402, F401
from .consultation_fixtures import consulted, grid, kept, media_root  # noqa: E402, F401


@pytest.fixture
def demo_msp(db: None) -> tuple[Any, dict[str, Any]]:
    """The demo MSP (phase 3 under way) and its accounts by key (« claire.fontanel »…)."""

    from projects.demo import seed as demo

    result = demo.demo_seed()
    return result.project, {person.key: user for person, user in result.accounts}
