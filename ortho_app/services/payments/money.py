"""Money as Decimal euros at the edges, integer cents in the tables."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
NARROW_SPACE = "\u202f"  # French thousands separator
MAX_AMOUNT = Decimal("100000.00")  # one online payment, in euros
# What a person types: digits, optionally a comma or point and one or two decimals.
# No exponent ("1e9"), sign, NaN, Infinity or thousands separators.
TYPED_AMOUNT = re.compile(r"^\s*(\d{1,6})(?:[.,](\d{1,2}))?\s*(?:€|EUR)?\s*$", re.IGNORECASE)


class InvalidAmount(ValueError):
    """The amount is not a positive euro amount with at most two decimals."""


def parse_amount(text: object) -> Decimal:
    """A typed amount ("120", "120,50", "120.5 €") → Decimal; anything else is refused."""
    if not isinstance(text, str):
        raise InvalidAmount("amount must be typed as text")
    match = TYPED_AMOUNT.match(text)
    if not match:
        raise InvalidAmount("amount must look like 120 or 120,50")
    amount = Decimal(f"{match.group(1)}.{match.group(2) or '0'}").quantize(CENT)
    if amount <= 0 or amount > MAX_AMOUNT:
        raise InvalidAmount("amount out of range")
    return amount


def to_cents(amount: Decimal) -> int:
    try:
        if not amount.is_finite():
            raise InvalidAmount("amount must be finite")
        return int((amount.quantize(CENT, rounding=ROUND_HALF_UP) * 100).to_integral_value())
    except InvalidOperation as exc:  # pragma: no cover - defensive
        raise InvalidAmount("amount out of range") from exc


def from_cents(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def format_eur(amount: Decimal | int) -> str:
    """French display: 1 234,50 € (cents given as int)."""
    value = from_cents(amount) if isinstance(amount, int) else amount.quantize(CENT)
    whole, _, decimals = f"{value:,.2f}".partition(".")
    return whole.replace(",", NARROW_SPACE) + f",{decimals} €"
