"""What the money endpoints write by hand (their long lists are built without DRF's per-field
serialising): amounts as decimal strings, percentages, references, and a 400 with a Dutch `detail`."""

from decimal import Decimal

from rest_framework.exceptions import ValidationError

CENT = Decimal("0.01")


def bad_request(message: str, **extra) -> ValidationError:
    """A 400 whose body always has a Dutch `detail` (and what else helps: `errors`, `fields`)."""
    exc = ValidationError()
    exc.detail = {"detail": message, **extra}
    return exc


def money(value) -> str | None:
    """An amount as a decimal string with cents ("1234.50"); None stays None. Never a float."""
    if value is None:
        return None
    amount = getattr(value, "amount", value)
    return str(Decimal(amount).quantize(CENT))


def percent(value) -> str | None:
    """A percentage with one decimal ("104.3"), as the site shows it; None without a budget."""
    return None if value is None else str(Decimal(value).quantize(Decimal("0.1")))


def ref(pk, name) -> dict:
    """Another record by id and name (api.fields.NamedRef)."""
    return {"id": pk, "name": name}
