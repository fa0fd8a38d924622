"""Reads of the contract: its page, the warranty start and the vendor's link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from projects.choices import ValidationDecision
from projects.models import StepValidation

from ..choices import AcceptanceDocument
from . import rules
from .models import Contract

if TYPE_CHECKING:
    from projects.models import Project

RECETTE_STEP = 14


def warranty_start(*, project: Project) -> date | None:
    """The day the warranty starts: the meeting that approved the PV de recette (step 14).

    Cahier des charges: the warranty runs « 12 mois à compter de la recette »; the PV is the
    dated act of the recette, so its collegial validation starts the warranty and the
    post-recette period of heightened responsiveness.
    """
    validation = (StepValidation.objects
                  .filter(step__project=project, step__number=RECETTE_STEP,
                          decision=ValidationDecision.APPROVED,
                          document__kind=AcceptanceDocument.RECETTE_PV)
                  .order_by("held_on", "id").first())
    return validation.held_on if validation else None


@dataclass(frozen=True)
class ContractDates:
    """The contract's derived dates."""

    ends_on: date | None
    warranty_starts_on: date | None
    warranty_ends_on: date | None
    reactivity_ends_on: date | None


def contract_dates(*, contract: Contract, started_on: date | None) -> ContractDates:
    """End of the contract, of the warranty and of the two-month reactivity period."""
    return ContractDates(
        ends_on=rules.contract_ends_on(contract.signed_on, contract.duration_months),
        warranty_starts_on=started_on,
        warranty_ends_on=rules.add_months(started_on, contract.warranty_months)
        if started_on else None,
        reactivity_ends_on=rules.add_months(started_on, contract.reactivity_months)
        if started_on else None,
    )


def contract_of(*, project: Project) -> Contract | None:
    """The project's contract, once the choice is recorded."""
    return Contract.objects.filter(project=project).first()


def link_is_active(contract: Contract) -> bool:
    """Whether a vendor link has been issued and not revoked."""
    return bool(contract.token_hash)


def link_issued_at(contract: Contract) -> datetime | None:
    """When the current link was issued (None when there is none)."""
    return contract.token_created_at if contract.token_hash else None
