"""Query-string filters of the list endpoints (?fund=, ?year=, ?status=, ?provider=): parsed
strictly, a wrong value is a 400 with a Dutch message, never a 500 or a silent full list."""

from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

MAX_ID = 2**31 - 1


def int_param(request, name: str, *, low: int = 1, high: int = MAX_ID) -> int | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError({name: [f"Geen geldige waarde voor {name}: '{raw[:40]}'."]})
    return int(raw)


def choice_param(request, name: str, choices) -> str | None:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    if raw not in choices:
        raise ValidationError(
            {name: [f"Onbekende waarde '{raw[:40]}'; kies uit: {', '.join(choices)}."]}
        )
    return raw


ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
FUND = OpenApiParameter("fund", ID_SCHEMA, description="Alleen van dit fonds (id).")
YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1900, "maximum": 2200},
    description="Alleen van dit jaar.",
)
PROVIDER = OpenApiParameter("provider", ID_SCHEMA, description="Alleen van deze aanbieder (id).")


def status_parameter(choices) -> OpenApiParameter:
    return OpenApiParameter(
        "status", str, enum=list(choices), description="Alleen met deze status."
    )


def year_param(request) -> int | None:
    return int_param(request, "year", low=1900, high=2200)
