"""Dutch presentation of numbers: `€ 1.234.567,89`, percentages with a comma."""

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django import template
from django.utils import timezone

register = template.Library()


def format_number(value, places: int = 2) -> str:
    """`1234567.891` -> `1.234.567,89` (Dutch separators, half-up rounding)."""
    amount = value
    if amount.__class__ is not Decimal:  # a Decimal, the usual case, needs none of these checks
        if value is None or value == "":
            return ""
        amount = getattr(value, "amount", value)
        if isinstance(amount, Fraction):
            amount = Decimal(amount.numerator) / Decimal(amount.denominator)
        elif not isinstance(amount, Decimal):
            amount = Decimal(amount)
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -places:  # more digits than shown: round half up
        amount = amount.quantize(
            _QUANTUM.get(places) or Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP
        )
    return format(amount, _SPEC.get(places) or f",.{places}f").translate(_DUTCH)


_DUTCH = str.maketrans(",.", ".,")
_QUANTUM = {p: Decimal(1).scaleb(-p) for p in range(5)}
_SPEC = {p: f",.{p}f" for p in range(5)}


def format_cents(cents: int) -> str:
    """Whole cents as `€ 1.234,56`: the same text as format_euro, for big tables (exact, no Decimal)."""
    sign, cents = ("-", -cents) if cents < 0 else ("", cents)
    return f"{sign}€ {cents // 100:,}".translate(_DUTCH) + f",{cents % 100:02d}"


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


def format_quantity(value) -> str:
    """A quantity (Q, units): `12.500` when whole, else to two decimals, `12.500,50`."""
    if value is None or value == "":
        return ""
    amount = Decimal(getattr(value, "amount", value))
    return format_number(amount, 0 if amount == amount.to_integral_value() else 2)


@register.filter
def aantal(value):
    return format_quantity(value)


@register.filter
def percent(value, places=1):
    """A fraction (0.6667 or Fraction(2, 3)) as `66,7%`."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return f"{format_number(Decimal(value) * 100, int(places))}%"


def format_date(value) -> str:
    """The one date format on screen: `1-7-2016` (day and month without a leading zero)."""
    if value is None or value == "":
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):  # a datetime: its day in Amsterdam
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{value.day}-{value.month}-{value.year}"


@register.filter
def datum(value):
    return format_date(value)


@register.simple_tag(takes_context=True)
def page_query(context, number) -> str:
    """The current query string with another page number: filters and the search stay as they are."""
    query = context["request"].GET.copy()
    query["pagina"] = number
    return "?" + query.urlencode()
