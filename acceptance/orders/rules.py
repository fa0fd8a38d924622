"""Complementary orders (step 18): pure rules, no ORM.

Seed 001, step 18 « Recommandations » and step 7: a complementary service may be ordered only
if the cahier des charges foresaw it when the contract was signed, within the years the
vendor committed to accept such orders. It is priced from the chosen vendor's price sheet
(unit price × quantity); amounts are Decimal, rounded half up to the cent.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.translation import gettext as _

from msp_si.common.typography import french_date

CENT = Decimal("0.01")
DEFAULT_VAT_PERCENT = Decimal("20.00")

# A bon de commande's life (OrderStatus values): an explicit table of allowed moves.
ORDER_MOVES: Mapping[str, tuple[str, ...]] = {
    "draft": ("approved", "cancelled"),
    "approved": ("sent", "cancelled"),
    "sent": ("delivered",),
    "delivered": ("checked",),
    "checked": ("invoiced",),
    "invoiced": (),
    "cancelled": (),
}
# Moves that commit the MSP (approve, send, accept the delivery, cancel): the chef de
# projet signs (step 18, « le chef de projet signe »); the others record facts.
SIGNING_MOVES = frozenset({"approved", "sent", "checked", "cancelled"})


@dataclass(frozen=True)
class KindSpec:
    """An order kind: its price-sheet lines and the words step 7 uses for it."""

    price_keys: tuple[str, ...]
    keywords: tuple[str, ...]


# Order kind (OrderKind values) → price-sheet keys (requirements.rfp.cadre.PRICE_LINES) and
# keywords looked for, accents and case ignored, in step 7's « prestations complémentaires ».
KIND_SPECS: Mapping[str, KindSpec] = {
    "newcomer": KindSpec(("new_professional",),
                         ("nouveau professionnel", "nouveaux professionnels", "nouvel arrivant",
                          "nouveaux arrivants", "arrivee")),
    "training": KindSpec(("extra_training_day",), ("formation",)),
    "settings": KindSpec(("new_configuration_day",), ("parametrage",)),
    "module": KindSpec((), ("module", "interface")),
    "partial_reversibility": KindSpec(("partial_reversibility",),
                                      ("reversibilite partielle",)),
}

FORESEEN = "foreseen"
NOT_FORESEEN = "not_foreseen"
COMMITMENT_OVER = "commitment_over"


@dataclass(frozen=True)
class Foreseen:
    """Whether the cahier des charges allows the order: ``status`` and why."""

    status: str
    message: str

    @property
    def is_refused(self) -> bool:
        return self.status == COMMITMENT_OVER


def _plain(text: str) -> str:
    """Lower case without accents, so « Paramétrage » matches « parametrage »."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def add_years(day: date, years: int) -> date:
    """The same day ``years`` later; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def foreseen_check(*, kind: str, complementary_text: str, partial_reversibility_text: str,
                   commitment_ends_on: date | None, today: date) -> Foreseen:
    """Step 18: refuse past the vendor's commitment, warn when step 7 did not foresee it."""
    if commitment_ends_on is not None and today > commitment_ends_on:
        return Foreseen(COMMITMENT_OVER, _(
            "La période pendant laquelle le prestataire s'est engagé à accepter des "
            "commandes complémentaires est terminée depuis le %s : la commande est "
            "refusée.") % french_date(commitment_ends_on))
    text = _plain(complementary_text)
    spec = KIND_SPECS[kind]
    found = any(word in text for word in spec.keywords)
    if kind == "partial_reversibility" and partial_reversibility_text.strip():
        found = True
    if found:
        return Foreseen(FORESEEN, _("Prestation prévue au cahier des charges (étape 7)."))
    return Foreseen(NOT_FORESEEN, _(
        "Cette prestation n'apparaît pas dans les prestations complémentaires du cahier des "
        "charges (étape 7) : le prestataire peut refuser de l'exécuter au prix du contrat. "
        "Justifiez la commande avant de l'approuver."))


def move_error(*, current: str, target: str) -> str | None:
    """Why a bon de commande cannot go from ``current`` to ``target``, or None."""
    if target not in ORDER_MOVES.get(current, ()):
        return _("Ce changement de statut n'est pas possible pour un bon de commande dans "
                 "cet état.")
    return None


def parse_amount(value: object) -> Decimal | None:
    """A price as the vendor's sheet stores it (string or number), or None if blank."""
    if value is None or str(value).strip() == "":
        return None
    try:
        amount = Decimal(str(value).replace(",", ".").replace("\u202f", "").replace(" ", ""))
    except InvalidOperation:
        return None
    return amount if amount.is_finite() and amount >= 0 else None


def sheet_prices(prices: Iterable[Mapping[str, object]]) -> dict[str, Decimal]:
    """Unit prices HT of the chosen vendor's price sheet by key, blanks left out."""
    found = {}
    for line in prices:
        amount = parse_amount(line.get("unit_price"))
        if amount is not None and line.get("key"):
            found[str(line["key"])] = amount
    return found


def line_price(*, sheet_price: Decimal | None,
               entered_price: Decimal | None) -> tuple[Decimal, bool] | str:
    """The unit price of a line and whether it comes from a quote, or why it is refused.

    The sheet's price binds (step 11: the confirmed answer); a price is typed in only for a
    line the sheet does not price, from the vendor's quote.
    """
    if sheet_price is not None:
        if entered_price is not None and entered_price != sheet_price:
            return _("Le prix unitaire de ce poste est fixé par la grille de prix du "
                     "prestataire : laissez le champ vide.")
        return sheet_price, False
    if entered_price is None:
        return _("La grille de prix du prestataire ne chiffre pas ce poste : saisissez le "
                 "prix unitaire HT de son devis.")
    return entered_price, True


def line_total(*, quantity: Decimal, unit_price: Decimal) -> Decimal:
    """Total HT of a line, rounded half up to the cent."""
    return (quantity * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Amounts:
    """Totals of a bon de commande: HT, VAT, TTC."""

    excluding_vat: Decimal
    vat: Decimal
    including_vat: Decimal


def order_amounts(*, line_totals: Iterable[Decimal], vat_percent: Decimal) -> Amounts:
    """HT sums the rounded lines; the VAT is computed once on that sum."""
    excluding = sum(line_totals, Decimal("0.00")).quantize(CENT)
    vat = (excluding * vat_percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return Amounts(excluding, vat, excluding + vat)


def order_reference(number: int) -> str:
    """« BC-007 »: the project's order number, never reused."""
    return f"BC-{number:03d}"
