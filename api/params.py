"""Reading the filters of a list (`?fonds=...&jaar=...`) and writing money, for the money endpoints.

A filter that is not what it should be is a 400 with a Dutch `detail`, never a 500; a filter that
names a record the user cannot see simply finds nothing (the list is filtered by the same rule as
the site first).
"""

import re
from decimal import Decimal

from rest_framework.exceptions import ValidationError

CENT = Decimal("0.01")
_YEAR = re.compile(r"[0-9]{4}")
MAX_ID = 2**31 - 1


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


def year_param(request, name: str = "year") -> int | None:
    text = request.query_params.get(name, "")
    if not text:
        return None
    if not _YEAR.fullmatch(text):
        raise bad_request(f"{name}: " + "Vul een jaartal in van vier cijfers, bijvoorbeeld 2016.")
    return int(text)


def month_param(request, name: str = "month") -> int | None:
    text = request.query_params.get(name, "")
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,2}", text) or not 1 <= int(text) <= 12:
        raise bad_request(f"{name}: " + "Vul een maand in van 1 tot en met 12.")
    return int(text)


def id_param(request, name: str) -> int | None:
    text = request.query_params.get(name, "")
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{1,10}", text) or not 1 <= int(text) <= MAX_ID:
        raise bad_request(f"{name}: vul een id in (een geheel getal vanaf 1).")
    return int(text)


def ref(pk, name) -> dict:
    """Another record by id and name (api16a's NamedRef)."""
    return {"id": pk, "name": name}


def choice_param(request, name: str, choices) -> str | None:
    text = request.query_params.get(name, "")
    if not text:
        return None
    if text not in choices:
        raise bad_request(f"{name}: " + f"Kies een van: {', '.join(choices)}.")
    return text
