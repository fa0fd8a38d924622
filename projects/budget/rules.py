"""Budget arithmetic: TTC from HT, variances, overruns, totals by group. Pure: no ORM.

Seed 003 (MESIS kit): the budget is followed by nature, investment then operation, with
what was estimated, committed (orders signed) and paid; seed 004: costs on the dashboard.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from ..choices import BudgetNature

CENT = Decimal("0.01")
ZERO = Decimal(0)
INVESTMENT, OPERATION = "investment", "operation"
GROUP_LABELS: dict[str, StrOrPromise] = {INVESTMENT: _("Investissement"),
                                         OPERATION: _("Fonctionnement")}
N = BudgetNature
GROUP_OF: dict[str, str] = {
    N.LICENCES: INVESTMENT, N.HARDWARE: INVESTMENT, N.AMOA: INVESTMENT, N.SETUP: INVESTMENT,
    N.MIGRATION: INVESTMENT, N.TRAINING: INVESTMENT,
    N.SUBSCRIPTION: OPERATION, N.HOSTING: OPERATION, N.MAINTENANCE: OPERATION,
    N.INTERNAL_TIME: OPERATION,
}


def cents(value: Decimal) -> Decimal:
    """Rounded half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def with_vat(amount: Decimal, rate: Decimal) -> Decimal:
    """The amount TTC from HT at ``rate`` per cent, to the cent."""
    return cents(amount * (1 + rate / 100))


@dataclass(frozen=True)
class Amounts:
    """Estimated, committed and paid amounts (€ HT) of a line or a total."""

    estimated: Decimal = ZERO
    committed: Decimal = ZERO
    paid: Decimal = ZERO

    @property
    def variance(self) -> Decimal:
        """Estimated minus committed: negative when the commitments exceed the estimate."""
        return self.estimated - self.committed

    @property
    def is_overrun(self) -> bool:
        """Commitments above the estimate, or payments above what was committed."""
        return self.committed > self.estimated or self.paid > self.committed

    def __add__(self, other: Amounts) -> Amounts:
        return Amounts(self.estimated + other.estimated, self.committed + other.committed,
                       self.paid + other.paid)


def line_is_overrun(amounts: Amounts, *, is_fed: bool) -> bool:
    """Whether a line is flagged « dépassement ». A fed line with no estimate of its own
    (the real costs of the one-year bilan) is spending set against the estimates of its
    nature: it shows in the totals' variance, not as an overrun of its own."""
    if is_fed and amounts.estimated == 0:
        return False
    return amounts.is_overrun


def total(amounts: Iterable[Amounts]) -> Amounts:
    """The sum of several lines."""
    result = Amounts()
    for item in amounts:
        result = result + item
    return result


def amount_problems(*, estimated: Decimal, committed: Decimal, paid: Decimal,
                    vat_rate: Decimal) -> list[str]:
    """Why a line's amounts cannot be recorded, in French; empty when they can."""
    problems = []
    if min(estimated, committed, paid) < 0:
        problems.append(str(_("Un montant ne peut pas être négatif.")))
    if not ZERO <= vat_rate <= 100:
        problems.append(str(_("Le taux de TVA est compris entre 0 et 100 %.")))
    return problems
