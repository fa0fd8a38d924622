"""Amounts as French readers write them, through Django's localisation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format

NBSP = "\u00a0"  # between an amount and its unit: « 9 800,00 € »


def euros(value: Decimal) -> str:
    """« 32 180,00 € »: rounded half up to the cent, thousands grouped (msp_si.formats)."""
    cents = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return f"{number_format(cents, decimal_pos=2, use_l10n=True, force_grouping=True)}{NBSP}€"
