"""Eliminatory criteria of step 11, as plain data: no ORM, no request.

An offer failing one eliminatory criterion is out, whatever its score. Each criterion is
checked from the offer's data where it exists (label, DMP, HDS, Indispensable needs
covered in standard or by paramétrage, total cost within the ceiling), by a recorded,
reasoned decision of the chef de projet otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from msp_si.common.formats import euros

from .scoring import CoverageResult


class Eliminatory(StrEnum):
    """Kinds of eliminatory criteria; all but CUSTOM can be checked from data."""

    ESSENTIAL_COVERAGE = "essential_coverage"
    LABEL = "label"
    DMP = "dmp"
    HDS = "hds"
    BUDGET = "budget"
    CUSTOM = "custom"


class Check(StrEnum):
    """Outcome of one eliminatory criterion for one offer."""

    PASSED = "passed"
    FAILED = "failed"
    PENDING = "pending"


@dataclass(frozen=True)
class OfferFacts:
    """What is known of an offer for the eliminatory checks (``None``: not known yet)."""

    has_label: bool | None
    is_dmp_compatible: bool | None
    is_hds_certified: bool | None
    coverage: CoverageResult | None
    total_cost: Decimal | None


@dataclass(frozen=True)
class Decision:
    """A recorded human decision on a criterion the data cannot settle."""

    is_met: bool
    reason: str


@dataclass(frozen=True)
class CheckResult:
    """One criterion's verdict for one offer, how it was reached and why."""

    kind: str
    label: str
    outcome: Check
    is_automatic: bool
    reason: str


def _automatic(kind: str, facts: OfferFacts,
               budget_ceiling: Decimal | None) -> tuple[bool, str] | None:
    """(met, reason) when the data settles the criterion, else ``None``."""
    if kind == Eliminatory.LABEL and facts.has_label is not None:
        return facts.has_label, (_("Produit labellisé e-santé.") if facts.has_label
                                 else _("Produit sans label e-santé."))
    if kind == Eliminatory.DMP and facts.is_dmp_compatible is not None:
        return facts.is_dmp_compatible, (_("Compatible DMP.") if facts.is_dmp_compatible
                                         else _("Non compatible DMP."))
    if kind == Eliminatory.HDS and facts.is_hds_certified is not None:
        return facts.is_hds_certified, (_("Hébergeur certifié HDS.") if facts.is_hds_certified
                                        else _("Hébergeur non certifié HDS."))
    if kind == Eliminatory.ESSENTIAL_COVERAGE and facts.coverage is not None:
        missing = facts.coverage.essential_not_covered
        if not missing:
            return True, _("Tous les besoins indispensables sont couverts en standard ou "
                           "par paramétrage.")
        return False, _("Besoins indispensables non couverts en standard ou par "
                        "paramétrage : %s.") % ", ".join(missing)
    if kind == Eliminatory.BUDGET and facts.total_cost is not None and budget_ceiling:
        amount = {"cost": euros(facts.total_cost), "ceiling": euros(budget_ceiling)}
        if facts.total_cost <= budget_ceiling:
            return True, _("Coût total de %(cost)s dans le plafond de %(ceiling)s.") % amount
        return False, _("Coût total de %(cost)s au-delà du plafond de %(ceiling)s.") % amount
    return None


def eliminatory_check(kind: str, label: str, facts: OfferFacts, *,
                      budget_ceiling: Decimal | None,
                      decision: Decision | None) -> CheckResult:
    """Checked from the data where it exists, by the recorded decision otherwise."""
    auto = None if kind == Eliminatory.CUSTOM else _automatic(kind, facts, budget_ceiling)
    if auto is not None:
        met, reason = auto
        return CheckResult(kind, label, Check.PASSED if met else Check.FAILED, True, reason)
    if decision is not None:
        return CheckResult(kind, label, Check.PASSED if decision.is_met else Check.FAILED,
                           False, decision.reason)
    return CheckResult(kind, label, Check.PENDING, False,
                       _("Donnée absente : décision à enregistrer par le chef de projet."))


def eliminatory_verdict(results: Sequence[CheckResult]) -> Check:
    """An offer failing one criterion is out; one still pending is not yet cleared."""
    if any(r.outcome == Check.FAILED for r in results):
        return Check.FAILED
    if any(r.outcome == Check.PENDING for r in results):
        return Check.PENDING
    return Check.PASSED
