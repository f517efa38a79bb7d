"""Dutch presentation of numbers: `€ 1.234.567,89`, percentages with a comma."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template

register = template.Library()


def format_number(value, places: int = 2) -> str:
    """`1234567.891` -> `1.234.567,89` (Dutch separators, half-up rounding)."""
    if value is None or value == "":
        return ""
    amount = getattr(value, "amount", value)
    if isinstance(amount, Fraction):
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
    elif not isinstance(amount, Decimal):
        amount = Decimal(amount)
    exponent = amount.as_tuple().exponent if places != 2 or amount != amount.quantize(_CENT) else 0
    if isinstance(exponent, int) and exponent < -places:
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(amount, f",.{places}f").translate(_DUTCH)


_DUTCH = str.maketrans(",.", ".,")
_CENT = Decimal("0.01")


def format_euro(value, places: int = 2) -> str:
    text = format_number(value, places)
    if not text:
        return ""
    if text.startswith("-"):
        return f"-€ {text[1:]}"
    return f"€ {text}"


@register.filter
def euro(value, places=2):
    return format_euro(value, int(places))


@register.filter
def euro0(value):
    return format_euro(value, 0)


@register.filter
def number(value, places=0):
    return format_number(value, int(places))


@register.filter
def percent(value, places=1):
    """A fraction (0.6667 or Fraction(2, 3)) as `66,7%`."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{format_number(Decimal(value) * 100, int(places))}%"
