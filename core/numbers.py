"""The one reader of numbers that people type or upload (issue 12, hole 6; issue 14).

Accepted: ASCII digits in the Dutch notation (`12.500,50`, `75.000`, `12500,50`) or the plain one
(`12500.50`, `12500`), optionally with a leading `€`. Refused, with a Dutch reason: the English
notation (`12,500.50`), stray separators (`1.2.3`, `1_000`), other digits than 0-9 (Arabic-Indic,
full-width), exponents, NaN/Infinity, text, and more digits than the field holds.

A dot followed by exactly three digits is a Dutch thousands separator (`75.000` is 75000): that is
how the users of this system write amounts. `1.5` and `12500.50` are plain decimals.
"""

import re
from decimal import Decimal, InvalidOperation

# ASCII only: `\d` would also match Arabic-Indic and other Unicode digits.
_DUTCH_GROUPED = re.compile(r"[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?")
_DUTCH_DECIMAL = re.compile(r"[0-9]+(?:,[0-9]+)?")
_PLAIN = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_ENGLISH = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
SHOWN = 40  # the longest input quoted back in a message


class NumberError(ValueError):
    """A number that is not one; `message` says why, in Dutch."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _quote(text: str) -> str:
    text = "".join(ch if ch.isprintable() else "?" for ch in text)
    return f"'{text[:SHOWN]}…'" if len(text) > SHOWN else f"'{text}'"


def _limit(
    value: Decimal,
    *,
    max_digits: int | None,
    decimal_places: int | None,
    allow_negative: bool,
    shown: str,
) -> Decimal:
    if value < 0 and not allow_negative:
        raise NumberError(f"{shown} is negatief; vul een getal van 0 of meer in.")
    sign, digits, exponent = value.as_tuple()
    if decimal_places is not None and exponent < -decimal_places:
        # 12,500 for a field of two places is 12,50: only trailing zeros may go
        rounded = (
            value.quantize(Decimal(1).scaleb(-decimal_places)) if decimal_places >= 0 else value
        )
        if rounded != value:
            raise NumberError(
                f"{shown} heeft te veel cijfers achter de komma; ten hoogste {decimal_places}."
            )
        value = rounded
        sign, digits, exponent = value.as_tuple()
    if max_digits is not None:
        whole = max(len(digits) + exponent, 0)
        allowed = max_digits - (decimal_places or 0)
        if whole > allowed:
            raise NumberError(f"{shown} is te groot; ten hoogste {allowed} cijfers voor de komma.")
    return value


def parse_number(
    raw,
    *,
    max_digits: int | None = None,
    decimal_places: int | None = None,
    allow_negative: bool = False,
) -> Decimal:
    """A Decimal from typed or uploaded text, or from a spreadsheet's own number (int, float,
    Decimal); raises NumberError with a Dutch message. `max_digits`/`decimal_places` as on a
    DecimalField: the field's digits, so a value never reaches the database bigger than its column."""
    if isinstance(raw, bool) or raw is None:
        raise NumberError("Vul een getal in.")
    if isinstance(raw, int | float | Decimal):
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
        if not value.is_finite():
            raise NumberError("Dit is geen getal.")
        return _limit(
            value,
            max_digits=max_digits,
            decimal_places=decimal_places,
            allow_negative=allow_negative,
            shown=_quote(str(raw)),
        )
    if not isinstance(raw, str):
        raise NumberError("Dit is geen getal.")
    shown = _quote(raw.strip())
    text = raw.strip()
    if text.startswith("€"):
        text = text[1:].lstrip(" ")
    negative = text.startswith("-")
    if negative:
        text = text[1:]
    if not text:
        raise NumberError("Vul een getal in." if not raw.strip() else f"{shown} is geen getal.")
    if any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text):
        raise NumberError(f"{shown}: gebruik alleen de cijfers 0 tot en met 9.")
    if _DUTCH_GROUPED.fullmatch(text) or _DUTCH_DECIMAL.fullmatch(text):
        number = text.replace(".", "").replace(",", ".")
    elif _PLAIN.fullmatch(text):
        number = text
    elif _ENGLISH.fullmatch(text):
        raise NumberError(
            f"{shown}: schrijf het getal op zijn Nederlands, met een komma voor de decimalen "
            "(bijvoorbeeld 12.500,50 of 12500,50)."
        )
    else:
        raise NumberError(f"{shown} is geen getal; schrijf bijvoorbeeld 12.500,50 of 12500,50.")
    try:
        value = Decimal(number)
    except InvalidOperation as exc:  # cannot happen after the patterns above; kept as a guard
        raise NumberError(f"{shown} is geen getal.") from exc
    if negative:
        value = -value
    return _limit(
        value,
        max_digits=max_digits,
        decimal_places=decimal_places,
        allow_negative=allow_negative,
        shown=shown,
    )
