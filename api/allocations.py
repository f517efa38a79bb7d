"""Provider budgets, monthly forecasts with their status (100% / 105%), a forecast sent as JSON, and
the BSNs of clients taken in above budget (masked), as the JSON API serves them.

Who sees what is the site's rule, never a new one: a provider's records are read under
`allocations.selectors.providers_visible_q` (a provider its own organisation, TWO staff the
providers that work for their funds) and, for what belongs to a fund, `fund_records_q` /
`forecasts_visible_q` (TWO staff their organisations' funds only). Another organisation's record
is a 404, a list filtered to it is empty.

A forecast sent as JSON is read by the same rules as the XLSX upload (`allocations.xlsx.parse_rows`
and `parse_bsn_rows`, the cells in the template's column order) and saved by the same service
(`allocations.services.forecast_submit`): one bad value refuses the whole request (400) with the
row and field of every error, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import DecimalField, ExpressionWrapper, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from openpyxl.utils import get_column_letter
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from allocations import selectors, services, xlsx
from allocations.exceptions import AllocationError
from allocations.forecast import STOP_LIMIT, forecast_percent, forecast_status
from allocations.models import (
    BudgetLine,
    ClientRegistration,
    ForecastLine,
    ForecastStatus,
    ForecastSubmission,
    IntakeStop,
    Product,
)
from api.etags import ETAG_PARAMETER, NOT_MODIFIED, ETagMixin
from api.fields import NamedRef
from api.filters import FUND, PROVIDER, YEAR, choice_param, int_param, status_parameter, year_param
from api.params import bad_request, money, percent, ref
from core.models import Provider
from core.permissions import is_provider_user, user_provider_id
from fund.models import Fund

_AMOUNT = DecimalField(max_digits=16, decimal_places=2)
MAX_LINES = 5000  # products in one forecast (the bench's import has 10,000 rows in XLSX: the API takes a month's)
MAX_CLIENTS = 1000

MONTH = OpenApiParameter(
    "month", {"type": "integer", "minimum": 1, "maximum": 12}, description="Alleen van deze maand."
)
STATUS = status_parameter(ForecastStatus.values)
STATUS.description = "green: tot en met 100%; amber: boven 100% tot en met 105% (BSN verplicht); red: boven 105% (opnamestop)."


def visible_providers(user):
    """The providers whose budgets the user sees on the site (allocations.selectors.providers_visible_q)."""
    return Provider.objects.filter(selectors.providers_visible_q(user)).values("pk")


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="Wat er mis is, in het Nederlands.")


RefSerializer = NamedRef


# --- budgets ------------------------------------------------------------------------------------


class ProductBudgetSerializer(serializers.Serializer):
    product_code = serializers.CharField()
    product_name = serializers.CharField()
    amount = serializers.DecimalField(max_digits=16, decimal_places=2)


class BudgetStatusSerializer(serializers.Serializer):
    month = serializers.IntegerField(
        allow_null=True, help_text="De laatste maand met een prognose."
    )
    forecast_cost = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    percent = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    status = serializers.ChoiceField(ForecastStatus.choices, allow_null=True)
    intake_stop_since = serializers.DateField(allow_null=True)


class BudgetSerializer(serializers.Serializer):
    """A provider's granted budget of one fund and year, per product, with its forecast status."""

    provider = RefSerializer(help_text="De aanbieder.")
    fund = RefSerializer(help_text="Het fonds dat het budget toekende.")
    year = serializers.IntegerField()
    granted = serializers.DecimalField(max_digits=16, decimal_places=2)
    products = ProductBudgetSerializer(many=True)
    forecast = BudgetStatusSerializer()

    def to_representation(self, row):
        return row  # built whole by BudgetList.rows (a fixed number of queries per page)


@extend_schema(
    summary="Toegekende budgetten van aanbieders, met de status van de prognose",
    parameters=[PROVIDER, FUND, YEAR, ETAG_PARAMETER],
    responses={200: BudgetSerializer(many=True), 304: NOT_MODIFIED},
)
class BudgetList(ETagMixin, generics.ListAPIView):
    serializer_class = BudgetSerializer

    def get_queryset(self):
        user, params = self.request.user, self.request
        lines = BudgetLine.objects.filter(
            selectors.fund_records_q(user), provider__in=visible_providers(user)
        )
        if (provider := int_param(params, "provider")) is not None:
            lines = lines.filter(provider=provider)
        if (fund := int_param(params, "fund")) is not None:
            lines = lines.filter(fund=fund)
        if (year := year_param(params)) is not None:
            lines = lines.filter(year=year)
        return (
            lines.values("provider_id", "provider__name", "fund_id", "fund__name", "year")
            .annotate(granted=Sum("amount"))
            .order_by("provider__name", "fund__name", "year")
        )

    def list(self, request, *args, **kwargs):
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        rows = self.rows(list(page if page is not None else queryset))
        if page is not None:
            return self.get_paginated_response(rows)
        return Response(rows)

    @staticmethod
    def rows(budgets: list[dict]) -> list[dict]:
        """Each budget with its products and its status: the latest month's current forecast of that
        budget against it (the site's rule, allocations.forecast). Three queries for the page."""
        keys = {(b["provider_id"], b["fund_id"], b["year"]) for b in budgets}
        providers = {k[0] for k in keys}
        funds = {k[1] for k in keys}
        years = {k[2] for k in keys}
        products: dict[tuple, list] = {}
        for r in (
            BudgetLine.objects.filter(provider__in=providers, fund__in=funds, year__in=years)
            .values("provider_id", "fund_id", "year", "product__code", "product__name")
            .annotate(amount=Sum("amount"))
            .order_by("product__code")
        ):
            key = (r["provider_id"], r["fund_id"], r["year"])
            if key in keys:
                products.setdefault(key, []).append(
                    {
                        "product_code": r["product__code"],
                        "product_name": r["product__name"],
                        "amount": money(r["amount"]),
                    }
                )
        latest: dict[tuple, tuple[int, Decimal]] = {}
        for r in (
            ForecastLine.objects.filter(
                submission__provider__in=providers,
                submission__fund__in=funds,
                submission__year__in=years,
                submission__is_current=True,
            )
            .values(
                "submission__provider_id",
                "submission__fund_id",
                "submission__year",
                "submission__month",
            )
            .annotate(cost=Sum("cost"))
            .order_by("submission__month")
        ):
            key = (r["submission__provider_id"], r["submission__fund_id"], r["submission__year"])
            latest[key] = (r["submission__month"], r["cost"])  # ordered by month: the last wins
        stops = {
            (s.provider_id, s.fund_id, s.year): s.started_on
            for s in IntakeStop.objects.filter(
                provider__in=providers, fund__in=funds, year__in=years, ended_on__isnull=True
            )
        }
        result = []
        for b in budgets:
            key = (b["provider_id"], b["fund_id"], b["year"])
            granted = Decimal(b["granted"] or 0).quantize(Decimal("0.01"))
            month, cost = latest.get(key, (None, None))
            cost = None if cost is None else Decimal(cost).quantize(Decimal("0.01"))
            result.append(
                {
                    "provider": ref(b["provider_id"], b["provider__name"]),
                    "fund": ref(b["fund_id"], b["fund__name"]),
                    "year": b["year"],
                    "granted": money(granted),
                    "products": products.get(key, []),
                    "forecast": {
                        "month": month,
                        "forecast_cost": money(cost),
                        "percent": percent(
                            None if cost is None else forecast_percent(cost, granted)
                        ),
                        "status": None if cost is None else forecast_status(cost, granted),
                        "intake_stop_since": (stops[key].isoformat() if key in stops else None),
                    },
                }
            )
        return result


# --- forecasts (read) ---------------------------------------------------------------------------


def forecasts_for(user):
    """The forecasts `user` sees as on the site (the provider's page and its history): of a visible
    provider, and of a fund whose records the user sees."""
    return ForecastSubmission.objects.filter(
        selectors.forecasts_visible_q(user), provider__in=visible_providers(user)
    )


def with_totals(forecasts):
    """Each forecast's cost and the budget it is measured against, as SQL (the SUMs of its lines and
    of its budget's lines): what a filter by status needs."""
    cost = (
        ForecastLine.objects.filter(submission=OuterRef("pk"))
        .order_by()
        .values("submission")
        .annotate(s=Sum("cost"))
        .values("s")
    )
    budget = (
        BudgetLine.objects.filter(
            provider=OuterRef("provider"), fund=OuterRef("fund"), year=OuterRef("year")
        )
        .order_by()
        .values("provider")
        .annotate(s=Sum("amount"))
        .values("s")
    )
    return forecasts.annotate(
        cost_total=Coalesce(Subquery(cost, output_field=_AMOUNT), Decimal(0), output_field=_AMOUNT),
        budget_total=Coalesce(
            Subquery(budget, output_field=_AMOUNT), Decimal(0), output_field=_AMOUNT
        ),
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
)


def forecast_row(forecast: ForecastSubmission) -> dict:
    """A forecast as the list's rows are (LIST_FIELDS), with its cost and budget."""
    row = {name: getattr(forecast, name) for name in LIST_FIELDS if "__" not in name}
    row["provider__name"], row["fund__name"] = forecast.provider.name, forecast.fund.name
    return attach_totals([row])[0]


def attach_totals(rows: list[dict]) -> list[dict]:
    """The cost and budget of a page of forecasts (rows of LIST_FIELDS), in two grouped queries (a
    correlated SUM per row costs several times more over a million lines); rows that carry them
    already (a filter by status computed them) keep them."""
    todo = [r for r in rows if "cost_total" not in r]
    if not todo:
        return rows
    costs = dict(
        ForecastLine.objects.filter(submission__in=[r["pk"] for r in todo])
        .values("submission")
        .annotate(s=Sum("cost"))
        .values_list("submission", "s")
        .order_by()
    )
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
        r["cost_total"] = Decimal(costs.get(r["pk"]) or 0)
        r["budget_total"] = Decimal(budgets.get((r["provider_id"], r["fund_id"], r["year"])) or 0)
    return rows


STATUS_Q = {  # allocations.forecast.forecast_status, as a filter
    ForecastStatus.GREEN: Q(cost_total__lte=F("budget_total")),
    ForecastStatus.AMBER: Q(cost_total__gt=F("budget_total"), cost_total__lte=F("stop_ceiling")),
    ForecastStatus.RED: Q(cost_total__gt=F("stop_ceiling")),
}


class ForecastSerializer(serializers.Serializer):
    """One month's forecast of one budget (provider, fund, year), with its status."""

    id = serializers.IntegerField()
    provider = RefSerializer(help_text="De aanbieder.")
    fund = RefSerializer(help_text="Het fonds waarvan het budget geldt.")
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    version = serializers.IntegerField()
    is_current = serializers.BooleanField(help_text="De geldende versie van deze maand.")
    source = serializers.ChoiceField(ForecastSubmission.Source.choices)
    submitted_at = serializers.DateTimeField()
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)
    budget = serializers.DecimalField(max_digits=16, decimal_places=2)
    percent = serializers.DecimalField(max_digits=12, decimal_places=1, allow_null=True)
    status = serializers.ChoiceField(ForecastStatus.choices)

    def to_representation(self, r):
        """`r`: a row of LIST_FIELDS with its totals (attach_totals)."""
        cost, budget = r["cost_total"], r["budget_total"]
        return {
            "id": r["pk"],
            "provider": ref(r["provider_id"], r["provider__name"]),
            "fund": ref(r["fund_id"], r["fund__name"]),
            "year": r["year"],
            "month": r["month"],
            "version": r["version"],
            "is_current": r["is_current"],
            "source": r["source"],
            "submitted_at": r["submitted_at"].isoformat().replace("+00:00", "Z"),
            "cost": money(cost),
            "budget": money(budget),
            "percent": percent(forecast_percent(cost, budget)),
            "status": forecast_status(cost, budget),
        }


class ForecastLineSerializer(serializers.Serializer):
    product_code = serializers.CharField()
    product_name = serializers.CharField()
    units_delivered = serializers.DecimalField(max_digits=14, decimal_places=2)
    clients_in_care = serializers.IntegerField()
    average_duration_weeks = serializers.DecimalField(max_digits=8, decimal_places=2)
    expected_outflow = serializers.IntegerField()
    expected_units = serializers.DecimalField(max_digits=14, decimal_places=2)
    expected_units_estimated = serializers.BooleanField()
    waiting_list = serializers.IntegerField()
    waiting_weeks = serializers.DecimalField(max_digits=6, decimal_places=1)
    trend = serializers.ChoiceField(list(xlsx.TRENDS))
    regional_use_percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    price = serializers.DecimalField(max_digits=16, decimal_places=2)
    cost = serializers.DecimalField(max_digits=16, decimal_places=2)


class ForecastDetailSerializer(ForecastSerializer):
    explanation = serializers.CharField(allow_blank=True)
    lines = ForecastLineSerializer(many=True)

    def to_representation(self, f):
        data = super().to_representation(forecast_row(f))
        data["explanation"] = f.explanation
        data["lines"] = [
            {
                "product_code": line.product.code,
                "product_name": line.product.name,
                "units_delivered": str(line.units_delivered),
                "clients_in_care": line.clients_in_care,
                "average_duration_weeks": str(line.average_duration_weeks),
                "expected_outflow": line.expected_outflow,
                "expected_units": str(line.expected_units),
                "expected_units_estimated": line.expected_units_estimated,
                "waiting_list": line.waiting_list,
                "waiting_weeks": str(line.waiting_weeks),
                "trend": xlsx.TREND_WORD[line.trend],
                "regional_use_percent": str(line.regional_use_percent),
                "price": money(line.price),
                "cost": money(line.cost),
            }
            for line in selectors.forecast_lines(f)
        ]
        return data


# --- forecasts (write) --------------------------------------------------------------------------


@extend_schema_field({"oneOf": [{"type": "string"}, {"type": "number"}]})
class CellField(serializers.Field):
    """A value as a provider types it in the template: a number, or text in Dutch or plain notation
    ("12,5", "1.250"); read by the template's own rules."""


class ForecastLineInputSerializer(serializers.Serializer):
    product_code = serializers.CharField(
        help_text="De iJw-productcode, zoals op de productenlijst."
    )
    units_delivered = CellField(help_text=xlsx.INPUTS[0].header)
    clients_in_care = CellField(help_text=xlsx.INPUTS[1].header)
    average_duration_weeks = CellField(help_text=xlsx.INPUTS[2].header)
    expected_outflow = CellField(help_text=xlsx.INPUTS[3].header)
    expected_units = CellField(help_text=xlsx.INPUTS[4].header)
    waiting_list = CellField(help_text=xlsx.INPUTS[5].header)
    waiting_weeks = CellField(help_text=xlsx.INPUTS[6].header)
    trend = serializers.ChoiceField(list(xlsx.TRENDS), help_text="stijgend, gelijk of dalend.")
    regional_use_percent = CellField(help_text=xlsx.INPUTS[8].header)


class ClientInputSerializer(serializers.Serializer):
    product_code = serializers.CharField()
    bsn = serializers.CharField(help_text="Het BSN (elfproef); wordt nooit teruggegeven.")
    intake_on = serializers.DateField(
        help_text="Opnamedatum (JJJJ-MM-DD), in het jaar van de prognose."
    )


class ForecastInputSerializer(serializers.Serializer):
    fund = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Id van het fonds (de regio) waarvan het budget geldt; nodig als u in dat jaar budget uit meer dan één fonds hebt.",
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    month = serializers.IntegerField(min_value=1, max_value=12)
    explanation = serializers.CharField(required=False, allow_blank=True)
    lines = ForecastLineInputSerializer(
        many=True, help_text="Een regel per product van uw productenlijst."
    )
    clients = ClientInputSerializer(
        many=True,
        required=False,
        help_text="Cliënten die boven budget zijn opgenomen (alleen boven 100%).",
    )


class RowErrorSerializer(serializers.Serializer):
    section = serializers.ChoiceField(
        ["lines", "clients", ""], help_text="De lijst waarin de fout zit."
    )
    row = serializers.IntegerField(allow_null=True, help_text="Regelnummer in die lijst, vanaf 1.")
    field = serializers.CharField(allow_blank=True)
    column = serializers.CharField(allow_blank=True, help_text="De kolom van het sjabloon.")
    message = serializers.CharField(help_text="De reden, in het Nederlands.")


class RefusedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = RowErrorSerializer(
        many=True, required=False, help_text="Elke fout: lijst, regel, veld en reden."
    )
    fields = serializers.DictField(required=False, help_text="Fouten per veld van het verzoek.")


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


def _refuse(errors: list[dict]):
    return bad_request(REFUSED, errors=errors)


def _error(section: str, row, field: str, column: str, message: str) -> dict:
    return {"section": section, "row": row, "field": field, "column": column, "message": message}


def _json_list(data: dict, name: str, limit: int, errors: list[dict], required: bool) -> list[dict]:
    items = data.get(name, None)
    if items is None:
        if required:
            errors.append(_error(name, None, name, "", "ontbreekt; geef een lijst van regels"))
        return []
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        errors.append(_error(name, None, name, "", "moet een lijst van objecten zijn"))
        return []
    if len(items) > limit:
        errors.append(_error(name, None, name, "", f"ten hoogste {limit} regels"))
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
        errors.append(_error("", None, "explanation", "", "moet tekst zijn"))
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
    rows = xlsx.parse_rows(cells, sheet="lines", product_codes=product_codes, errors=found)
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
    parsed_clients = xlsx.parse_bsn_rows(
        client_cells, product_codes=product_codes, errors=found, year=year
    )
    for sheet, row, column, reason in found:
        if sheet == xlsx.BSN_SHEET:
            field, header = _CLIENT_COLUMNS.get(column, ("", ""))
            errors.append(_error("clients", row, field, header, reason))
        elif column == _CODE_COLUMN:
            errors.append(_error("lines", row, "product_code", "Productcode", reason))
        else:
            field, header = _INPUT_COLUMNS.get(column, ("", ""))
            errors.append(_error("lines", row, field, header, reason))
    if errors:
        raise _refuse(errors[: xlsx.MAX_ERRORS])
    return rows, parsed_clients, explanation


@extend_schema(
    summary="Prognoses van aanbieders per maand en budget, met hun status (100% en 105%)",
    parameters=[PROVIDER, FUND, YEAR, MONTH, STATUS, ETAG_PARAMETER],
    responses={200: ForecastSerializer(many=True), 304: NOT_MODIFIED},
)
class ForecastList(ETagMixin, generics.ListAPIView):
    serializer_class = ForecastSerializer

    def get_queryset(self):
        params = self.request
        forecasts = forecasts_for(self.request.user).filter(is_current=True)
        if (provider := int_param(params, "provider")) is not None:
            forecasts = forecasts.filter(provider=provider)
        if (fund := int_param(params, "fund")) is not None:
            forecasts = forecasts.filter(fund=fund)
        if (year := year_param(params)) is not None:
            forecasts = forecasts.filter(year=year)
        if (month := int_param(params, "month", low=1, high=12)) is not None:
            forecasts = forecasts.filter(month=month)
        if (wanted := choice_param(params, "status", ForecastStatus.values)) is not None:
            forecasts = with_totals(forecasts).filter(STATUS_Q[wanted])
        totals = ("cost_total", "budget_total") if wanted is not None else ()
        return forecasts.values(*LIST_FIELDS, *totals).order_by(
            "year", "month", "provider__name", "fund__name", "pk"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = attach_totals(list(page if page is not None else self.get_queryset()))
        data = self.get_serializer(rows, many=True).data
        return self.get_paginated_response(data) if page is not None else Response(data)

    @extend_schema(
        summary="Een maandprognose indienen (als aanbieder), met dezelfde controles als het XLSX-sjabloon",
        request=ForecastInputSerializer,
        responses={201: ForecastDetailSerializer, 400: RefusedSerializer, 403: DetailSerializer},
    )
    @sensitive_variables()
    def post(self, request, *args, **kwargs):
        user = request.user
        provider_id = user_provider_id(user)
        if not (is_provider_user(user) and provider_id):
            raise PermissionDenied("Alleen een aanbieder dient een prognose in, voor zichzelf.")
        provider = Provider.objects.get(pk=provider_id)
        data = request.data if isinstance(request.data, dict) else None
        if data is None:
            raise bad_request("Stuur een JSON-object met year, month en lines.")
        head = ForecastInputSerializer(
            data={k: data[k] for k in ("year", "month", "fund") if k in data}, partial=False
        )
        head.fields["lines"].required = False
        if not head.is_valid():
            raise bad_request(REFUSED, fields=head.errors)
        year, month = head.validated_data["year"], head.validated_data["month"]
        fund = _own_fund(provider, head.validated_data.get("fund"))
        codes = set(Product.objects.filter(provider=provider).values_list("code", flat=True))
        rows, clients, explanation = parse_forecast_json(data, product_codes=codes, year=year)
        try:
            submission = services.forecast_submit(
                provider=provider,
                year=year,
                month=month,
                rows=rows,
                clients=clients,
                explanation=explanation,
                source=ForecastSubmission.Source.API,
                user=user,
                fund=fund,
            )
        except AllocationError as exc:
            raise _refuse([_error("", None, "", "", exc.message)]) from None
        saved = forecasts_for(user).select_related("provider", "fund").get(pk=submission.pk)
        return Response(ForecastDetailSerializer(saved).data, status=status.HTTP_201_CREATED)


def _own_fund(provider: Provider, fund_id: int | None) -> Fund | None:
    """The fund a provider names for its forecast or client: one that granted it a budget (any year;
    the service checks the year); another is refused as on the site's forms."""
    if not fund_id:
        return None
    for fund in selectors.provider_funds(provider):
        if fund.pk == fund_id:
            return fund
    raise bad_request("fund: kies een fonds waaruit u budget hebt.")


@extend_schema(
    summary="Eén maandprognose met haar regels per product",
    responses={200: ForecastDetailSerializer, 404: DetailSerializer},
)
class ForecastDetail(generics.RetrieveAPIView):
    serializer_class = ForecastDetailSerializer

    def get_object(self):
        return get_object_or_404(
            forecasts_for(self.request.user).select_related("provider", "fund"),
            pk=self.kwargs["pk"],
        )


# --- clients taken in above budget (BSN, masked) ------------------------------------------------


class ClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provider = RefSerializer()
    fund = RefSerializer()
    year = serializers.IntegerField()
    product_code = serializers.CharField()
    intake_on = serializers.DateField()
    bsn_masked = serializers.CharField(help_text="Alleen de laatste drie cijfers, na zes sterretjes.")
    registered_at = serializers.DateTimeField()

    def to_representation(self, r):
        return {
            "id": r.pk,
            "provider": ref(r.provider_id, r.provider.name),
            "fund": ref(r.fund_id, r.fund.name),
            "year": r.year,
            "product_code": r.product.code,
            "intake_on": r.intake_on.isoformat(),
            "bsn_masked": r.masked_bsn,
            "registered_at": r.registered_at.isoformat().replace("+00:00", "Z"),
        }


class ClientInputOneSerializer(serializers.Serializer):
    product_code = serializers.CharField(max_length=5)
    bsn = serializers.CharField(
        max_length=11, help_text="Het BSN (elfproef); wordt nooit teruggegeven."
    )
    intake_on = serializers.DateField(help_text="Opnamedatum (JJJJ-MM-DD).")
    year = serializers.IntegerField(
        min_value=2000,
        max_value=2100,
        required=False,
        help_text="Het budgetjaar; standaard het jaar van de opnamedatum.",
    )
    fund = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="Id van het fonds, bij budget uit meer dan één fonds.",
    )


@extend_schema(
    summary="Cliënten die boven budget zijn opgenomen (BSN gemaskeerd)",
    parameters=[PROVIDER, FUND, YEAR, ETAG_PARAMETER],
    responses={200: ClientSerializer(many=True), 304: NOT_MODIFIED},
)
class ClientList(ETagMixin, generics.ListAPIView):
    serializer_class = ClientSerializer

    def get_queryset(self):
        user, params = self.request.user, self.request
        registrations = ClientRegistration.objects.filter(
            selectors.fund_records_q(user), provider__in=visible_providers(user)
        )
        if (provider := int_param(params, "provider")) is not None:
            registrations = registrations.filter(provider=provider)
        if (fund := int_param(params, "fund")) is not None:
            registrations = registrations.filter(fund=fund)
        if (year := year_param(params)) is not None:
            registrations = registrations.filter(year=year)
        return registrations.select_related("provider", "fund", "product").order_by(
            "-intake_on", "pk"
        )

    @extend_schema(
        summary="Een cliënt vastleggen die boven budget is opgenomen (als aanbieder)",
        request=ClientInputOneSerializer,
        responses={201: ClientSerializer, 400: RefusedSerializer, 403: DetailSerializer},
    )
    @sensitive_variables()
    def post(self, request, *args, **kwargs):
        user = request.user
        provider_id = user_provider_id(user)
        if not (is_provider_user(user) and provider_id):
            raise PermissionDenied("Alleen een aanbieder legt zijn eigen cliënten vast.")
        provider = Provider.objects.get(pk=provider_id)
        form = ClientInputOneSerializer(data=request.data if isinstance(request.data, dict) else {})
        if not form.is_valid():
            # never the BSN back: the messages name the field, not its value
            raise bad_request(
                "De cliënt is niet vastgelegd; er is niets opgeslagen.", fields=form.errors
            )
        data = form.validated_data
        product = Product.objects.filter(provider=provider, code=data["product_code"]).first()
        if product is None:
            raise bad_request("product_code: dit product staat niet op uw productenlijst.")
        intake_on: dt.date = data["intake_on"]
        try:
            registration = services.client_register(
                provider=provider,
                product=product,
                year=data.get("year") or intake_on.year,
                bsn=data["bsn"],
                intake_on=intake_on,
                user=user,
                fund=_own_fund(provider, data.get("fund")),
            )
        except AllocationError as exc:
            raise bad_request(exc.message) from None
        registration = ClientRegistration.objects.select_related("provider", "fund", "product").get(
            pk=registration.pk
        )
        return Response(ClientSerializer(registration).data, status=status.HTTP_201_CREATED)


@extend_schema(
    summary="Eén vastgelegde cliënt (BSN gemaskeerd)",
    responses={200: ClientSerializer, 404: DetailSerializer},
)
class ClientDetail(generics.RetrieveAPIView):
    serializer_class = ClientSerializer

    def get_object(self):
        user = self.request.user
        return get_object_or_404(
            ClientRegistration.objects.filter(
                selectors.fund_records_q(user), provider__in=visible_providers(user)
            ).select_related("provider", "fund", "product"),
            pk=self.kwargs["pk"],
        )
