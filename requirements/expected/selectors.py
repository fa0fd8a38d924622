"""Reads of step 7 « prestations attendues », scoped by project."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import cast

from django.db.models import Field
from django.utils.text import capfirst

from projects.models import Project

from .models import MigrationItem, ServiceExpectations
from .rules import DEFAULT_TEXTS
from .services import expectations_with_defaults


def service_expectations(*, project: Project) -> ServiceExpectations:
    """The project's saved expectations, or an unsaved row holding the defaults."""
    return (ServiceExpectations.objects.filter(project=project).first()
            or expectations_with_defaults(project))


@dataclass(frozen=True)
class ServicesSummary:
    """Step 7 as plain data for the cahier des charges."""

    is_default: bool  # nothing saved yet: the method's defaults are shown
    texts: dict[str, str]  # family field → expectation text
    families: list[tuple[str, str]]  # (title, text) in the order of the cahier des charges
    availability_percent: Decimal
    blocking_response_hours: int
    minor_response_hours: int
    warranty_months: int
    support_start_hour: int
    support_end_hour: int
    support_days: str
    commitment_years: int
    complementary_pricing: str
    migration_items: list[dict[str, str]]


def services_summary(*, project: Project) -> ServicesSummary:
    """Plain data of step 7, labels translated, for the document builders."""
    row = service_expectations(project=project)
    return ServicesSummary(
        is_default=row.pk is None,
        texts={name: getattr(row, name) for name in DEFAULT_TEXTS},
        families=[(capfirst(str(cast(Field, ServiceExpectations._meta.get_field(name))
                                 .verbose_name)),
                   getattr(row, name)) for name in DEFAULT_TEXTS],
        availability_percent=row.availability_percent,
        blocking_response_hours=row.blocking_response_hours,
        minor_response_hours=row.minor_response_hours, warranty_months=row.warranty_months,
        support_start_hour=row.support_start_hour, support_end_hour=row.support_end_hour,
        support_days=str(row.get_support_days_display()),
        commitment_years=row.commitment_years,
        complementary_pricing=str(row.get_complementary_pricing_display()),
        migration_items=[{"data": i.data, "source_software": i.source_software,
                          "format": i.data_format}
                         for i in MigrationItem.objects.filter(project=project)],
    )
