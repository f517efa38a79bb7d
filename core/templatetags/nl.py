"""Dutch presentation of numbers: `€ 1.234.567,89`, percentages with a comma."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template

register = template.Library()


def _group(digits: str) -> str:
    parts = []
    while len(digits) > 3:
        parts.insert(0, digits[-3:])
        digits = digits[:-3]
    parts.insert(0, digits)
    return ".".join(parts)


def format_number(value, places: int = 2) -> str:
    if value is None or value == "":
        return ""
    amount = getattr(value, "amount", value)
    if isinstance(amount, Fraction):
        amount = Decimal(amount.numerator) / Decimal(amount.denominator)
    amount = Decimal(amount).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, fraction = f"{abs(amount):.{places}f}".partition(".")
    text = _group(whole)
    return f"{sign}{text},{fraction}" if places else f"{sign}{text}"


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
