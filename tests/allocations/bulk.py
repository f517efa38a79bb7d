"""More data for query-count tests: providers with forecasts, extra forecast versions."""

from decimal import Decimal

from django.contrib.auth import get_user_model

from accounting.services.awards import budget_grant_make
from allocations.models import ForecastSubmission
from allocations.services import budget_requests as request_services
from allocations.services import forecasts as forecast_services
from core.models import Provider, Region
from tests.allocations.factories import RULE_6_TEXT, ProductFactory, row


def add_providers(count: int, months: int = 3) -> None:
    region = Region.objects.get(slug="holland-rijnland")
    two = get_user_model().objects.get(username="two")
    for n in range(count):
        provider = Provider.objects.create(
            name=f"Extra aanbieder {n}", slug=f"extra-{n}", region=region
        )
        product = ProductFactory(provider=provider, code="45A01")
        request = request_services.budget_request_submit(
            provider=provider,
            year=2016,
            quantities={product: Decimal("100")},
            motivation="x",
            user=two,
            **RULE_6_TEXT,
        )
        budget_grant_make(
            request=request, granted={request.lines.get().pk: Decimal("100")}, note="", user=two
        )
        for month in range(1, months + 1):
            forecast_services.forecast_submit(
                provider=provider,
                year=2016,
                month=month,
                rows=[row("45A01", "50", str(40 + n * 3))],
                explanation="",
                source=ForecastSubmission.Source.WEB,
                user=two,
            )


def add_forecast_versions(slug: str, count: int) -> None:
    provider = Provider.objects.get(slug=slug)
    user = get_user_model().objects.get(username="aanbieder")
    for _ in range(count):
        current = (
            ForecastSubmission.objects.filter(provider=provider, is_current=True)
            .order_by("-month")
            .first()
        )
        rows = [
            forecast_services.ForecastRow(
                **{
                    f: getattr(line, f)
                    for f in (
                        "units_delivered",
                        "clients_in_care",
                        "average_duration_weeks",
                        "expected_outflow",
                        "expected_units",
                        "waiting_list",
                        "waiting_weeks",
                        "trend",
                        "regional_use_percent",
                    )
                },
                product_code=line.product.code,
            )
            for line in current.lines.select_related("product")
        ]
        forecast_services.forecast_submit(
            provider=provider,
            year=2016,
            month=current.month,
            rows=rows,
            explanation="x",
            source=ForecastSubmission.Source.WEB,
            user=user,
        )
