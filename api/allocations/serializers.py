"""The shapes of the money endpoints of provider budgets (for the schema and the answers); the long
lists are written by hand in `to_representation`, without DRF's per-field work."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from allocations import xlsx
from allocations.forecast import forecast_percent, forecast_status
from allocations.models import (
    ForecastStatus,
    ForecastSubmission,
)
from allocations.selectors import forecasts as forecast_selectors
from api.allocations.forecasts import forecast_row
from api.fields import NamedRef
from api.params import money, percent, ref


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
        """`r`: a row of LIST_FIELDS with its totals (with_totals, or attach_totals)."""
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
            for line in forecast_selectors.forecast_lines(f)
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


# --- clients taken in above budget (BSN, masked) ------------------------------------------------


class ClientSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    provider = RefSerializer()
    fund = RefSerializer()
    year = serializers.IntegerField()
    product_code = serializers.CharField()
    intake_on = serializers.DateField()
    bsn_masked = serializers.CharField(
        help_text="Alleen de laatste drie cijfers, na zes sterretjes."
    )
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
