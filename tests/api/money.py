"""Helpers of the money endpoints' tests: a client with a user's token, and a provider's forecast as
the JSON a provider's ERP sends."""

from rest_framework.test import APIClient

from api.services import issue_token


def api(user):
    """A client that sends a new token of `user` (Authorization: Token <key>), as a client system does."""
    _, key = issue_token(user, "test")
    return APIClient(HTTP_AUTHORIZATION=f"Token {key}")


GOOD_LINE = {  # as the XLSX template's good row (tests/allocations/xlsx_helpers.GOOD)
    "units_delivered": 500,
    "clients_in_care": 10,
    "average_duration_weeks": 12,
    "expected_outflow": 3,
    "expected_units": 400,
    "waiting_list": 5,
    "waiting_weeks": 6,
    "trend": "stijgend",
    "regional_use_percent": 90,
}
ZERO_LINE = {**{k: 0 for k in GOOD_LINE}, "trend": "gelijk"}


def forecast_json(month=5, year=2016, lines=None, **extra):
    """A month's forecast of World's provider: 45A01 as GOOD_LINE (900 hours at € 100), 43A02 zero."""
    lines = lines or {}
    return {
        "year": year,
        "month": month,
        "explanation": "Afgeschaald naar basis-GGZ",
        "lines": [
            {"product_code": "45A01", **GOOD_LINE, **lines.get("45A01", {})},
            {"product_code": "43A02", **ZERO_LINE, **lines.get("43A02", {})},
        ],
        **extra,
    }
