"""Writes of the budget: lines entered by hand and funding sources."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from msp_si.common.errors import DomainError

from ..choices import BudgetNature, FundingKind
from ..models import BudgetLine, FundingSource, Project
from . import rules

if TYPE_CHECKING:
    from msp_si.accounts.models import User


def _check_line(*, nature: str, label: str, estimated: Decimal, committed: Decimal,
                paid: Decimal, vat_rate: Decimal) -> None:
    if nature not in BudgetNature.values:
        raise DomainError(_("Nature de dépense inconnue."))
    if not label.strip():
        raise DomainError(_("Donnez un libellé à la ligne de budget."))
    problems = rules.amount_problems(estimated=estimated, committed=committed, paid=paid,
                                     vat_rate=vat_rate)
    if problems:
        raise DomainError(" ".join(problems))


@transaction.atomic
def budget_line_create(*, project: Project, by: User, nature: str, label: str,
                       estimated: Decimal, committed: Decimal = Decimal(0),
                       paid: Decimal = Decimal(0),
                       vat_rate: Decimal = Decimal("20.00")) -> BudgetLine:
    """Add a budget line; the same label twice for the same nature is refused (it is also
    what a double submission meets)."""
    _check_line(nature=nature, label=label, estimated=estimated, committed=committed,
                paid=paid, vat_rate=vat_rate)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if BudgetLine.objects.filter(project=locked, nature=nature,
                                 label__iexact=label.strip()).exists():
        raise DomainError(_("Cette ligne de budget existe déjà : « %s ».") % label.strip())
    return BudgetLine.objects.create(project=locked, nature=nature, label=label.strip(),
                                     estimated=estimated, committed=committed, paid=paid,
                                     vat_rate=vat_rate, created_by=by)


@transaction.atomic
def budget_line_update(*, line: BudgetLine, nature: str, label: str, estimated: Decimal,
                       committed: Decimal, paid: Decimal, vat_rate: Decimal) -> BudgetLine:
    """Change a budget line's amounts (each change is in the project's history)."""
    _check_line(nature=nature, label=label, estimated=estimated, committed=committed,
                paid=paid, vat_rate=vat_rate)
    line.nature, line.label = nature, label.strip()
    line.estimated, line.committed, line.paid, line.vat_rate = (estimated, committed, paid,
                                                                vat_rate)
    line.save()
    return line


def _check_funding(*, kind: str, label: str, requested: Decimal, granted: Decimal) -> None:
    if kind not in FundingKind.values:
        raise DomainError(_("Origine de financement inconnue."))
    if not label.strip():
        raise DomainError(_("Donnez un libellé au financement."))
    if min(requested, granted) < 0:
        raise DomainError(_("Un montant ne peut pas être négatif."))


@transaction.atomic
def funding_create(*, project: Project, by: User, kind: str, label: str,
                   requested: Decimal, granted: Decimal = Decimal(0)) -> FundingSource:
    """Add a funding source; the same label twice is refused."""
    _check_funding(kind=kind, label=label, requested=requested, granted=granted)
    locked = Project.objects.select_for_update().get(pk=project.pk)
    if FundingSource.objects.filter(project=locked, label__iexact=label.strip()).exists():
        raise DomainError(_("Ce financement existe déjà : « %s ».") % label.strip())
    return FundingSource.objects.create(project=locked, kind=kind, label=label.strip(),
                                        requested=requested, granted=granted, created_by=by)


@transaction.atomic
def funding_update(*, funding: FundingSource, kind: str, label: str, requested: Decimal,
                   granted: Decimal) -> FundingSource:
    """Change a funding source (e.g. the amount granted once known)."""
    _check_funding(kind=kind, label=label, requested=requested, granted=granted)
    funding.kind, funding.label = kind, label.strip()
    funding.requested, funding.granted = requested, granted
    funding.save()
    return funding
