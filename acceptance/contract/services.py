"""Writes of the contract: opened with the choice, then edited by the chef de projet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from requirements.expected.selectors import service_expectations
from requirements.needs.selectors import active_requirements
from vendors.decision.selectors import chosen_offer

from .models import Contract, Obligation
from .rules import NeedLine, obligation_drafts

if TYPE_CHECKING:
    from msp_si.accounts.models import User
    from projects.models import Project


@transaction.atomic
def contract_open(*, project: Project, by: User) -> Contract | None:
    """Record the contract when the choice is recorded (plug-in hook of phase 4).

    Service levels come from step 7; obligations are the binding needs the chosen offer
    does not cover in standard. A second call returns the existing contract unchanged.
    """
    existing = Contract.objects.filter(project=project).first()
    if existing is not None:
        return existing
    offer = chosen_offer(project=project)
    if offer is None:
        return None
    services = service_expectations(project=project)
    contract = Contract.objects.create(
        project=project, vendor_name=offer.vendor_name, created_by=by,
        warranty_months=services.warranty_months or 12,
        blocking_response_hours=services.blocking_response_hours,
        major_response_hours=services.minor_response_hours,
        minor_response_hours=services.minor_response_hours,
        support_start_hour=services.support_start_hour,
        support_end_hour=services.support_end_hour,
        support_days=services.support_days,
        availability_percent=services.availability_percent,
    )
    needs = [NeedLine(r.pk, r.code, r.text, r.priority)
             for r in active_requirements(project=project)]
    drafts = obligation_drafts(needs, offer.answers,
                               chosen_on=timezone.localdate(offer.chosen_at))
    Obligation.objects.bulk_create(
        Obligation(project=project, contract=contract, requirement_id=d.requirement_id,
                   code=d.code, need_text=d.text, priority=d.priority, answer=d.answer,
                   promised_on=d.promised_on, promised_cost=d.promised_cost,
                   vendor_comment=d.vendor_comment, position=index)
        for index, d in enumerate(drafts))
    return contract
