import datetime as dt
from decimal import Decimal

import factory
from djmoney.money import Money

from accounting.services.awards import budget_grant_make
from allocations.models import ForecastSubmission, Product, ProductCategory, Tariff, Unit
from allocations.selectors.common import GRANT_FUND_SLUG
from allocations.services import budget_requests as request_services
from allocations.services import forecasts as forecast_services
from core.roles import Role
from tests.factories import FundFactory, ProviderFactory, RegionFactory, TrancheFactory, make_user

# seed 002 §2.2 rule 6: what every PxQ request states (required to submit)
RULE_6_TEXT = {
    "scaling_down": "Cliënten na de behandelfase overgedragen aan het JGT.",
    "referring_back": "Lichte vragen terugverwezen naar de huisarts.",
    "shortening": "Trajecten met een evaluatie na twaalf weken.",
    "demand_evidence": "Meer aanmeldingen dan vorig jaar bij gelijke uitstroom.",
}


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    provider = factory.SubFactory(ProviderFactory)
    category = ProductCategory.AMBULATORY
    code = factory.Sequence(lambda n: f"45A{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Ambulante begeleiding {n}")
    unit = Unit.HOUR


# The units of World's products: a tariff for one of these codes is per the product's unit.
WORLD_UNITS = {"45A01": Unit.HOUR, "43A02": Unit.DAY}


class TariffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tariff

    region = factory.SubFactory(RegionFactory)
    year = 2016
    product_code = "45A01"
    unit = factory.LazyAttribute(lambda tariff: WORLD_UNITS.get(tariff.product_code, Unit.HOUR))
    price = Money(Decimal("100.00"), "EUR")


def knelpunten_fund(region, amount=Decimal("3000000")):
    fund = FundFactory(
        slug=GRANT_FUND_SLUG,
        name="Knelpunten zorg in natura 2016",
        region=region,
        kind="one_off",
        term_start=dt.date(2016, 1, 1),
        term_end=dt.date(2016, 12, 31),
    )
    TrancheFactory(fund=fund, year=2016, amount=Money(amount, "EUR"))
    return fund


class World:
    """A region with the knelpunten fund, TWO staff, and providers with two products each."""

    def __init__(self, fund_amount=Decimal("3000000")):
        self.region = RegionFactory(slug="holland-rijnland-test", name="Holland Rijnland (test)")
        self.fund = knelpunten_fund(self.region, fund_amount)
        self.two = make_user("two-alloc", Role.TWO, email="two@example.org")
        TariffFactory(
            region=self.region, product_code="45A01", price=Money(Decimal("100.00"), "EUR")
        )
        TariffFactory(
            region=self.region, product_code="43A02", price=Money(Decimal("250.00"), "EUR")
        )
        self.providers = []
        self.users = []

    def provider(self, slug, budget_units=Decimal("1000")):
        """A provider with products 45A01 (uur, € 100) and 43A02 (etmaal, € 250); 45A01 granted
        `budget_units` hours, so the budget is budget_units x € 100."""
        provider = ProviderFactory(
            slug=slug, name=slug.replace("-", " ").title(), region=self.region
        )
        hours = ProductFactory(
            provider=provider, code="45A01", name="Ambulante begeleiding", unit=Unit.HOUR
        )
        days = ProductFactory(
            provider=provider,
            code="43A02",
            name="Verblijf met behandeling",
            category=ProductCategory.RESIDENTIAL_WITH_TREATMENT,
            unit=Unit.DAY,
        )
        user = make_user(f"user-{slug}", Role.PROVIDER, provider=provider)
        if budget_units:
            request = request_services.budget_request_submit(
                provider=provider,
                year=2016,
                quantities={hours: budget_units},
                motivation="Wachtlijst",
                user=user,
                **RULE_6_TEXT,
            )
            budget_grant_make(
                request=request,
                granted={request.lines.get().pk: budget_units},
                note="",
                user=self.two,
            )
        provider.hours, provider.days, provider.user = hours, days, user
        return provider

    def bare_forecast(self, provider, month, version=1):
        """A forecast row without lines, written past the service: for the database's own rules."""
        return ForecastSubmission.objects.create(
            provider=provider,
            fund=self.fund,
            year=2016,
            month=month,
            version=version,
            source="web",
            submitted_by=provider.user,
        )


def row(code="45A01", delivered="500", expected="400", **kw):
    values = dict(
        product_code=code,
        units_delivered=Decimal(delivered),
        clients_in_care=10,
        average_duration_weeks=Decimal("12"),
        expected_outflow=3,
        expected_units=None if expected is None else Decimal(expected),
        waiting_list=5,
        waiting_weeks=Decimal("6"),
        trend="rising",
        regional_use_percent=Decimal("90"),
    )
    values.update(kw)
    return forecast_services.ForecastRow(**values)


def submit(provider, month, delivered="500", expected="400", clients=(), days=("0", "0")):
    return forecast_services.forecast_submit(
        provider=provider,
        year=2016,
        month=month,
        source="web",
        user=provider.user,
        explanation="",
        rows=[row("45A01", delivered, expected), row("43A02", days[0], days[1])],
        clients=list(clients),
    )
