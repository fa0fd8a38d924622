"""Writes of the contract: opened with the choice, then edited by the chef de projet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from msp_si.common import clock
from msp_si.common.errors import DomainError
from msp_si.common.tokens import token_hash, token_new
from projects.pagecache.revision import revision_bump
from requirements.expected.selectors import service_expectations
from requirements.needs.selectors import active_requirements
from vendors.decision.selectors import chosen_offer

from .models import Contract, Obligation
from .rules import NeedLine, contract_ends_on, is_link_open, obligation_drafts

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
    revision_bump([project.pk])  # bulk creation sends no signal
    Obligation.objects.bulk_create(
        Obligation(project=project, contract=contract, requirement_id=d.requirement_id,
                   code=d.code, need_text=d.text, priority=d.priority, answer=d.answer,
                   promised_on=d.promised_on, promised_cost=d.promised_cost,
                   vendor_comment=d.vendor_comment, position=index)
        for index, d in enumerate(drafts))
    return contract


CONTRACT_FIELDS = (
    "signed_on", "duration_months", "warranty_months", "reactivity_months", "go_live_on",
    "blocking_response_hours", "major_response_hours", "minor_response_hours",
    "support_start_hour", "support_end_hour", "support_days", "availability_percent",
)
OBLIGATION_FIELDS = ("promised_on", "promised_cost", "note")


@transaction.atomic
def contract_update(*, contract: Contract, by: User, values: Mapping[str, Any]) -> Contract:
    """Change the contract's dates and service levels (values checked by the form).

    Anomalies already filed keep the due time computed when they were reported: the
    contract in force then is what the vendor was held to.
    """
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    for name in CONTRACT_FIELDS:
        if name in values:
            setattr(locked, name, values[name])
    if not 0 <= locked.support_start_hour < locked.support_end_hour <= 24:
        raise DomainError(_("Les heures du support sont incohérentes : l'ouverture doit "
                            "précéder la fermeture, entre 0 et 24 h."))
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save()
    return locked


@transaction.atomic
def obligation_update(*, obligation: Obligation, by: User,
                      values: Mapping[str, Any]) -> Obligation:
    """Record what the vendor promised for a need: date, cost, a note of the team."""
    locked = Obligation.objects.select_for_update().get(pk=obligation.pk)
    for name in OBLIGATION_FIELDS:
        if name in values:
            setattr(locked, name, values[name])
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save()
    return locked


@transaction.atomic
def contract_link_issue(*, contract: Contract, by: User) -> str:
    """A new secret link for the vendor to answer anomalies; the previous one stops working.

    Returns the token, to show once: only its hash is stored.
    """
    token = token_new()
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    locked.token_hash = token_hash(token)
    locked.token_created_at = clock.now()
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save(update_fields=["token_hash", "token_created_at", "updated_at"])
    return token


@transaction.atomic
def contract_link_revoke(*, contract: Contract, by: User) -> None:
    """Stop the vendor's link at once (a leaked link, a change of vendor contact)."""
    locked = Contract.objects.select_for_update().get(pk=contract.pk)
    if not locked.token_hash:
        raise DomainError(_("Il n'y a pas de lien actif à révoquer."))
    locked.token_hash = ""
    locked.token_created_at = None
    locked._history_user = by  # type: ignore[attr-defined]  # simple_history reads it
    locked.save(update_fields=["token_hash", "token_created_at", "updated_at"])


def contract_for_token(token: str) -> Contract | None:
    """The contract of a vendor link still valid, or None (wrong, revoked, contract over)."""
    if not token or len(token) > 100:
        return None
    contract = (Contract.objects.select_related("project")
                .filter(token_hash=token_hash(token)).first())
    if contract is None:
        return None
    ends_on = contract_ends_on(contract.signed_on, contract.duration_months)
    return contract if is_link_open(ends_on=ends_on, today=clock.today()) else None
