"""Total cost of an offer over the horizon (step 11), as plain data: no ORM, no request.

Seed 001 step 11: rebuild the total cost over at least three years, hidden costs included
(required hardware, short warranty, services outside the flat price) and the complementary
services the MSP will order (a new professional, training, new paramétrages).

Inputs are the price sheet of the cadre de réponse, ``{key: (quantity, unit_price)}`` with
the keys of ``requirements.rfp.cadre.PRICE_LINES``, the users in scope and the project's
assumptions. Amounts are in euros excluding VAT; each line of each year is rounded to the
cent (half up) and totals add the rounded lines, so the table always adds up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from msp_si.common.typography import french_euros, french_number

from .scoring import q2

MIN_YEARS = 3
MONTHS = Decimal(12)
Prices = Mapping[str, tuple[Decimal | None, Decimal]]


class CostKind(StrEnum):
    """Where a cost line comes from, for the table's grouping."""

    ONE_OFF = "one_off"
    RECURRING = "recurring"
    HIDDEN = "hidden"
    COMPLEMENTARY = "complementary"


COST_KIND_LABELS: dict[str, str] = {
    CostKind.ONE_OFF: "Mise en œuvre (une fois)",
    CostKind.RECURRING: "Récurrent",
    CostKind.HIDDEN: "Coûts cachés",
    CostKind.COMPLEMENTARY: "Prestations complémentaires",
}

# Lines paid once, in year 1, at quantity × unit price (quantity 1 when left empty).
ONE_OFF_KEYS = ("licence", "installation", "configuration", "data_migration", "training_day",
                "start_up_support")


@dataclass(frozen=True)
class Users:
    """Users in scope: prescribers (médecins, sages-femmes, dentistes…) and the others."""

    prescribers: int
    others: int


# Professions that prescribe (projects.choices.Profession values): their software seat is
# the dearer one in the market's per-user pricing.
PRESCRIBERS = frozenset({"gp", "midwife", "dentist"})


def users_in_scope(professions: Iterable[tuple[str, int, bool]]) -> Users:
    """Count prescribers and other users among ``(profession, headcount, is_in_scope)``."""
    prescribers = others = 0
    for profession, headcount, is_in_scope in professions:
        if not is_in_scope:
            continue
        if profession in PRESCRIBERS:
            prescribers += headcount
        else:
            others += headcount
    return Users(prescribers=prescribers, others=others)


@dataclass(frozen=True)
class Assumptions:
    """The project's cost hypotheses, yearly counts of complementary services included."""

    years: int = MIN_YEARS
    new_professionals_per_year: int = 1
    extra_training_days_per_year: Decimal = Decimal(0)
    new_configuration_days_per_year: Decimal = Decimal(0)
    departures_per_year: int = 0
    include_full_reversibility: bool = True


@dataclass(frozen=True)
class CostLine:
    """One priced item: its amount per year (index 0 = year 1) and how it was computed."""

    key: str
    label: str
    kind: CostKind
    per_year: tuple[Decimal, ...]
    basis: str

    @property
    def total(self) -> Decimal:
        return sum(self.per_year, Decimal(0))


@dataclass(frozen=True)
class CostResult:
    """The offer's cost table over the horizon and what the price sheet left unpriced."""

    years: int
    lines: tuple[CostLine, ...]
    unpriced: tuple[str, ...] = field(default=())

    @property
    def per_year(self) -> tuple[Decimal, ...]:
        return tuple(sum((line.per_year[y] for line in self.lines), Decimal(0))
                     for y in range(self.years))

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal(0))


class _Builder:
    """Collects the lines of one offer; keeps ``cost_total`` short."""

    def __init__(self, prices: Prices, years: int) -> None:
        self.prices, self.years = prices, years
        self.lines: list[CostLine] = []
        self.unpriced: list[str] = []

    def unit(self, key: str) -> Decimal | None:
        entry = self.prices.get(key)
        return None if entry is None else entry[1]

    def quantity(self, key: str) -> Decimal:
        entry = self.prices.get(key)
        return Decimal(1) if entry is None or entry[0] is None else entry[0]

    def add(self, key: str, label: str, kind: CostKind, yearly: list[Decimal],
            basis: str) -> None:
        amounts = tuple(q2(a) for a in yearly)
        if any(amounts):
            self.lines.append(CostLine(key, label, kind, amounts, basis))

    def once(self, key: str, label: str, kind: CostKind, amount: Decimal, basis: str,
             year: int = 1) -> None:
        yearly = [Decimal(0)] * self.years
        yearly[year - 1] = amount
        self.add(key, label, kind, yearly, basis)


def cost_total(prices: Prices, users: Users, assumptions: Assumptions, *,
               warranty_months: int | None = None,
               specific_developments: Mapping[str, Decimal] | None = None,
               labels: Mapping[str, str] | None = None) -> CostResult:
    """Total cost over ``assumptions.years`` (≥ 3), year by year, line by line."""
    if assumptions.years < MIN_YEARS:
        raise ValueError("the horizon is at least three years")
    labels = labels or {}
    b = _Builder(prices, assumptions.years)
    n = assumptions.years

    for key in ONE_OFF_KEYS:
        unit = b.unit(key)
        if unit is not None:
            qty = b.quantity(key)
            b.once(key, labels.get(key, key), CostKind.ONE_OFF, qty * unit,
                   _("%(q)s × %(u)s") % {"q": french_number(qty), "u": french_euros(unit)})

    # Per-user subscriptions are priced on the users in scope, whatever quantity the vendor
    # wrote: the MSP, not the vendor, knows who will use the system.
    for key, count in (("subscription_prescriber", users.prescribers),
                       ("subscription_other", users.others)):
        unit = b.unit(key)
        if unit is not None and count:
            b.add(key, labels.get(key, key), CostKind.RECURRING,
                  [unit * count * MONTHS] * n,
                  ngettext("%(n)s utilisateur × %(u)s × 12 mois",
                           "%(n)s utilisateurs × %(u)s × 12 mois", count)
                  % {"n": french_number(count), "u": french_euros(unit)})

    unit = b.unit("hosting_year")
    if unit is not None:
        b.add("hosting_year", labels.get("hosting_year", "hosting_year"), CostKind.RECURRING,
              [unit * b.quantity("hosting_year")] * n, _("%s par an") % french_euros(unit))
    _maintenance(b, n, warranty_months, labels)
    _hidden(b, specific_developments or {}, labels)
    _complementary(b, assumptions, labels)
    return CostResult(years=n, lines=tuple(b.lines), unpriced=tuple(b.unpriced))


def _maintenance(b: _Builder, n: int, warranty_months: int | None,
                 labels: Mapping[str, str]) -> None:
    """Maintenance is free during the warranty's full years, paid after (hidden if short)."""
    unit = b.unit("maintenance_year")
    if unit is None:
        return
    yearly = unit * b.quantity("maintenance_year")
    free_years = min((warranty_months or 0) // 12, n)
    if free_years == 0:
        # A warranty shorter than a year: maintenance is paid from year 1 (hidden cost).
        b.add("maintenance_year", labels.get("maintenance_year", "maintenance_year"),
              CostKind.HIDDEN, [yearly] * n,
              _("Garantie inférieure à un an : %s par an dès la 1re année") % french_euros(unit))
        return
    b.add("maintenance_year", labels.get("maintenance_year", "maintenance_year"),
          CostKind.RECURRING, [Decimal(0)] * free_years + [yearly] * (n - free_years),
          ngettext("%(u)s par an après %(w)d an de garantie",
                   "%(u)s par an après %(w)d ans de garantie", free_years)
          % {"u": french_euros(unit), "w": free_years})


def _hidden(b: _Builder, specific: Mapping[str, Decimal], labels: Mapping[str, str]) -> None:
    """Required hardware and specific developments priced outside the flat price."""
    unit = b.unit("hardware")
    if unit is not None:
        qty = b.quantity("hardware")
        b.once("hardware", labels.get("hardware", "hardware"), CostKind.HIDDEN, qty * unit,
               _("%(q)s × %(u)s") % {"q": french_number(qty), "u": french_euros(unit)})
    if specific:
        amount = sum(specific.values(), Decimal(0))
        b.once("specific_developments", _("Développements spécifiques hors forfait"),
               CostKind.HIDDEN, amount,
               _("Exigences %s") % ", ".join(sorted(specific)))


def _complementary(b: _Builder, a: Assumptions, labels: Mapping[str, str]) -> None:
    """Services the MSP expects to order each year, at the vendor's unit prices."""
    yearly_counts = (("new_professional", Decimal(a.new_professionals_per_year)),
                     ("extra_training_day", a.extra_training_days_per_year),
                     ("new_configuration_day", a.new_configuration_days_per_year),
                     ("partial_reversibility", Decimal(a.departures_per_year)))
    for key, count in yearly_counts:
        if not count:
            continue
        unit = b.unit(key)
        if unit is None:
            b.unpriced.append(labels.get(key, key))
            continue
        b.add(key, labels.get(key, key), CostKind.COMPLEMENTARY, [unit * count] * a.years,
              _("%(c)s par an × %(u)s") % {"c": french_number(count), "u": french_euros(unit)})
    if a.include_full_reversibility:
        unit = b.unit("full_reversibility")
        if unit is None:
            b.unpriced.append(labels.get("full_reversibility", "full_reversibility"))
        else:
            b.once("full_reversibility", labels.get("full_reversibility",
                                                    "full_reversibility"),
                   CostKind.COMPLEMENTARY, unit, _("En fin de contrat (année %d)") % a.years,
                   year=a.years)
