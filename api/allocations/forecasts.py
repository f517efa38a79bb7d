"""Which forecasts a user reads (the site's rule), their costs and budgets for a page, and a forecast
sent as JSON read by the XLSX template's own rules."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, Q, Sum
from django.views.decorators.debug import sensitive_variables
from openpyxl.utils import get_column_letter

from allocations import xlsx, xlsx_reading
from allocations.forecast import STOP_LIMIT
from allocations.models import (
    BudgetLine,
    ForecastStatus,
    ForecastSubmission,
)
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import providers as provider_selectors
from api.params import bad_request
from core.expressions import ModelSQL
from core.models import Provider

_AMOUNT = DecimalField(max_digits=16, decimal_places=2)
MAX_LINES = 5000  # products in one forecast (the bench's import has 10,000 rows in XLSX: the API takes a month's)
MAX_CLIENTS = 1000


def visible_providers(user):
    """The providers whose budgets the user sees on the site (allocations.selectors.providers.providers_visible_q)."""
    return Provider.objects.filter(provider_selectors.providers_visible_q(user)).values("pk")


# --- forecasts (read) ---------------------------------------------------------------------------


def forecasts_for(user):
    """The forecasts `user` sees as on the site (the provider's page and its history): of a visible
    provider, and of a fund whose records the user sees."""
    return ForecastSubmission.objects.filter(
        forecast_selectors.forecasts_visible_q(user), provider__in=visible_providers(user)
    )


class BudgetTotal(ModelSQL):
    """The budget of provider {0} in fund {1} for year {2}: the sum of its lines, 0 without."""

    model = BudgetLine
    sql = (
        "(SELECT COALESCE(SUM({amount}), 0) FROM {table} "
        "WHERE {provider} = {0} AND {fund} = {1} AND {year} = {2})"
    )
    output_field = _AMOUNT


def with_totals(forecasts):
    """Each forecast's cost and the budget it is measured against, as SQL (its total, which the
    database keeps, and the SUM of its budget's lines): what the list shows and a filter by status
    needs. Under a LIMIT, PostgreSQL computes the SUM for the page's rows only (an index lookup
    each); a grouped query of the page's budgets by their 500 ids cost more (the ids' parameters)."""
    return forecasts.annotate(
        cost_total=F("total_cost"),
        budget_total=BudgetTotal(F("provider"), F("fund"), F("year")),
        stop_ceiling=ExpressionWrapper(F("budget_total") * STOP_LIMIT, output_field=_AMOUNT),
    )


LIST_FIELDS = (
    "pk",
    "provider_id",
    "provider__name",
    "fund_id",
    "fund__name",
    "year",
    "month",
    "version",
    "is_current",
    "source",
    "submitted_at",
    "total_cost",  # its cost: the sum of its lines, which the database keeps (allocations 0009)
)


def forecast_row(forecast: ForecastSubmission) -> dict:
    """A forecast as the list's rows are (LIST_FIELDS), with its cost and budget."""
    row = {name: getattr(forecast, name) for name in LIST_FIELDS if "__" not in name}
    row["provider__name"], row["fund__name"] = forecast.provider.name, forecast.fund.name
    return attach_totals([row])[0]


def attach_totals(rows: list[dict]) -> list[dict]:
    """The cost and budget of forecasts read without with_totals (rows of LIST_FIELDS): the cost is
    the row's total, the budgets are read in one grouped query."""
    todo = [r for r in rows if "cost_total" not in r]
    if not todo:
        return rows
    budgets = {
        (b["provider"], b["fund"], b["year"]): b["s"]
        for b in BudgetLine.objects.filter(
            provider__in={r["provider_id"] for r in todo},
            fund__in={r["fund_id"] for r in todo},
            year__in={r["year"] for r in todo},
        )
        .values("provider", "fund", "year")
        .annotate(s=Sum("amount"))
        .order_by()
    }
    for r in todo:
        r["cost_total"] = r["total_cost"]
        r["budget_total"] = Decimal(budgets.get((r["provider_id"], r["fund_id"], r["year"])) or 0)
    return rows


STATUS_Q = {  # allocations.forecast.forecast_status, as a filter
    ForecastStatus.GREEN: Q(cost_total__lte=F("budget_total")),
    ForecastStatus.AMBER: Q(cost_total__gt=F("budget_total"), cost_total__lte=F("stop_ceiling")),
    ForecastStatus.RED: Q(cost_total__gt=F("stop_ceiling")),
}


# The template's columns, by the letters the reader reports them with, as the JSON names them.
_INPUT_COLUMNS = {
    f"{get_column_letter(offset)} ({column.header})": (column.field, column.header)
    for offset, column in enumerate(xlsx.INPUTS, start=len(xlsx.FIXED) + 1)
}
_CODE_COLUMN = "A (Productcode)"
_CLIENT_COLUMNS = {
    "A (Productcode)": ("product_code", "Productcode"),
    "B (BSN)": ("bsn", "BSN"),
    "C (Opnamedatum)": ("intake_on", "Opnamedatum"),
}
REFUSED = "De prognose is geweigerd; er is niets opgeslagen."


def refuse(errors: list[dict]):
    return bad_request(REFUSED, errors=errors)


def error(section: str, row, field: str, column: str, message: str) -> dict:
    return {"section": section, "row": row, "field": field, "column": column, "message": message}


def _json_list(data: dict, name: str, limit: int, errors: list[dict], required: bool) -> list[dict]:
    items = data.get(name, None)
    if items is None:
        if required:
            errors.append(error(name, None, name, "", "ontbreekt; geef een lijst van regels"))
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        errors.append(error(name, None, name, "", "moet een lijst van objecten zijn"))
        return []
    if len(items) > limit:
        errors.append(error(name, None, name, "", f"ten hoogste {limit} regels"))
        return []
    return items


def _cell(value):
    """A JSON value as a cell of the template: text and numbers as they are, anything else as text."""
    if value is None or isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return str(value)


@sensitive_variables()
def parse_forecast_json(data, *, product_codes: set[str], year: int) -> tuple[list, list, str]:
    """The lines and clients of a forecast sent as JSON, checked by the template's rules (every error
    by section, row and field); raises ValidationError (400) listing them all."""
    errors: list[dict] = []
    lines = _json_list(data, "lines", MAX_LINES, errors, required=True)
    clients = _json_list(data, "clients", MAX_CLIENTS, errors, required=False)
    explanation = data.get("explanation", "")
    if not isinstance(explanation, str):
        errors.append(error("", None, "explanation", "", "moet tekst zijn"))
        explanation = ""
    found: list[tuple] = []
    cells = [
        (
            number,
            _cell(line.get("product_code")),
            [
                # the JSON may name a trend by its stored value too (rising, stable, falling)
                xlsx.TREND_WORD.get(line.get(c.field), line.get(c.field))
                if c.kind == "trend"
                else _cell(line.get(c.field))
                for c in xlsx.INPUTS
            ],
        )
        for number, line in enumerate(lines, start=1)
    ]
    rows = xlsx_reading.parse_rows(cells, sheet="lines", product_codes=product_codes, errors=found)
    client_cells = [
        (
            number,
            [
                _cell(client.get("product_code")),
                None if client.get("bsn") is None else str(_cell(client.get("bsn"))),
                _cell(client.get("intake_on")),
            ],
        )
        for number, client in enumerate(clients, start=1)
    ]
    parsed_clients = xlsx_reading.parse_bsn_rows(
        client_cells, product_codes=product_codes, errors=found, year=year
    )
    for sheet, row, column, reason in found:
        if sheet == xlsx.BSN_SHEET:
            field, header = _CLIENT_COLUMNS.get(column, ("", ""))
            errors.append(error("clients", row, field, header, reason))
        elif column == _CODE_COLUMN:
            errors.append(error("lines", row, "product_code", "Productcode", reason))
        else:
            field, header = _INPUT_COLUMNS.get(column, ("", ""))
            errors.append(error("lines", row, field, header, reason))
    if errors:
        raise refuse(errors[: xlsx.MAX_ERRORS])
    return rows, parsed_clients, explanation
