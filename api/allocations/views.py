"""Provider budgets, monthly forecasts with their status (100% / 105%), a forecast sent as JSON, and
the BSNs of clients taken in above budget (masked), as the JSON API serves them.

Who sees what is the site's rule, never a new one: a provider's records are read under
`allocations.selectors.providers.providers_visible_q` (a provider its own organisation, TWO staff the
providers that work for their funds) and, for what belongs to a fund, `fund_records_q` /
`forecasts_visible_q` (TWO staff their organisations' funds only). Another organisation's record
is a 404, a list filtered to it is empty.

A forecast sent as JSON is read by the same rules as the XLSX upload (`allocations.xlsx_reading.parse_rows`
and `parse_bsn_rows`, the cells in the template's column order) and saved by the same service
(`allocations.services.forecasts.forecast_submit`): one bad value refuses the whole request (400) with the
row and field of every error, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import Sum
from django.shortcuts import get_object_or_404
from django.views.decorators.debug import sensitive_variables
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from allocations.exceptions import AllocationError
from allocations.forecast import forecast_percent, forecast_status
from allocations.models import (
    BudgetLine,
    ClientRegistration,
    ForecastLine,
    ForecastStatus,
    ForecastSubmission,
    IntakeStop,
    Product,
)
from allocations.selectors import forecasts as forecast_selectors
from allocations.selectors import providers as provider_selectors
from allocations.services import clients as client_services
from allocations.services import forecasts as forecast_services
from api.allocations.forecasts import (
    LIST_FIELDS,
    REFUSED,
    STATUS_Q,
    error,
    forecasts_for,
    parse_forecast_json,
    refuse,
    visible_providers,
    with_totals,
)
from api.allocations.serializers import (
    BudgetSerializer,
    ClientInputOneSerializer,
    ClientSerializer,
    DetailSerializer,
    ForecastDetailSerializer,
    ForecastInputSerializer,
    ForecastSerializer,
    RefusedSerializer,
)
from api.etags import ETAG_PARAMETER, NOT_MODIFIED, ETagMixin
from api.filters import FUND, PROVIDER, YEAR, choice_param, int_param, status_parameter, year_param
from api.params import bad_request, money, percent, ref
from core.models import Provider
from core.permissions import is_provider_user, user_provider_id
from fund.models import Fund

MONTH = OpenApiParameter(
    "month", {"type": "integer", "minimum": 1, "maximum": 12}, description="Alleen van deze maand."
)
STATUS = status_parameter(ForecastStatus.values)
STATUS.description = "green: tot en met 100%; amber: boven 100% tot en met 105% (BSN verplicht); red: boven 105% (opnamestop)."


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
            provider_selectors.fund_records_q(user), provider__in=visible_providers(user)
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
        forecasts = with_totals(forecasts)
        if (wanted := choice_param(params, "status", ForecastStatus.values)) is not None:
            forecasts = forecasts.filter(STATUS_Q[wanted])
        totals = ("cost_total", "budget_total")
        return forecasts.values(*LIST_FIELDS, *totals).order_by(
            "year", "month", "provider__name", "fund__name", "pk"
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        rows = list(page if page is not None else self.get_queryset())
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
            submission = forecast_services.forecast_submit(
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
            raise refuse([error("", None, "", "", exc.message)]) from None
        saved = forecasts_for(user).select_related("provider", "fund").get(pk=submission.pk)
        return Response(ForecastDetailSerializer(saved).data, status=status.HTTP_201_CREATED)


def _own_fund(provider: Provider, fund_id: int | None) -> Fund | None:
    """The fund a provider names for its forecast or client: one that granted it a budget (any year;
    the service checks the year); another is refused as on the site's forms."""
    if not fund_id:
        return None
    for fund in forecast_selectors.provider_funds(provider):
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
            provider_selectors.fund_records_q(user), provider__in=visible_providers(user)
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
            registration = client_services.client_register(
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
                provider_selectors.fund_records_q(user), provider__in=visible_providers(user)
            ).select_related("provider", "fund", "product"),
            pk=self.kwargs["pk"],
        )
