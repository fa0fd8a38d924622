"""Writes of step 7 « prestations attendues »: expectations per family, data to migrate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError
from projects.models import Project

from .models import ComplementaryPricing, MigrationItem, ServiceExpectations, SupportDays
from .rules import DEFAULT_TEXTS, SLA_RANGES, sla_problems

EDITABLE_FIELDS = frozenset(DEFAULT_TEXTS) | frozenset(SLA_RANGES) | {
    "support_days", "complementary_pricing"}


def expectations_with_defaults(project: Project) -> ServiceExpectations:
    """An unsaved row carrying the method's default expectations (our wording)."""
    return ServiceExpectations(project=project,
                               **{k: str(v) for k, v in DEFAULT_TEXTS.items()})


@transaction.atomic
def service_expectations_save(*, project: Project,
                              values: Mapping[str, Any]) -> ServiceExpectations:
    """Save one section of the expected services; the first save starts from the defaults."""
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise DomainError(_("Champ inconnu : %s.") % ", ".join(sorted(unknown)))
    if "support_days" in values and values["support_days"] not in SupportDays.values:
        raise DomainError(_("Jours d'ouverture inconnus."))
    if ("complementary_pricing" in values
            and values["complementary_pricing"] not in ComplementaryPricing.values):
        raise DomainError(_("Mode de tarification inconnu."))
    row = ServiceExpectations.objects.select_for_update().filter(project=project).first()
    if row is None:
        row = expectations_with_defaults(project)
    # The SLA pairs are checked against the stored half when only one half is posted.
    merged = {k: values.get(k, getattr(row, k)) for k in SLA_RANGES}
    problems = sla_problems(merged)
    if problems:
        raise DomainError(next(iter(problems.values())))
    for name, value in values.items():
        setattr(row, name, value.strip() if isinstance(value, str) else value)
    row.save()
    return row


@transaction.atomic
def migration_item_add(*, project: Project, data: str, source_software: str,
                       data_format: str) -> MigrationItem:
    """Add a set of data to migrate, with its source and exchange format."""
    if not (data.strip() and source_software.strip() and data_format.strip()):
        raise DomainError(_("Indiquez les données, le logiciel source et le format."))
    return MigrationItem.objects.create(project=project, data=data.strip(),
                                        source_software=source_software.strip(),
                                        data_format=data_format.strip())


@transaction.atomic
def migration_item_delete(*, item: MigrationItem) -> None:
    """Remove a set of data from the migration scope."""
    item.delete()
