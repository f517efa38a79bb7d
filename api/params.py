"""What the money endpoints write by hand (their long lists are built without DRF's per-field
serialising): amounts as decimal strings, percentages, references, and a 400 with a Dutch `detail`."""

from decimal import Decimal

from rest_framework.exceptions import ValidationError

CENT = Decimal("0.01")
TENTH = Decimal("0.1")


def bad_request(message: str, **extra) -> ValidationError:
    """A 400 whose body always has a Dutch `detail` (and what else helps: `errors`, `fields`)."""
    exc = ValidationError()
    exc.detail = {"detail": message, **extra}
    return exc


def money(value) -> str | None:
    """An amount as a decimal string with cents ("1234.50"); None stays None. Never a float."""
    if value is None:
        return None
    if not isinstance(value, Decimal):  # Money, int or text; a Decimal is quantized as it is
        value = Decimal(getattr(value, "amount", value))
    return str(value.quantize(CENT))


def percent(value) -> str | None:
    """A percentage with one decimal ("104.3"), as the site shows it; None without a budget."""
    if value is None:
        return None
    return str((value if isinstance(value, Decimal) else Decimal(value)).quantize(TENTH))


def ref(pk, name) -> dict:
    """Another record by id and name (api.fields.NamedRef)."""
    return {"id": pk, "name": name}
